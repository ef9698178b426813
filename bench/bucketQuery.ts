/**
 * "Who deleted the DB?" over 30 days × 3 regions × 2 accounts of an organization trail, side by
 * side in one run against the same local S3 server (issue 20):
 *
 * - baseline: `aws s3 sync` of the accounts' CloudTrail prefixes (the AWS CLI, pointed at the local
 *   server with --endpoint-url), then the project's folder open (today's in-memory index) and the query;
 * - first query straight from the bucket through the store (layout discovery, day listings, parallel
 *   GETs, index, answer) — target ≥ 5× faster than the baseline;
 * - the same query again on the warm store — target ≥ 50× faster than the first, 0 S3 requests;
 * - a reopen after a restart (a new store connection and source, as a new VS Code window: layout,
 *   file list and answer from the persisted store) — the issue's "reopen a 500 MB archive ≤ 2 s",
 *   at this bucket's size (printed, with the scale to 500 MB), against re-reading it (the first
 *   query).
 *
 * - the same first query with every GET sent from the main thread (the design before issue 20's
 *   last step: parser threads only parsed), in a fresh store, to show what moving the GETs into
 *   the parser threads buys on this machine, whatever its load; each first query also prints how
 *   busy the main thread's event loop was and the process CPU time.
 *
 * The server runs in a child process of its own (as S3 does not share the client's CPU thread);
 * each request it answers waits `--latency` ms (default 20, about S3's first-byte time).
 * `--candidate-only` skips the baseline (for profiling with --cpu-prof; prints no ratio).
 *   npm run bench:bucket [-- --file-minutes 15 --background 60000 --latency 20]
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArchiveEventSource } from '../src/archive/archiveEventSource';
import { ObjectCache } from '../src/archive/store/objectCache';
import { TrailStore } from '../src/archive/store/trailStore';
import { S3Access } from '../src/aws/bucket/s3Access';
import { openTrailBucket } from '../src/archive/bucket/trailBucketSource';
import { createS3Client } from '../src/aws/s3Client';
import type { EventQuery } from '../src/core/query';
import { startLocalS3Process } from '../tools/local-s3/serverProcess';
import { runMain } from './runMain';

const CREDENTIALS = { accessKeyId: 'AKIABENCHLOCAL000001', secretAccessKey: 'benchLocalSecretKey000000000000000000000' };
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/**
 * Starts measuring; the returned function says how busy the main thread was and the process CPU
 * time since, in all and per object read (the robust figure on a loaded machine).
 */
function usage(): (objects: number) => string {
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  return (objects) => {
    const busy = performance.eventLoopUtilization(elu);
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    return `main thread busy ${s(busy.active)} (${(busy.utilization * 100).toFixed(0)}%), process CPU ${s(ms)} = ${(ms / Math.max(1, objects)).toFixed(2)} ms per object read`;
  };
}

