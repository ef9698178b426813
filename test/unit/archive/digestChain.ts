import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../src/archive/digest/publicKeys';
import type { tempDir } from './helpers';

/** A CloudTrail-like signed digest chain written to a temp folder, built with a key made here. */
export interface GeneratedChain {
  readonly publicDer: Buffer;
  readonly privateKey: KeyObject;
  readonly digestPaths: string[];
  readonly logPaths: string[];
  /** Uncompressed digest text of each digest, in chain order. */
  readonly digestTexts: string[];
  /** Each digest's signature (hex), in chain order. */
  readonly signatures: string[];
  /** The md5 fingerprint of the public key. */
  readonly fingerprint: string;
}

/** How {@link writeChain} lays the chain out. */
export interface ChainOptions {
  /** Which digests get a `.metadata.json` sidecar (default: the newest, as S3 metadata is offline). */
  readonly sidecars?: 'newest' | 'all' | 'none';
  /** A folder above `AWSLogs/` (e.g. a bucket prefix), default none. */
  readonly under?: string;
  /** Records per log file (default 1). */
  readonly records?: number;
}

const ACCOUNT = '111122223333';
const BUCKET = 'trail-bucket';
let keys: { publicKey: KeyObject; privateKey: KeyObject } | undefined;
/** One RSA key pair per test run: generating a 2048-bit key costs more than a whole test. */
function chainKeys(): { publicKey: KeyObject; privateKey: KeyObject } {
  keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keys;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `count` hourly digests for trail `t` in us-east-1, each listing two gzipped log files. The newest
 * digest's signature is saved as `<digest>.metadata.json` (head-object output); older ones are
 * carried by their successors, as in S3. `tamper` may change a digest's fields before it is signed.
 * Log file `j` of hour `i` is delivered at `i:20` / `i:40`; digest `i` ends at `(i+1):00:30`.
 */
export function writeChain(tmp: ReturnType<typeof tempDir>, count: number, tamper?: (index: number, digest: Record<string, unknown>) => void, options: ChainOptions = {}): GeneratedChain {
  const under = options.under === undefined ? '' : `${options.under}/`;
  const { publicKey, privateKey } = chainKeys();
  const publicDer = publicKey.export({ format: 'der', type: 'pkcs1' });
  const fingerprint = createHash('md5').update(publicDer).digest('hex');
  const digestPaths: string[] = [];
  const logPaths: string[] = [];
  const digestTexts: string[] = [];
  const signatures: string[] = [];
  let previous: { key: string; sha: string; signature: string } | undefined;
  for (let i = 0; i < count; i++) {
    const logFiles = [0, 1].map((j) => {
      const t = new Date(Date.UTC(2024, 0, 1, i, 20 + j * 20));
      const name = `${ACCOUNT}_CloudTrail_us-east-1_20240101T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}Z_Log${i}${j}000000000000.json.gz`;
      const key = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/01/01/${name}`;
      const records = Array.from({ length: options.records ?? 1 }, (_, r) => ({
        eventVersion: '1.08',
        eventID: r === 0 ? `e-${i}-${j}` : `e-${i}-${j}-${r}`,
        eventTime: new Date(t.getTime() - 60_000 * (r + 1)).toISOString().replace('.000', ''),
        eventSource: 's3.amazonaws.com',
        eventName: 'PutObject',
        awsRegion: 'us-east-1',
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' },
        recipientAccountId: ACCOUNT,
      }));
      const text = JSON.stringify({ Records: records });
      logPaths.push(tmp.write(under + key, text, true));
      return { s3Bucket: BUCKET, s3Object: key, hashValue: createHash('sha256').update(text).digest('hex'), hashAlgorithm: 'SHA-256' };
    });
    const end = new Date(Date.UTC(2024, 0, 1, i + 1, 0, 30));
    const endCompact = `20240101T${pad(end.getUTCHours())}0030Z`;
    const key = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2024/01/01/${ACCOUNT}_CloudTrail-Digest_us-east-1_t_us-east-1_${endCompact}.json.gz`;
    const digest: Record<string, unknown> = {
      awsAccountId: ACCOUNT,
      digestStartTime: new Date(end.getTime() - 3_600_000).toISOString().replace('.000', ''),
      digestEndTime: end.toISOString().replace('.000', ''),
      digestS3Bucket: BUCKET,
      digestS3Object: key,
      digestPublicKeyFingerprint: fingerprint,
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: end.toISOString(),
      oldestEventTime: end.toISOString(),
      previousDigestS3Bucket: previous ? BUCKET : null,
      previousDigestS3Object: previous?.key ?? null,
      previousDigestHashValue: previous?.sha ?? null,
      previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
      previousDigestSignature: previous?.signature ?? null,
      logFiles,
    };
    tamper?.(i, digest);
    const text = JSON.stringify(digest);
    const sha = createHash('sha256').update(text).digest('hex');
    // What CloudTrail signs: the digest's own fields (so a tampered field is signed as written).
    const toSign = `${String(digest.digestEndTime)}\n${String(digest.digestS3Bucket)}/${String(digest.digestS3Object)}\n${sha}\n${typeof digest.previousDigestSignature === 'string' ? digest.previousDigestSignature : 'null'}`;
    const signature = sign('sha256', Buffer.from(toSign), privateKey).toString('hex');
    const path = tmp.write(under + key, gzipSync(text));
    digestPaths.push(path);
    digestTexts.push(text);
    signatures.push(signature);
    previous = { key, sha, signature };
    const sidecars = options.sidecars ?? 'newest';
    if (sidecars === 'all' || (sidecars === 'newest' && i === count - 1)) writeFileSync(`${path}.metadata.json`, JSON.stringify({ Metadata: { signature, 'signature-algorithm': 'SHA256withRSA' } }));
  }
  return { publicDer, privateKey, digestPaths, logPaths, digestTexts, signatures, fingerprint };
}

/** Removes a file of the chain by its base name. */
export function removeByName(paths: string[], name: string): void {
  const path = paths.find((p) => basename(p) === name);
  if (path) rmSync(path);
}

/** Writes `aws cloudtrail list-public-keys` output for the chain's key (optionally with a validity window). */
export function writeKeysFile(tmp: ReturnType<typeof tempDir>, chain: GeneratedChain, window?: { from: string; to: string }, name = 'keys.json'): string {
  const item = { Value: chain.publicDer.toString('base64'), Fingerprint: chain.fingerprint, ...(window ? { ValidityStartTime: window.from, ValidityEndTime: window.to } : {}) };
  return tmp.write(name, JSON.stringify({ PublicKeyList: [item] }));
}

/** The public key of a generated chain, as validateDigests takes it. */
export const keysOf = (der: Buffer) => publicKeysFromList([{ Value: new Uint8Array(der) }]).keys;
