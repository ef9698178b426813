/**
 * Validates CloudTrail log file integrity from local copies, like `aws cloudtrail validate-logs`
 * (facts §3.2): each digest's RSA-SHA256 signature over the documented signing string, each listed
 * log file's SHA-256 (of its uncompressed content), and the previous-digest links of each chain.
 * Nothing is trusted silently: every file ends in exactly one status, and local log files that no
 * digest lists are reported too.
 */
import { createHash, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parseTrailPath } from '../trailPath';
import { type DigestFile, digestSigningString, readDigestFile } from './digestFile';
import type { TrailPublicKey } from './publicKeys';

/** Where a digest's signature was found. */
export type SignatureSource = 'sidecar' | 'map' | 'nextDigest';

/** The outcome for one digest file. */
export interface DigestCheck {
  readonly path: string;
  readonly status: 'valid' | 'invalidSignature' | 'unsigned' | 'noKey' | 'unreadable' | 'moved';
  readonly message: string;
  readonly digestEndTime?: string;
  readonly signatureSource?: SignatureSource;
}

/** The outcome for one log file a digest lists. */
export interface LogFileCheck {
  /** `bucket/key` as the digest lists it. */
  readonly s3Path: string;
  readonly path?: string;
  readonly status: 'valid' | 'altered' | 'missing' | 'unreadable';
  readonly message: string;
  /** The digest that lists it. */
  readonly digestPath: string;
}

/** A problem with the links between digests. */
export interface ChainIssue {
  readonly digestPath: string;
  readonly kind: 'missingPrevious' | 'previousHashMismatch' | 'previousSignatureMismatch' | 'chainStart';
  readonly message: string;
}

/** A local log file that no digest lists. */
export interface UncoveredFile {
  readonly path: string;
  readonly reason: 'noDigestForRegion' | 'afterLastDigest' | 'notListed';
  readonly message: string;
}

/** Everything validation found. `ok` is true only when nothing is missing, altered, unsigned or unlisted. */
export interface DigestValidationReport {
  readonly ok: boolean;
  readonly digests: readonly DigestCheck[];
  readonly logFiles: readonly LogFileCheck[];
  readonly chain: readonly ChainIssue[];
  readonly notCovered: readonly UncoveredFile[];
}

/** Inputs to {@link validateDigests}. */
export interface DigestValidationInput {
  readonly digestPaths: readonly string[];
  /** Local log files (their S3 keys are matched by file name, which CloudTrail makes unique). */
  readonly logPaths: readonly string[];
  readonly keys: readonly TrailPublicKey[];
  /**
   * Signatures (hex) known from elsewhere, keyed by `bucket/key`, the S3 key or the file name
   * (e.g. collected with `aws s3api head-object` → `Metadata.signature`).
   */
  readonly signatures?: ReadonlyMap<string, string>;
  readonly signal?: AbortSignal;
}

/** SHA-256 (hex) of a file's uncompressed content, streaming. */
export async function hashUncompressed(path: string): Promise<string> {
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const hash = createHash('sha256');
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) hash.update(chunk);
  };
  if (head[0] === 0x1f && head[1] === 0x8b) await pipeline(createReadStream(path), createGunzip(), sink);
  else await pipeline(createReadStream(path), sink);
  return hash.digest('hex');
}

/**
 * A signature stored beside a digest: `<digest>.sig` / `<digest>.signature` (hex text) or
 * `<digest>.metadata.json` (`aws s3api head-object` output, `Metadata.signature`).
 */
async function readSidecarSignature(digestPath: string): Promise<string | undefined> {
  for (const suffix of ['.sig', '.signature']) {
    try {
      const text = (await readFile(digestPath + suffix, 'utf8')).trim();
      if (/^[0-9a-f]+$/i.test(text)) return text.toLowerCase();
    } catch {
      // no sidecar of this kind
    }
  }
  try {
    const meta = JSON.parse(await readFile(`${digestPath}.metadata.json`, 'utf8')) as { Metadata?: { signature?: unknown } };
    const sig = meta.Metadata?.signature;
    if (typeof sig === 'string' && /^[0-9a-f]+$/i.test(sig)) return sig.toLowerCase();
  } catch {
    // no metadata sidecar
  }
  return undefined;
}