async function main(): Promise<number> {
  if (spawnSync('aws', ['--version']).status !== 0) {
    console.error('FAIL: the AWS CLI is not installed; the baseline cannot be measured.');
    return 1;
  }
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const server = await startLocalS3Process({ latencyMs: arg('latency', 20), fill: { now, days: 30, fileMinutes: arg('file-minutes', 15), backgroundEvents: arg('background', 60_000), digestHours: 24 } });
  const contents = server;
  const candidateOnly = process.argv.includes('--candidate-only');
  const root = mkdtempSync(join(tmpdir(), 'ct-bucket-bench-'));
  try {
    console.log(`bucket: ${contents.logFiles} log files, ${contents.records.toLocaleString('en-US')} records, ${mb(contents.jsonBytes)} of JSON, 2 accounts × 3 regions × 30 days (+ an empty region, a denied account); ${arg('latency', 20)} ms per request`);
    const query: EventQuery = { regions: [], filters: [{ key: 'EventName', value: 'DeleteDBInstance' }], start: now - 30 * 86_400_000, end: now, includeReadOnly: true, maxEvents: 1_000_000 };

    // Baseline: sync the same prefixes with the AWS CLI, then open the folder.
    const synced = join(root, 'synced');
    const baseline = performance.now();
    for (const account of candidateOnly ? [] : contents.accounts) {
      const prefix = `AWSLogs/${contents.organizationId}/${account}/CloudTrail/`;
      // Asynchronously: the server answers from this process's event loop.
      await promisify(execFile)('aws', ['s3', 'sync', `s3://${contents.bucket}/${prefix}`, join(synced, prefix), '--endpoint-url', server.url, '--only-show-errors'], {
        maxBuffer: 1 << 26,
        env: { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      });
    }
    const syncMs = performance.now() - baseline;
    const folderAnswer = candidateOnly ? undefined : await (await createArchiveEventSource([synced])).query(query);
    const baselineMs = performance.now() - baseline;
    const syncRequests = await server.requests();
    await server.resetRequests();

    // The previous design, side by side: the same first query, every GET sent by the main thread.
    const mainThread = await (async () => {
      const dir = join(root, 'main-thread');
      mkdirSync(dir, { recursive: true });
      const mainStore = TrailStore.open(join(dir, 'store.sqlite'));
      const access = new S3Access(createS3Client({ endpoint: server.url, credentials: CREDENTIALS }));
      // Without a fetch plan the source downloads with getBytes on this thread.
      const onMainThread = Object.assign(Object.create(access) as S3Access, { fetchPlan: () => undefined });
      const use = usage();
      const started = performance.now();
      const opened = await openTrailBucket({ store: mainStore, cache: new ObjectCache(mainStore, join(dir, 'objects')), s3: onMainThread, bucket: contents.bucket, prefix: '' });
      const answer = await opened.query(query);
      const ms = performance.now() - started;
      const used = use(opened.stats().objectsRead);
      mainStore.close();
      await server.resetRequests();
      return { ms, used, events: answer.events.length };
    })();

    // Straight from the bucket, through a fresh store.
    const store = TrailStore.open(join(root, 'store.sqlite'));
    const cache = new ObjectCache(store, join(root, 'objects'));
    const s3 = new S3Access(createS3Client({ endpoint: server.url, credentials: CREDENTIALS }));
    const firstUse = usage();
    const serverCpuBefore = await server.cpuMs();
    const firstStart = performance.now();
    const source = await openTrailBucket({ store, cache, s3, bucket: contents.bucket, prefix: '' });
    const first = await source.query(query);
    const firstMs = performance.now() - firstStart;
    const firstUsed = firstUse(source.stats().objectsRead);
    const firstRequests = await server.requests();
    const serverCpu = (await server.cpuMs()) - serverCpuBefore;
    const serverUse = `local S3 server CPU ${s(serverCpu)} = ${(serverCpu / Math.max(1, firstRequests)).toFixed(2)} ms per request, on the same cores (real S3's is not)`;
    await server.resetRequests();
    const secondStart = performance.now();
    const second = await source.query(query);
    const secondMs = performance.now() - secondStart;
    const secondRequests = await server.requests();
    store.close();

    // A restart: a new connection to the same store file, a new source, the same question.
    await server.resetRequests();
    const reopenStart = performance.now();
    const reopenedStore = TrailStore.open(join(root, 'store.sqlite'));
    const reopened = await openTrailBucket({ store: reopenedStore, cache: new ObjectCache(reopenedStore, join(root, 'objects')), s3, bucket: contents.bucket, prefix: '' });
    const third = await reopened.query(query);
    const reopenMs = performance.now() - reopenStart;
    const reopenRequests = await server.requests();
    reopenedStore.close();

    const ids = (events: readonly { id: string }[]): string => events.map((e) => e.id).sort().join(',');
    if (folderAnswer === undefined) {
      console.log(`first query from the bucket: ${s(firstMs)} (${firstRequests} requests; ${firstUsed}; ${serverUse}), ${first.events.length} events; with every GET on the main thread ${s(mainThread.ms)} (${mainThread.used}); warm ${secondMs.toFixed(1)} ms; reopen ${reopenMs.toFixed(1)} ms (baseline skipped: no ratio)`);
      return 0;
    }
    if (mainThread.events !== first.events.length) throw new Error(`answers differ: main-thread GETs ${mainThread.events}, parser-thread GETs ${first.events.length}`);
    if (ids(first.events) !== ids(folderAnswer.events) || ids(second.events) !== ids(first.events) || ids(third.events) !== ids(first.events)) throw new Error(`answers differ: folder ${folderAnswer.events.length}, bucket ${first.events.length}, warm ${second.events.length}`);
    console.log(`answer: ${first.events.length} DeleteDBInstance events (the same from every path)`);
    console.log(`baseline: aws s3 sync ${s(syncMs)} (${syncRequests} requests) + folder open and query ${s(baselineMs - syncMs)} = ${s(baselineMs)}`);
    console.log(`first query from the bucket: ${s(firstMs)} (${firstRequests} requests; ${firstUsed})`);
    console.log(`  ${serverUse}`);
    console.log(`  the same with every GET on the main thread (before): ${s(mainThread.ms)} (${mainThread.used}) → ${(mainThread.ms / firstMs).toFixed(2)}× slower`);
    console.log(`second query (warm store): ${(secondMs).toFixed(1)} ms (${secondRequests} requests)`);
    console.log(`reopen after a restart (new store connection and source, same query): ${reopenMs.toFixed(1)} ms (${reopenRequests} requests) for ${mb(contents.jsonBytes)} of JSON — 1:${(500 * 1024 ** 2 / contents.jsonBytes).toFixed(1)} of the issue's 500 MB`);
    const r1 = baselineMs / firstMs;
    const r2 = firstMs / secondMs;
    const r3 = firstMs / reopenMs;
    console.log(`ratio baseline / first = ${r1.toFixed(1)}× (target ≥ 5×)`);
    console.log(`ratio first / second = ${r2.toFixed(0)}× (target ≥ 50×)`);
    console.log(`ratio first (re-read) / reopen = ${r3.toFixed(0)}×; reopen ${s(reopenMs)} (target ≤ 2 s at 500 MB)`);
    return r1 >= 5 && r2 >= 50 && secondRequests === 0 && reopenRequests === 0 && reopenMs <= 2000 ? 0 : 1;
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

runMain(main);
