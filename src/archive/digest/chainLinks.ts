/**
 * The links between digests: each names its predecessor's key, SHA-256 and signature. A missing
 * predecessor inside the files given is a gap (a digest was deleted); a wrong hash or signature is
 * an edit; a chain that starts again (previous fields `null`) is CloudTrail saying validation or
 * logging was off, which AWS's own validate-logs reports without failing.
 */
import { basename } from 'node:path';
import type { DigestFile } from './digestFile';
import type { ChainIssue, ChainNote } from './integrityTypes';

/** `bucket/key`. */
export function s3PathOf(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

/** Digests of one trail in one region form one chain; the file name without its timestamp names it. */
function chainKey(digest: DigestFile): string {
  const name = basename(digest.fields.digestS3Object).replace(/_\d{8}T\d{6}Z\.json(\.gz)?$/, '');
  return s3PathOf(digest.fields.digestS3Bucket, name);
}

/**
 * Checks every link. `ownSignature` gives a digest's own signature (metadata/sidecar) when known,
 * to compare with what its successor recorded.
 */
export function checkChainLinks(digests: readonly DigestFile[], ownSignature: (digest: DigestFile) => string | undefined): { issues: ChainIssue[]; notes: ChainNote[] } {
  const issues: ChainIssue[] = [];
  const notes: ChainNote[] = [];
  const byS3Path = new Map(digests.map((d) => [s3PathOf(d.fields.digestS3Bucket, d.fields.digestS3Object), d]));
  const chains = new Map<string, DigestFile[]>();
  for (const d of digests) chains.set(chainKey(d), [...(chains.get(chainKey(d)) ?? []), d]);
  for (const members of chains.values()) {
    members.sort((a, b) => a.fields.digestEndTime.localeCompare(b.fields.digestEndTime));
    members.forEach((d, i) => {
      const f = d.fields;
      const issue = (kind: ChainIssue['kind'], message: string): void => {
        issues.push({ digestPath: d.path, kind, message });
      };
      if (f.previousDigestS3Object === null || f.previousDigestS3Bucket === null) {
        const before = i > 0 ? members[i - 1] : undefined;
        if (before) notes.push({ digestPath: d.path, kind: 'chainRestart', message: `A new chain starts here: CloudTrail delivered no digest between ${before.fields.digestEndTime} and ${f.digestStartTime} (validation or logging was off; look for StopLogging or UpdateTrail)` });
        return;
      }
      if (f.previousDigestSignature === null) {
        issue('missingPreviousSignature', `The link to the previous digest ${basename(f.previousDigestS3Object)} has no previousDigestSignature: the chain cannot be followed`);
      }
      if (f.previousDigestHashAlgorithm !== 'SHA-256') {
        issue('unknownPreviousHashAlgorithm', `Unknown previous-digest hash algorithm "${f.previousDigestHashAlgorithm ?? 'none'}": CloudTrail links digests with SHA-256`);
      }
      const previous = byS3Path.get(s3PathOf(f.previousDigestS3Bucket, f.previousDigestS3Object));
      if (!previous) {
        if (i === 0) notes.push({ digestPath: d.path, kind: 'chainStartsEarlier', message: `The chain goes on before the files given (previous digest ${basename(f.previousDigestS3Object)})` });
        else issue('missingPrevious', `Chain gap: the previous digest ${f.previousDigestS3Object} is missing (deleted, or not copied)`);
        return;
      }
      if (f.previousDigestHashValue !== previous.sha256) {
        issue('previousHashMismatch', `The previous digest ${basename(previous.path)} does not have the SHA-256 this digest recorded for it: it was replaced or edited`);
      }
      const own = ownSignature(previous);
      if (own !== undefined && f.previousDigestSignature !== null && own !== f.previousDigestSignature) {
        issue('previousSignatureMismatch', `The signature recorded for ${basename(previous.path)} differs from its own (swapped or replaced signature)`);
      }
    });
  }
  return { issues, notes };
}
