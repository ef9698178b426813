/**
 * CloudTrail digest files (facts §3.2): the hourly signed list of log files and their hashes.
 * The signature itself is not in the file (S3 keeps it as object metadata), so it comes from a
 * sidecar file, a signatures map, or the next digest's `previousDigestSignature`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** One `logFiles[]` entry of a digest. */
export interface DigestLogFile {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** Hex SHA-256 of the **uncompressed** log file. */
  readonly hashValue: string;
  readonly hashAlgorithm: string;
}

/** The fields of a digest the validation needs. */
export interface DigestFields {
  readonly awsAccountId: string;
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly digestSignatureAlgorithm: string;
  readonly previousDigestS3Bucket: string | null;
  readonly previousDigestS3Object: string | null;
  readonly previousDigestHashValue: string | null;
  /** `SHA-256` in every digest CloudTrail writes; anything else cannot be checked. */
  readonly previousDigestHashAlgorithm: string | null;
  readonly previousDigestSignature: string | null;
  readonly logFiles: readonly DigestLogFile[];
}

/** A digest read from disk: its uncompressed bytes (what is hashed and signed) and its fields. */
export interface DigestFile {
  readonly path: string;
  /** Hex SHA-256 of the uncompressed digest bytes exactly as stored. */
  readonly sha256: string;
  readonly fields: DigestFields;
}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new Error(`"${name}" is missing or not a string`);
  return value;
}

function strOrNull(value: unknown, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new Error(`"${name}" is not a string`);
  return value;
}

/** Checks the shape of a parsed digest; throws an Error naming the first bad field. */
export function parseDigestFields(json: unknown): DigestFields {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not a JSON object');
  const d = json as Record<string, unknown>;
  if (!Array.isArray(d.logFiles)) throw new Error('"logFiles" is missing: not a CloudTrail digest');
  const logFiles = (d.logFiles as unknown[]).map((item, i): DigestLogFile => {
    if (typeof item !== 'object' || item === null) throw new Error(`logFiles[${i}] is not an object`);
    const f = item as Record<string, unknown>;
    return {
      s3Bucket: str(f.s3Bucket, `logFiles[${i}].s3Bucket`),
      s3Object: str(f.s3Object, `logFiles[${i}].s3Object`),
      hashValue: str(f.hashValue, `logFiles[${i}].hashValue`).toLowerCase(),
      hashAlgorithm: str(f.hashAlgorithm, `logFiles[${i}].hashAlgorithm`),
    };
  });
  return {
    awsAccountId: str(d.awsAccountId, 'awsAccountId'),
    digestStartTime: str(d.digestStartTime, 'digestStartTime'),
    digestEndTime: str(d.digestEndTime, 'digestEndTime'),
    digestS3Bucket: str(d.digestS3Bucket, 'digestS3Bucket'),
    digestS3Object: str(d.digestS3Object, 'digestS3Object'),
    digestPublicKeyFingerprint: str(d.digestPublicKeyFingerprint, 'digestPublicKeyFingerprint').toLowerCase(),
    digestSignatureAlgorithm: str(d.digestSignatureAlgorithm, 'digestSignatureAlgorithm'),
    previousDigestS3Bucket: strOrNull(d.previousDigestS3Bucket, 'previousDigestS3Bucket'),
    previousDigestS3Object: strOrNull(d.previousDigestS3Object, 'previousDigestS3Object'),
    previousDigestHashValue: strOrNull(d.previousDigestHashValue, 'previousDigestHashValue')?.toLowerCase() ?? null,
    previousDigestHashAlgorithm: strOrNull(d.previousDigestHashAlgorithm, 'previousDigestHashAlgorithm'),
    previousDigestSignature: strOrNull(d.previousDigestSignature, 'previousDigestSignature')?.toLowerCase() ?? null,
    logFiles,
  };
}

/** Gunzips when the bytes start with the gzip magic number; returns other bytes unchanged. */
export function inflateIfGzip(bytes: Buffer): Buffer {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

/** Reads and parses one digest file (`.json.gz` or `.json`). Throws with a readable message. */
export async function readDigestFile(path: string): Promise<DigestFile> {
  return parseDigestBytes(path, await readFile(path));
}

/** Parses a digest's bytes as stored (gzipped or not), e.g. fetched from S3. Throws with a readable message. */
export function parseDigestBytes(path: string, bytes: Buffer): DigestFile {
  let raw: Buffer;
  try {
    raw = inflateIfGzip(bytes);
  } catch (err) {
    throw new Error(`corrupt or truncated gzip (${err instanceof Error ? err.message : String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Error('not valid JSON');
  }
  return { path, sha256: createHash('sha256').update(raw).digest('hex'), fields: parseDigestFields(json) };
}

/**
 * The exact string CloudTrail signs (facts §3.2, as the AWS CLI's validate-logs builds it):
 * end time, `bucket/key`, hex SHA-256 of the uncompressed digest, previous signature or `null`.
 */
export function digestSigningString(digest: DigestFile): string {
  const f = digest.fields;
  return `${f.digestEndTime}\n${f.digestS3Bucket}/${f.digestS3Object}\n${digest.sha256}\n${f.previousDigestSignature ?? 'null'}`;
}
