/**
 * Benchmark for trail archives (issue 9): generate ≥ 500 MB of uncompressed trail logs as gzipped
 * files in the AWS layout (deterministic, in a temp folder, deleted afterwards), then measure
 *   - load: building the archive index over every file (events/s),
 *   - query: `eventName == DeleteDBInstance && principal == mallory` answered from the index,
 * against `zcat … | jq -c 'select(…)'` over the same files in the same run. Prints ratios and peak
 * memory. Fails when jq is missing or when the two answers differ.
 *
 *   npm run bench:archive [-- --mb 500]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createArchiveEventSource } from '../src/archive/archiveEventSource';
import type { EventQuery } from '../src/core/query';

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1'];
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

function makeRecord(rand: () => number, time: number, region: string, n: number): Record<string, unknown> {
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
    ...(source === 'rds.amazonaws.com' ? { resources: [{ accountId: ACCOUNT, type: 'AWS::RDS::DBInstance', ARN: `arn:aws:rds:${region}:${ACCOUNT}:db:${db}` }] } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
  };
}

/** Writes hourly-ish files until `targetBytes` of uncompressed JSON exist; returns the totals. */
function generate(root: string, targetBytes: number): { files: number; records: number; bytes: number; gzBytes: number } {
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

/** Peak RSS sampled every 20 ms while `run` works. */
async function sampled<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const value = await run();
    return { value, ms: performance.now() - started, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

function jq(root: string, filter: string): { ms: number; lines: number } {
  const started = performance.now();
  const run = spawnSync('bash', ['-c', `set -o pipefail; find "$1" -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -c '${filter}'`, 'jq-bench', root], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`jq pipeline failed: ${run.stderr}`);
  return { ms: performance.now() - started, lines: run.stdout.split('\n').filter((line) => line !== '').length };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<number> {
  const mbArg = process.argv.indexOf('--mb');
  const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 500;
  if (spawnSync('jq', ['--version']).status !== 0) {
    console.error('FAIL: jq is not installed (apt-get install jq); the baseline cannot be measured.');
    return 1;
  }
  const root = mkdtempSync(join(tmpdir(), 'ct-archive-bench-'));
  try {
    const genStart = performance.now();
    const gen = generate(root, targetMb * 1024 * 1024);
    console.log(`generated ${gen.files} files, ${gen.records.toLocaleString('en-US')} records, ${mb(gen.bytes)} uncompressed (${mb(gen.gzBytes)} gzipped) in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);

    const jqQuery = jq(root, '.Records[] | select(.eventName == "DeleteDBInstance" and .userIdentity.userName == "mallory")');
    console.log(`jq baseline: ${jqQuery.lines} matches in ${(jqQuery.ms / 1000).toFixed(2)} s`);

    const rssBefore = process.memoryUsage().rss;
    const load = await sampled(() => createArchiveEventSource([root], { indexAll: true }));
    const source = load.value;
    const stats = source.stats();
    console.log(`load (index every file): ${stats.events.toLocaleString('en-US')} events in ${(load.ms / 1000).toFixed(2)} s = ${Math.round(stats.events / (load.ms / 1000)).toLocaleString('en-US')} events/s; problems ${source.problems.length}`);

    const query: EventQuery = {
      regions: [],
      filters: [
        { key: 'EventName', value: 'DeleteDBInstance' },
        { key: 'Username', value: 'mallory' },
      ],
      start: 0,
      end: Date.UTC(2100, 0, 1),
      includeReadOnly: true,
      maxEvents: 50,
    };
    const first = await sampled(() => source.query(query));
    let all = first.value.events.length;
    for (let more = first.value.loadMore; more; ) {
      const page = await more();
      all += page.events.length;
      more = page.loadMore;
    }
    const second = await sampled(() => source.query({ ...query, filters: [{ key: 'EventName', value: 'AttachRolePolicy' }, { key: 'Username', value: 'carol' }] }));
    console.log(`indexed query: first page of ${first.value.events.length} in ${first.ms.toFixed(1)} ms (all ${all} matches paged); second query ${second.value.events.length} events in ${second.ms.toFixed(1)} ms`);
    if (all !== jqQuery.lines) {
      console.error(`FAIL: the index found ${all} matches, jq found ${jqQuery.lines}`);
      return 1;
    }
    const usage = process.resourceUsage();
    console.log('');
    console.log(`ratio load vs jq filter: ${(jqQuery.ms / load.ms).toFixed(2)}× (goal > 1: loading everything beats one jq pass)`);
    console.log(`ratio indexed query vs jq: ${(jqQuery.ms / first.ms).toFixed(0)}× (goal ≥ 50×)`);
    console.log(`peak RSS during load: ${mb(load.peakRss)} (before load ${mb(rssBefore)}); maxRSS ${mb(usage.maxRSS * 1024)}; index columns ${mb(source.stats().indexBytes)}`);
    return jqQuery.ms / first.ms >= 50 ? 0 : 1;
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
