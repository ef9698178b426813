/**
 * Fills a {@link LocalS3} bucket with the sample-data stories in CloudTrail's real layout: an
 * organization trail (`AWSLogs/<o-id>/<account>/…`) for two accounts in three regions over N days,
 * log files named and filed by delivery time, hourly-or-coarser digests chained and signed with a
 * key made here (signature only in `x-amz-meta-signature`, as S3 keeps it), an empty region folder,
 * and a third account whose prefix is denied.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { generateSampleRecords, type SampleStory } from '../sample-data/generate';
import type { LocalS3 } from './server';

/** Options for {@link fillTrailBucket}. */
export interface TrailBucketFill {
  readonly bucket?: string;
  readonly now: number;
  /** Days of logs kept (older records are dropped); default 30. */
  readonly days?: number;
  /** Background events per account (the stories come on top); default 1500. */
  readonly backgroundEvents?: number;
  /** One log file per account, region and this many minutes (default 60; CloudTrail: about 5). */
  readonly fileMinutes?: number;
  /** One digest per account, region and this many hours (default 24; CloudTrail: 1). */
  readonly digestHours?: number;
}

/** What was written, for assertions. */
export interface TrailBucketContents {
  readonly bucket: string;
  readonly organizationId: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  readonly emptyRegion: string;
  readonly deniedAccount: string;
  /** `bucket/prefix` the server must deny. */
  readonly deniedPrefix: string;
  readonly story: SampleStory;
  /** Every log object key (readable ones), and the records per key. */
  readonly logKeys: readonly string[];
  readonly recordsByKey: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  readonly digestKeys: readonly string[];
  readonly publicDer: Buffer;
  readonly privateKey: KeyObject;
}