/** Digests of one trail in one region form one chain; the file name without its timestamp names it. */
function chainKey(digest: DigestFile): string {
  const name = basename(digest.fields.digestS3Object).replace(/_\d{8}T\d{6}Z\.json(\.gz)?$/, '');
  return `${digest.fields.digestS3Bucket}/${name}`;
}

function s3Path(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

/** Validates digests, their chains and the log files they list. Never throws for bad files. */
export async function validateDigests(input: DigestValidationInput): Promise<DigestValidationReport> {
  const digestChecks: DigestCheck[] = [];
  const logChecks: LogFileCheck[] = [];
  const chain: ChainIssue[] = [];
  const digests: DigestFile[] = [];

  for (const path of input.digestPaths) {
    input.signal?.throwIfAborted();
    try {
      digests.push(await readDigestFile(path));
    } catch (err) {
      digestChecks.push({ path, status: 'unreadable', message: `Not a readable digest: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const byS3Path = new Map(digests.map((d) => [s3Path(d.fields.digestS3Bucket, d.fields.digestS3Object), d]));
  // The next digest carries each digest's signature; it is authentic when that next digest verifies.
  const successorSignature = new Map<string, string>();
  for (const d of digests) {
    const { previousDigestS3Bucket: bucket, previousDigestS3Object: key, previousDigestSignature: sig } = d.fields;
    if (bucket !== null && key !== null && sig !== null) successorSignature.set(s3Path(bucket, key), sig);
  }
  const keysByFingerprint = new Map(input.keys.map((k) => [k.fingerprint, k]));

  for (const digest of digests) {
    const f = digest.fields;
    const where = s3Path(f.digestS3Bucket, f.digestS3Object);
    const base = { path: digest.path, digestEndTime: f.digestEndTime };
    if (basename(digest.path) !== basename(f.digestS3Object)) {
      digestChecks.push({ ...base, status: 'moved', message: `The digest says it belongs at ${where}, not ${basename(digest.path)}` });
      continue;
    }
    let signature: string | undefined;
    let signatureSource: SignatureSource | undefined;
    const sidecar = await readSidecarSignature(digest.path);
    const mapped = input.signatures?.get(where) ?? input.signatures?.get(f.digestS3Object) ?? input.signatures?.get(basename(f.digestS3Object));
    if (sidecar !== undefined) [signature, signatureSource] = [sidecar, 'sidecar'];
    else if (mapped !== undefined) [signature, signatureSource] = [mapped.toLowerCase(), 'map'];
    else if (successorSignature.has(where)) [signature, signatureSource] = [successorSignature.get(where), 'nextDigest'];
    if (signature === undefined || signatureSource === undefined) {
      digestChecks.push({
        ...base,
        status: 'unsigned',
        message: 'No signature found: S3 keeps it as object metadata; save `aws s3api head-object` output as <digest>.metadata.json',
      });
      continue;
    }
    const key = keysByFingerprint.get(f.digestPublicKeyFingerprint);
    if (!key) {
      digestChecks.push({ ...base, status: 'noKey', signatureSource, message: `No public key with fingerprint ${f.digestPublicKeyFingerprint}` });
      continue;
    }
    const end = Date.parse(f.digestEndTime);
    if ((key.validFrom !== undefined && end < key.validFrom) || (key.validTo !== undefined && end > key.validTo)) {
      digestChecks.push({ ...base, status: 'noKey', signatureSource, message: `Key ${f.digestPublicKeyFingerprint} was not valid at ${f.digestEndTime}` });
      continue;
    }
    const ok = f.digestSignatureAlgorithm === 'SHA256withRSA' && verify('sha256', Buffer.from(digestSigningString(digest), 'utf8'), key.key, Buffer.from(signature, 'hex'));
    digestChecks.push(
      ok
        ? { ...base, status: 'valid', signatureSource, message: 'Signature valid' }
        : { ...base, status: 'invalidSignature', signatureSource, message: `Signature does not match (${f.digestSignatureAlgorithm}): the digest was altered or signed by another key` },
    );
  }

  // Chains: link each digest to its previous one.
  const chains = new Map<string, DigestFile[]>();
  for (const d of digests) {
    const key = chainKey(d);
    chains.set(key, [...(chains.get(key) ?? []), d]);
  }
  for (const members of chains.values()) {
    members.sort((a, b) => a.fields.digestEndTime.localeCompare(b.fields.digestEndTime));
    members.forEach((d, i) => {
      const f = d.fields;
      if (f.previousDigestS3Object === null || f.previousDigestS3Bucket === null) {
        if (i > 0) chain.push({ digestPath: d.path, kind: 'chainStart', message: 'A new chain starts here (validation or logging was turned off and on again)' });
        return;
      }
      const previous = byS3Path.get(s3Path(f.previousDigestS3Bucket, f.previousDigestS3Object));
      if (!previous) {
        if (i === 0) {
          chain.push({ digestPath: d.path, kind: 'chainStart', message: `The previous digest ${basename(f.previousDigestS3Object)} is older than the files given` });
        } else {
          chain.push({ digestPath: d.path, kind: 'missingPrevious', message: `The previous digest ${f.previousDigestS3Object} is missing` });
        }
        return;
      }
      if (f.previousDigestHashValue !== previous.sha256) {
        chain.push({ digestPath: d.path, kind: 'previousHashMismatch', message: `The previous digest ${basename(previous.path)} does not have the hash this digest recorded` });
      }
    });
  }
  // A previous digest verified with its own sidecar signature must agree with what the next digest recorded.
  for (const d of digests) {
    const f = d.fields;
    if (f.previousDigestS3Bucket === null || f.previousDigestS3Object === null || f.previousDigestSignature === null) continue;
    const previous = byS3Path.get(s3Path(f.previousDigestS3Bucket, f.previousDigestS3Object));
    if (!previous) continue;
    const own = await readSidecarSignature(previous.path);
    if (own !== undefined && own !== f.previousDigestSignature) {
      chain.push({ digestPath: d.path, kind: 'previousSignatureMismatch', message: `The signature recorded for ${basename(previous.path)} differs from its own` });
    }
  }

  // Log files listed by digests.
  const localByName = new Map<string, string>();
  for (const path of input.logPaths) localByName.set(basename(path), path);
  const listed = new Set<string>();
  for (const digest of digests) {
    for (const entry of digest.fields.logFiles) {
      input.signal?.throwIfAborted();
      const name = basename(entry.s3Object);
      listed.add(name);
      const where = s3Path(entry.s3Bucket, entry.s3Object);
      const path = localByName.get(name);
      if (path === undefined) {
        logChecks.push({ s3Path: where, status: 'missing', message: 'Listed by a digest but not found in the files given', digestPath: digest.path });
        continue;
      }
      let hash: string;
      try {
        hash = await hashUncompressed(path);
      } catch (err) {
        logChecks.push({ s3Path: where, path, status: 'unreadable', message: `Cannot read: ${err instanceof Error ? err.message : String(err)}`, digestPath: digest.path });
        continue;
      }
      logChecks.push(
        hash === entry.hashValue
          ? { s3Path: where, path, status: 'valid', message: 'Hash matches', digestPath: digest.path }
          : { s3Path: where, path, status: 'altered', message: 'The content differs from the hash in the digest', digestPath: digest.path },
      );
    }
  }

  // Local log files no digest lists.
  const lastEndByRegion = new Map<string, number>();
  for (const d of digests) {
    const region = parseTrailPath(d.fields.digestS3Object).region ?? '';
    const key = `${d.fields.awsAccountId}/${region}`;
    lastEndByRegion.set(key, Math.max(lastEndByRegion.get(key) ?? 0, Date.parse(d.fields.digestEndTime)));
  }
  const notCovered: UncoveredFile[] = [];
  for (const path of input.logPaths) {
    if (listed.has(basename(path))) continue;
    const info = parseTrailPath(path);
    const lastEnd = lastEndByRegion.get(`${info.account ?? ''}/${info.region ?? ''}`);
    if (lastEnd === undefined) {
      notCovered.push({ path, reason: 'noDigestForRegion', message: 'No digest for this account and region was given' });
    } else if (info.deliveredAt !== undefined && info.deliveredAt > lastEnd) {
      notCovered.push({ path, reason: 'afterLastDigest', message: 'Delivered after the newest digest given; a later digest would list it' });
    } else {
      notCovered.push({ path, reason: 'notListed', message: 'No digest lists this file: it may have been added after delivery' });
    }
  }

  const ok =
    digestChecks.every((c) => c.status === 'valid') &&
    logChecks.every((c) => c.status === 'valid') &&
    chain.every((c) => c.kind === 'chainStart') &&
    notCovered.every((c) => c.reason === 'afterLastDigest');
  return { ok, digests: digestChecks, logFiles: logChecks, chain, notCovered };
}
