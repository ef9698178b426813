import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { tempDir } from './helpers';

/** A CloudTrail-like signed digest chain written to a temp folder, built with a key made here. */
export interface GeneratedChain {
  readonly publicDer: Buffer;
  readonly privateKey: KeyObject;
  readonly digestPaths: string[];
  readonly logPaths: string[];
  /** Uncompressed digest text of each digest, in chain order. */
  readonly digestTexts: string[];
}

const ACCOUNT = '111122223333';
const BUCKET = 'trail-bucket';
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `count` hourly digests for trail `t` in us-east-1, each listing two gzipped log files. The newest
 * digest's signature is saved as `<digest>.metadata.json` (head-object output); older ones are
 * carried by their successors, as in S3. `tamper` may change a digest's fields before it is signed.
 */
export function writeChain(tmp: ReturnType<typeof tempDir>, count: number, tamper?: (index: number, digest: Record<string, unknown>) => void): GeneratedChain {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicDer = publicKey.export({ format: 'der', type: 'pkcs1' });
  const fingerprint = createHash('md5').update(publicDer).digest('hex');
  const digestPaths: string[] = [];
  const logPaths: string[] = [];
  const digestTexts: string[] = [];
  let previous: { key: string; sha: string; signature: string } | undefined;
  for (let i = 0; i < count; i++) {
    const logFiles = [0, 1].map((j) => {
      const t = new Date(Date.UTC(2024, 0, 1, i, 20 + j * 20));
      const name = `${ACCOUNT}_CloudTrail_us-east-1_20240101T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}Z_Log${i}${j}000000000000.json.gz`;
      const key = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/01/01/${name}`;
      const text = JSON.stringify({ Records: [{ eventID: `e-${i}-${j}`, eventTime: t.toISOString(), eventName: 'PutObject' }] });
      logPaths.push(tmp.write(key, text, true));
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
    const toSign = `${String(digest.digestEndTime)}\n${BUCKET}/${key}\n${sha}\n${previous?.signature ?? 'null'}`;
    const signature = sign('sha256', Buffer.from(toSign), privateKey).toString('hex');
    const path = tmp.write(key, gzipSync(text));
    digestPaths.push(path);
    digestTexts.push(text);
    previous = { key, sha, signature };
    if (i === count - 1) writeFileSync(`${path}.metadata.json`, JSON.stringify({ Metadata: { signature, 'signature-algorithm': 'SHA256withRSA' } }));
  }
  return { publicDer, privateKey, digestPaths, logPaths, digestTexts };
}

/** Removes a file of the chain by its base name. */
export function removeByName(paths: string[], name: string): void {
  const path = paths.find((p) => basename(p) === name);
  if (path) rmSync(path);
}