const ORG = 'o-exampleorg1';
const ACCOUNTS = ['123456789012', '210987654321'];
const DENIED_ACCOUNT = '333333333333';
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];
const EMPTY_REGION = 'ap-south-1';
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const compact = (t: number, seconds = false): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${seconds ? pad(d.getUTCSeconds()) : ''}Z`;
};
const dayPath = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
};

/** Records of one account: the stories for the first, a re-seeded copy (other ids) for the others. */
function accountRecords(account: string, index: number, fill: TrailBucketFill): { records: Record<string, unknown>[]; story: SampleStory } {
  const { records, story } = generateSampleRecords({ now: fill.now, seed: index + 1, backgroundEvents: fill.backgroundEvents ?? 1500, regions: REGIONS });
  if (index === 0) return { records, story };
  const text = JSON.stringify(records).replaceAll(story.accountId, account);
  const copies = (JSON.parse(text) as Record<string, unknown>[]).map((r) => ({ ...r, eventID: `${account.slice(0, 4)}-${String(r.eventID)}` }));
  return { records: copies, story };
}

/** Writes the bucket and denies the third account's prefix on the server. */
export function fillTrailBucket(server: LocalS3, fill: TrailBucketFill): TrailBucketContents {
  const bucket = fill.bucket ?? 'trail-bucket';
  const days = fill.days ?? 30;
  const fileMs = (fill.fileMinutes ?? 60) * 60_000;
  const digestMs = (fill.digestHours ?? 24) * 3_600_000;
  const oldest = fill.now - days * 86_400_000;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicDer = publicKey.export({ format: 'der', type: 'pkcs1' });
  const fingerprint = createHash('md5').update(publicDer).digest('hex');
  server.createBucket(bucket);
  const logKeys: string[] = [];
  const digestKeys: string[] = [];
  const recordsByKey = new Map<string, Record<string, unknown>[]>();
  let story: SampleStory | undefined;
  for (const [index, account] of [...ACCOUNTS, DENIED_ACCOUNT].entries()) {
    const made = accountRecords(account, index, fill);
    story ??= made.story;
    const base = `AWSLogs/${ORG}/${account}/`;
    const files = new Map<string, { region: string; delivered: number; records: Record<string, unknown>[] }>();
    for (const record of made.records) {
      const time = Date.parse(String(record.eventTime));
      const region = String(record.awsRegion);
      if (time < oldest || time > fill.now || !REGIONS.includes(region)) continue;
      // Delivered a few minutes after the end of its slot, filed under the delivery day.
      const delivered = Math.min(fill.now, Math.floor(time / fileMs) * fileMs + fileMs + 5 * 60_000);
      const slot = `${region}|${delivered}`;
      let file = files.get(slot);
      if (!file) files.set(slot, (file = { region, delivered, records: [] }));
      file.records.push(record);
    }
    const byRegion = new Map<string, { key: string; sha: string; delivered: number }[]>();
    for (const file of files.values()) {
      const unique = createHash('sha1').update(`${account}${file.region}${file.delivered}`).digest('hex').slice(0, 16);
      const key = `${base}CloudTrail/${file.region}/${dayPath(file.delivered)}/${account}_CloudTrail_${file.region}_${compact(file.delivered)}_${unique}.json.gz`;
      const text = JSON.stringify({ Records: file.records });
      server.put(bucket, key, gzipSync(text), undefined, new Date(file.delivered));
      if (account === DENIED_ACCOUNT) continue;
      logKeys.push(key);
      recordsByKey.set(key, file.records);
      const list = byRegion.get(file.region) ?? [];
      list.push({ key, sha: createHash('sha256').update(text).digest('hex'), delivered: file.delivered });
      byRegion.set(file.region, list);
    }
    if (account === DENIED_ACCOUNT) continue;
    server.put(bucket, `${base}CloudTrail/${EMPTY_REGION}/`, Buffer.alloc(0));
    for (const region of REGIONS) {
      const logs = (byRegion.get(region) ?? []).sort((a, b) => a.delivered - b.delivered);
      let previous: { key: string; sha: string; signature: string } | undefined;
      let previousEnd = -Infinity;
      for (let end = Math.ceil(oldest / digestMs) * digestMs + 30_000; end <= fill.now + digestMs; end += digestMs) {
        const digestEnd = Math.min(end, fill.now + 60_000);
        const listed = logs.filter((l) => l.delivered <= digestEnd && l.delivered > Math.max(previousEnd, digestEnd - digestMs));
        previousEnd = digestEnd;
        const key = `${base}CloudTrail-Digest/${region}/${dayPath(digestEnd)}/${account}_CloudTrail-Digest_${region}_org-trail_us-east-1_${compact(digestEnd, true)}.json.gz`;
        const iso = new Date(digestEnd).toISOString().replace('.000', '');
        const digest = {
          awsAccountId: account,
          digestStartTime: new Date(digestEnd - digestMs).toISOString().replace('.000', ''),
          digestEndTime: iso,
          digestS3Bucket: bucket,
          digestS3Object: key,
          digestPublicKeyFingerprint: fingerprint,
          digestSignatureAlgorithm: 'SHA256withRSA',
          newestEventTime: iso,
          oldestEventTime: iso,
          previousDigestS3Bucket: previous ? bucket : null,
          previousDigestS3Object: previous?.key ?? null,
          previousDigestHashValue: previous?.sha ?? null,
          previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
          previousDigestSignature: previous?.signature ?? null,
          logFiles: listed.map((l) => ({ s3Bucket: bucket, s3Object: l.key, hashValue: l.sha, hashAlgorithm: 'SHA-256', newestEventTime: iso, oldestEventTime: iso })),
        };
        const text = JSON.stringify(digest);
        const sha = createHash('sha256').update(text).digest('hex');
        const signature = sign('sha256', Buffer.from(`${iso}\n${bucket}/${key}\n${sha}\n${previous?.signature ?? 'null'}`), privateKey).toString('hex');
        server.put(bucket, key, gzipSync(text), { signature, 'signature-algorithm': 'SHA256withRSA' }, new Date(digestEnd));
        digestKeys.push(key);
        previous = { key, sha, signature };
        if (digestEnd > fill.now) break;
      }
    }
  }
  server.deny(`${bucket}/AWSLogs/${ORG}/${DENIED_ACCOUNT}/`);
  return {
    bucket,
    organizationId: ORG,
    accounts: ACCOUNTS,
    regions: REGIONS,
    emptyRegion: EMPTY_REGION,
    deniedAccount: DENIED_ACCOUNT,
    deniedPrefix: `${bucket}/AWSLogs/${ORG}/${DENIED_ACCOUNT}/`,
    story: story!,
    logKeys,
    recordsByKey,
    digestKeys,
    publicDer,
    privateKey,
  };
}
