/**
 * Validates CloudTrail log file integrity from local copies, like `aws cloudtrail validate-logs`
 * (facts §3.2): each digest's RSA-SHA256 signature over the documented signing string, each listed
 * log file's SHA-256 (of its uncompressed content), and the previous-digest links of each chain.
 * Files are identified by their S3 key from `AWSLogs/` on. Nothing is trusted silently: every file
 * ends in exactly one status, and the verdict is "verified" only when every local log file is.
 */
import { type DigestFile, readDigestFile } from './digestFile';
import { checkChainLinks, s3PathOf } from './chainLinks';
import { checkDigest, type LoadedDigest } from './checkDigest';
import type { DigestCheck, DigestValidationReport, IntegrityVerdict, UncoveredFile } from './integrityTypes';
import { checkLogCoverage, type LocalLogFile } from './logCoverage';
import { objectKeyOf, rootOf } from '../objectKey';
import type { TrailPublicKey } from './publicKeys';
import { type DigestSignature, type DigestSignatureProvider, firstSignature, mapSignatures, sidecarSignatures } from './signatures';

export type * from './integrityTypes';
export { hashUncompressed } from './logCoverage';

/** Inputs to {@link validateDigests}. */
export interface DigestValidationInput {
  readonly digestPaths: readonly string[];
  /** Local log files; their keys come from their paths (relative to `roots` when given). */
  readonly logPaths?: readonly string[];
  /** Local log files with keys already known (e.g. `ArchiveFile.key` from a scan); used with `logPaths`. */
  readonly logFiles?: readonly LocalLogFile[];
  /** The folders the user opened: keys are taken from the `AWSLogs/` folder inside (or above) them. */
  readonly roots?: readonly string[];
  readonly keys: readonly TrailPublicKey[];
  /**
   * Where digests' own signatures come from (default: sidecars beside each digest, then `signatures`).
   * An S3 source passes one that reads `HeadObject` metadata.
   */
  readonly signatureProvider?: DigestSignatureProvider;
  /** Signatures (hex) known from elsewhere, keyed by `bucket/key`, the S3 key or the file name. */
  readonly signatures?: ReadonlyMap<string, string>;
  /**
   * Hashes a log file (hex SHA-256 of its uncompressed content) instead of reading `path` from disk:
   * the S3 adapter (`aws/bucket/bucketDigests.ts`) streams objects and passes `s3://bucket/key` paths.
   */
  readonly hashLog?: (path: string) => Promise<string>;
  readonly signal?: AbortSignal;
}

function keyFor(path: string, roots: readonly string[] | undefined): string | undefined {
  return objectKeyOf(path, roots === undefined ? undefined : rootOf(path, roots));
}

function verdictOf(report: Omit<DigestValidationReport, 'verdict' | 'ok'>): IntegrityVerdict {
  const failed =
    report.digests.length === 0 ||
    report.digests.some((d) => d.status !== 'valid') ||
    report.logFiles.some((l) => l.status !== 'valid') ||
    report.chain.length > 0 ||
    report.files.some((f) => f.status === 'unverified' || f.status === 'altered');
  if (failed) return 'failed';
  return report.files.some((f) => f.status === 'notYetCovered') ? 'notYetCovered' : 'verified';
}

/** Validates digests, their chains and the log files they list. Never throws for bad files. */
export async function validateDigests(input: DigestValidationInput): Promise<DigestValidationReport> {
  const digestChecks: DigestCheck[] = [];
  const loaded: LoadedDigest[] = [];
  for (const path of input.digestPaths) {
    input.signal?.throwIfAborted();
    const key = keyFor(path, input.roots);
    try {
      loaded.push({ file: await readDigestFile(path), ...(key !== undefined ? { key } : {}) });
    } catch (err) {
      digestChecks.push({ path, ...(key !== undefined ? { key } : {}), status: 'unreadable', reason: 'unreadable', message: `Not a readable digest: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const provider = input.signatureProvider ?? firstSignature(sidecarSignatures(), mapSignatures(input.signatures ?? new Map()));
  const own = new Map<DigestFile, DigestSignature>();
  for (const { file } of loaded) {
    const found = await provider.signatureOf({ path: file.path, bucket: file.fields.digestS3Bucket, s3Object: file.fields.digestS3Object });
    if (found !== undefined) own.set(file, found);
  }
  // The next digest records each digest's signature inside its own signed content.
  const carried = new Map<string, { signature: string; carrierPath: string }>();
  for (const { file } of loaded) {
    const { previousDigestS3Bucket: bucket, previousDigestS3Object: key, previousDigestSignature: signature } = file.fields;
    if (bucket !== null && key !== null && signature !== null) carried.set(s3PathOf(bucket, key), { signature, carrierPath: file.path });
  }
  const keys = new Map(input.keys.map((k) => [k.fingerprint, k]));
  const verified = new Set<DigestFile>();
  for (const digest of loaded) {
    const f = digest.file.fields;
    const check = checkDigest(digest, { ...(own.has(digest.file) ? { own: own.get(digest.file) } : {}), ...(carried.has(s3PathOf(f.digestS3Bucket, f.digestS3Object)) ? { carried: carried.get(s3PathOf(f.digestS3Bucket, f.digestS3Object)) } : {}) }, keys);
    if (check.status === 'valid') verified.add(digest.file);
    digestChecks.push(check);
  }
  const files = loaded.map((d) => d.file);
  const { issues, notes } = checkChainLinks(files, (d) => own.get(d)?.signature);
  const local: LocalLogFile[] = [
    ...(input.logPaths ?? []).map((path) => {
      const key = keyFor(path, input.roots);
      return { path, ...(key !== undefined ? { key } : {}) };
    }),
    ...(input.logFiles ?? []),
  ];
  const coverage = await checkLogCoverage(
    files.map((file) => ({ file, verified: verified.has(file) })),
    local,
    input.signal,
    ...(input.hashLog ? [input.hashLog] : []),
  );
  const notCovered: UncoveredFile[] = [];
  for (const f of coverage.files) {
    if (f.reason === 'notListed' || f.reason === 'notInLayout' || f.reason === 'noDigestForRegion' || f.reason === 'beforeDigests' || f.reason === 'afterLastDigest') {
      notCovered.push({ path: f.path, reason: f.reason, message: f.message });
    }
  }
  const body = { digests: digestChecks, logFiles: coverage.listed, chain: issues, notes, files: coverage.files, notCovered };
  const verdict = verdictOf(body);
  return { verdict, ok: verdict === 'verified', ...body };
}
