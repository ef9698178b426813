/**
 * Validates a trail's digest chain online, from the bucket: digest objects are listed by day (no
 * walk), read with their `x-amz-meta-signature` (S3 keeps the newest digest's signature nowhere
 * else; HEAD is enough when the body is already at hand), and every listed log file is hashed as it
 * streams (gunzip → SHA-256), never saved. The validator (`archive/digest/validateDigests.ts`) is
 * reused: digests go to a temporary folder under their keys, signatures come through its
 * `signatureProvider`, log hashes through its `hashLog`. A {@link DigestObjectSource} is the seam.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parseDigestFields, inflateIfGzip } from '../digest/digestFile';
import { awsLogsKey } from '../objectKey';
import type { TrailPublicKey } from '../digest/publicKeys';
import { type DigestValidationReport, validateDigests } from '../digest/validateDigests';
import { dayPrefixes, type TrailAccountLayout } from './bucketLayout';
import { ObjectAccessDenied } from '../../core/objectStoreErrors';
import type { TrailObjectStore } from './objectStore';

/** Where digests and log hashes come from (the bucket here; local folders in the validator). */
export interface DigestObjectSource {
  /** Digest object keys of a trail's region over a time span, oldest first. */
  listDigests(account: TrailAccountLayout, region: string, start: number, end: number, signal?: AbortSignal): Promise<string[]>;
  /** A digest's uncompressed bytes and its signature from object metadata (undefined when absent). */
  readDigest(key: string, signal?: AbortSignal): Promise<{ bytes: Buffer; signature?: string }>;
  /** The newest digest's signature from HEAD metadata alone. */
  headSignature(key: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Hex SHA-256 of a log object's uncompressed content, streamed; undefined when it does not exist. */
  hashLog(bucket: string, key: string, signal?: AbortSignal): Promise<string | undefined>;
}

/** The bucket as a {@link DigestObjectSource}. */
export function bucketDigestSource(s3: TrailObjectStore, bucket: string): DigestObjectSource {
  return {
    async listDigests(account, region, start, end, signal) {
      const keys: string[] = [];
      for (const { prefix } of dayPrefixes(`${account.prefix}CloudTrail-Digest/${region}/`, start, end, 2 * 3_600_000)) keys.push(...(await s3.listAll(bucket, prefix, undefined, signal)).map((o) => o.key));
      return keys.sort();
    },
    async readDigest(key, signal) {
      const { body, metadata } = await s3.stream(bucket, key, signal);
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      const signature = metadata.signature;
      return { bytes: inflateIfGzip(Buffer.concat(chunks)), ...(signature !== undefined ? { signature } : {}) };
    },
    async headSignature(key, signal) {
      return (await s3.head(bucket, key, signal)).metadata.signature;
    },
    async hashLog(logBucket, key, signal) {
      try {
        const { body } = await s3.stream(logBucket, key, signal);
        const hash = createHash('sha256');
        await pipeline(body, createGunzip(), async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) hash.update(chunk);
        });
        return hash.digest('hex');
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey' || err instanceof ObjectAccessDenied) return undefined;
        throw err;
      }
    },
  };
}

/** Options for {@link validateBucketChain}. */
export interface BucketChainOptions {
  readonly source: DigestObjectSource;
  readonly account: TrailAccountLayout;
  readonly region: string;
  readonly start: number;
  readonly end: number;
  readonly keys: readonly TrailPublicKey[];
  /** Log hashes in flight at once (default 16). */
  readonly parallel?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Validates one trail region's chain over `[start, end]` straight from the bucket. */
export async function validateBucketChain(options: BucketChainOptions): Promise<DigestValidationReport> {
  const { source, signal } = options;
  const dir = await mkdtemp(join(tmpdir(), 'ct-digests-'));
  try {
    const keys = await source.listDigests(options.account, options.region, options.start, options.end, signal);
    const digestPaths: string[] = [];
    const signatures: [string, string][] = [];
    const listed: { bucket: string; key: string }[] = [];
    for (const [i, key] of keys.entries()) {
      const { bytes, signature: fromGet } = await source.readDigest(key, signal);
      // The newest digest has no successor to vouch for it: its signature must come from metadata.
      const signature = fromGet ?? (i === keys.length - 1 ? await source.headSignature(key, signal) : undefined);
      const path = join(dir, key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      if (signature !== undefined) signatures.push([key, signature.toLowerCase()]);
      digestPaths.push(path);
      try {
        for (const f of parseDigestFields(JSON.parse(bytes.toString('utf8'))).logFiles) {
          if (!listed.some((l) => l.bucket === f.s3Bucket && l.key === f.s3Object)) listed.push({ bucket: f.s3Bucket, key: f.s3Object });
        }
      } catch {
        // The validator reports an unreadable digest.
      }
    }
    // Hash every listed log in parallel first (streamed, never saved); the validator looks them up.
    const hashes = new Map<string, string>();
    let next = 0;
    let done = 0;
    const lane = async (): Promise<void> => {
      while (next < listed.length) {
        const item = listed.at(next++);
        if (!item) break;
        const hash = await source.hashLog(item.bucket, item.key, signal);
        if (hash !== undefined) hashes.set(`s3://${item.bucket}/${item.key}`, hash);
        options.onProgress?.(++done, listed.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.parallel ?? 16, listed.length) }, lane));
    // A listed object that is gone stays out of the files given: the validator reports it missing.
    const logFiles = listed.filter((l) => hashes.has(`s3://${l.bucket}/${l.key}`)).map((l) => ({ path: `s3://${l.bucket}/${l.key}`, key: awsLogsKey(l.key) }));
    const metadata = new Map(signatures);
    return await validateDigests({
      digestPaths,
      logFiles,
      keys: options.keys,
      roots: [dir],
      signatureProvider: {
        signatureOf: (ref) => {
          const signature = metadata.get(ref.s3Object);
          return Promise.resolve(signature === undefined ? undefined : { signature, from: 'S3 metadata (x-amz-meta-signature)' });
        },
      },
      hashLog: (path) => {
        const hash = hashes.get(path);
        return hash === undefined ? Promise.reject(new Error(`${path} could not be read`)) : Promise.resolve(hash);
      },
      ...(signal ? { signal } : {}),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
