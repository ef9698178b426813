/**
 * The synthetic trail archive the archive benchmarks read: gzipped log files in the AWS layout,
 * deterministic (seeded), with reads and writes of several services by eight users, RDS resources,
 * and about 3 % failed calls. Written to a temporary folder by the benchmark, never committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];
const RECORDS_PER_FILE = 400;

/** Mulberry32: a small seeded PRNG so every run writes the same bytes. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const compact = (t: Date): string => `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}Z`;

const CALLS: readonly (readonly [string, string, boolean])[] = [
  ['ec2.amazonaws.com', 'DescribeInstances', true],
  ['ec2.amazonaws.com', 'RunInstances', false],
  ['s3.amazonaws.com', 'GetBucketAcl', true],
  ['s3.amazonaws.com', 'PutBucketPolicy', false],
  ['rds.amazonaws.com', 'DescribeDBInstances', true],
  ['rds.amazonaws.com', 'DeleteDBInstance', false],
  ['iam.amazonaws.com', 'GetRole', true],
  ['iam.amazonaws.com', 'AttachRolePolicy', false],
  ['kms.amazonaws.com', 'Decrypt', true],
  ['sts.amazonaws.com', 'AssumeRole', true],
  ['lambda.amazonaws.com', 'ListFunctions20150331', true],
  ['monitoring.amazonaws.com', 'GetMetricData', true],
];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory', 'deploy-bot', 'ci-runner'];

export function makeRecord(rand: () => number, time: number, region: string, n: number): Record<string, unknown> {
  const [source, name, readOnly] = CALLS[Math.floor(rand() * CALLS.length)];
  const user = USERS[Math.floor(rand() * USERS.length)];
  const id = `${pad(n, 8)}-${Math.floor(rand() * 0xffff).toString(16).padStart(4, '0')}-4${pad(n % 1000, 3)}-a${Math.floor(rand() * 0xfff).toString(16).padStart(3, '0')}-${Math.floor(rand() * 2 ** 48).toString(16).padStart(12, '0')}`;
  const db = `db-${Math.floor(rand() * 50)}`;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${user.toUpperCase().padEnd(17, 'X')}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
      accountId: ACCOUNT,
      accessKeyId: `AKIA${user.toUpperCase().padEnd(16, 'Q')}`,
      userName: user,
      sessionContext: { attributes: { creationDate: new Date(time - 3_600_000).toISOString(), mfaAuthenticated: 'false' } },
    },
    eventTime: new Date(time).toISOString().replace('.000', ''),
    eventSource: source,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: `198.51.100.${Math.floor(rand() * 255)}`,
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/rds.delete-db-instance',
    requestParameters: source === 'rds.amazonaws.com' ? { dBInstanceIdentifier: db, skipFinalSnapshot: rand() < 0.5 } : { maxResults: 100, filterSet: { items: [{ name: 'tag:env', valueSet: { items: [{ value: 'prod' }] } }] } },
    responseElements: readOnly ? null : { requestId: id, status: 'accepted' },
    requestID: id.toUpperCase(),
    eventID: id,
    readOnly,
    ...(rand() < 0.03 ? { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform this operation' } : {}),
    ...(source === 'rds.amazonaws.com' ? { resources: [{ accountId: ACCOUNT, type: 'AWS::RDS::DBInstance', ARN: `arn:aws:rds:${region}:${ACCOUNT}:db:${db}` }] } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
  };
}

/** Writes hourly-ish files until `targetBytes` of uncompressed JSON exist; returns the totals. */
export function generate(root: string, targetBytes: number): { files: number; records: number; bytes: number; gzBytes: number } {
  const rand = prng(42);
  let bytes = 0;
  let gzBytes = 0;
  let files = 0;
  let records = 0;
  let clock = Date.UTC(2024, 0, 1);
  while (bytes < targetBytes) {
    for (const region of REGIONS) {
      const list: Record<string, unknown>[] = [];
      for (let i = 0; i < RECORDS_PER_FILE; i++) list.push(makeRecord(rand, clock + Math.floor(rand() * 5 * 60_000), region, records++));
      const delivered = new Date(clock + 10 * 60_000);
      const dir = join(root, 'AWSLogs', ACCOUNT, 'CloudTrail', region, String(delivered.getUTCFullYear()), pad(delivered.getUTCMonth() + 1), pad(delivered.getUTCDate()));
      mkdirSync(dir, { recursive: true });
      const text = JSON.stringify({ Records: list });
      const gz = gzipSync(text);
      writeFileSync(join(dir, `${ACCOUNT}_CloudTrail_${region}_${compact(delivered)}_${pad(files, 16)}.json.gz`), gz);
      bytes += Buffer.byteLength(text);
      gzBytes += gz.length;
      files++;
    }
    clock += 5 * 60_000;
  }
  return { files, records, bytes, gzBytes };
}

