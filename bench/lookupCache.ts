/**
 * Repeating a 24 h LookupEvents query over a window already fetched (issue 20): the API source
 * through the store vs the API source alone, side by side against the local CloudTrail endpoint
 * enforcing 2 requests/s per region. Prints requests and time of the first query, the repeat, and
 * the repeat after a restart (a new store connection) — target: 0 requests for the repeats.
 *
 *   npm run bench:lookup-cache [-- --events 1500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrailStore } from '../src/archive/store/trailStore';
import { createApiEventSource } from '../src/aws/apiEventSource';
import { createCachedApiSource } from '../src/archive/store/cachedLookupSource';
import { RateLimiterRegistry } from '../src/aws/rateLimiter';
import type { EventQuery, TrailEventSource } from '../src/core/query';
import { startLocalCloudTrail } from '../tools/local-cloudtrail/server';
import { generateSampleRecords } from '../tools/sample-data/generate';
import { runMain } from './runMain';

const CREDENTIALS = { accessKeyId: 'AKIABENCHLOCAL000001', secretAccessKey: 'benchLocalSecretKey000000000000000000000' };
const i = process.argv.indexOf('--events');
const EVENTS = i > 0 ? Number(process.argv[i + 1]) : 1500;

async function main(): Promise<number> {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const { records } = generateSampleRecords({ now, backgroundEvents: Math.ceil(EVENTS / 0.45), regions: ['eu-west-1'] });
  const server = await startLocalCloudTrail({ records, requestsPerSecond: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'ct-lookup-cache-'));
  try {
    const query: EventQuery = { regions: ['eu-west-1'], filters: [], start: now - 86_400_000, end: now, includeReadOnly: true, maxEvents: 100_000 };
    const options = { regions: ['eu-west-1'], endpoint: server.url, credentials: CREDENTIALS, limiter: new RateLimiterRegistry({ requestsPerSecond: 2 }), cacheKey: '123456789012' };
    const run = async (source: TrailEventSource): Promise<{ ms: number; requests: number; events: number }> => {
      const before = server.stats.requests;
      const started = performance.now();
      const result = await source.query(query);
      return { ms: performance.now() - started, requests: server.stats.requests - before, events: result.events.length };
    };
    const plain = createApiEventSource(options);
    const plainFirst = await run(plain);
    const plainRepeat = await run(plain);
    const path = join(dir, 'store.sqlite');
    let store = TrailStore.open(path);
    const cached = (s: TrailStore): TrailEventSource => createCachedApiSource({ store: s, regions: options.regions, cacheKey: options.cacheKey, createSource: (hooks) => createApiEventSource({ ...options, ...hooks }) });
    const cachedFirst = await run(cached(store));
    const cachedRepeat = await run(cached(store));
    store.close();
    store = TrailStore.open(path);
    const afterRestart = await run(cached(store));
    store.close();
    const line = (name: string, r: { ms: number; requests: number; events: number }): void => {
      console.log(`  ${name.padEnd(34)} ${String(r.events).padStart(6)} events ${String(r.requests).padStart(4)} requests ${(r.ms / 1000).toFixed(2).padStart(7)} s`);
    };
    console.log(`24 h LookupEvents query, one region, 2 requests/s:`);
    line('API alone, first', plainFirst);
    line('API alone, repeat', plainRepeat);
    line('through the store, first', cachedFirst);
    line('through the store, repeat', cachedRepeat);
    line('through the store, after a restart', afterRestart);
    console.log(`ratio repeat time, API alone / through the store = ${(plainRepeat.ms / cachedRepeat.ms).toFixed(0)}×; repeat requests ${cachedRepeat.requests} and ${afterRestart.requests} (target 0)`);
    const same = cachedRepeat.events === plainFirst.events && afterRestart.events === plainFirst.events;
    return same && cachedRepeat.requests === 0 && afterRestart.requests === 0 ? 0 : 1;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main);
