import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { createCachedApiSource, type CachedApiSourceOptions } from '../../../../src/archive/store/cachedLookupSource';
import { createApiEventSource } from '../../../../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../../../../src/aws/rateLimiter';
import type { EventQuery } from '../../../../src/core/query';
import type { LocalCloudTrail } from '../../../../tools/local-cloudtrail/server';
import { tempDir } from '../helpers';
import { T0, TEST_CREDENTIALS, baseQuery, rawRecord, series, startServer } from '../../aws/localEndpoint';

const HOUR = 3_600_000;

function cached(server: LocalCloudTrail, store: TrailStore, overrides: Partial<CachedApiSourceOptions> = {}): ReturnType<typeof createCachedApiSource> {
  return createCachedApiSource({
    store,
    regions: ['us-east-1'],
    cacheKey: '123456789012',
    now: () => T0,
    // Wired as the extension wires it: the API engine with the store's hooks.
    createSource: (hooks) =>
      createApiEventSource({
        regions: ['us-east-1'],
        endpoint: server.url,
        credentials: TEST_CREDENTIALS,
        limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }),
        backoffBaseMs: 5,
        ...hooks,
      }),
    ...overrides,
  });
}

const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

describe('aws/cachedApiSource: LookupEvents results kept in the store', () => {
  let server: LocalCloudTrail;
  let tmp: ReturnType<typeof tempDir>;
  const day: EventQuery = baseQuery({ start: T0 - 24 * HOUR, end: T0 });
  beforeEach(async () => {
    tmp = tempDir();
    // 300 events, one every 10 s over the last 50 minutes, plus older ones.
    server = await startServer([...series('e', 300), ...series('old', 50, 'us-east-1', 30 * 3600)]);
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('repeating a 24 h query over a fetched window sends 0 requests, also after a restart', async () => {
    const path = join(tmp.dir, 'store.sqlite');
    const store = TrailStore.open(path);
    const first = await cached(server, store).query(day);
    assert.equal(first.events.length, 300);
    const sent = server.stats.requests;
    assert.ok(sent >= 6, `${sent} requests for 300 events`);
    const again = await cached(server, store).query(day);
    assert.deepEqual(ids(again.events), ids(first.events));
    assert.equal(server.stats.requests, sent, 'no request for the same window');
    assert.equal(again.stats.requests, 0);
    store.close();
    const reopened = TrailStore.open(path);
    const afterRestart = await cached(server, reopened).query(day);
    assert.deepEqual(ids(afterRestart.events), ids(first.events));
    assert.equal(server.stats.requests, sent, 'no request after a restart either');
    const narrower = await cached(server, reopened).query({ ...day, start: T0 - HOUR / 2, filters: [{ key: 'EventName', value: 'DescribeInstances' }] });
    assert.ok(narrower.events.length > 0);
    assert.equal(server.stats.requests, sent, 'a narrower, filtered query inside the window is answered locally');
    reopened.close();
  });

  it('fetches only the missing older part when the window grows, and pages like the API', async () => {
    const store = TrailStore.open(':memory:');
    const source = cached(server, store);
    await source.query({ ...day, start: T0 - HOUR });
    const before = server.stats.requests;
    const wider = await source.query(baseQuery({ start: T0 - 48 * HOUR, end: T0 }));
    assert.equal(wider.events.length, 350);
    assert.ok(server.stats.requests - before <= 2, `${server.stats.requests - before} requests for the 50 older events`);
    const paged: string[] = [];
    let page = await cached(server, store).query(baseQuery({ start: T0 - 48 * HOUR, end: T0, maxEvents: 40 }));
    paged.push(...ids(page.events));
    while (page.loadMore) {
      page = await page.loadMore();
      paged.push(...ids(page.events));
    }
    assert.deepEqual(paged, ids(wider.events), 'same events, same order, no repeats');
    store.close();
  });

  it('refresh fetches only what is newer than the last fetch (with a settle margin)', async () => {
    const store = TrailStore.open(':memory:');
    let clock = T0;
    const source = cached(server, store, { now: () => clock, settleMs: 60_000 });
    await source.query(day);
    server.setRecords([...series('e', 300), ...series('old', 50, 'us-east-1', 30 * 3600), rawRecord({ id: 'late', ago: -120 })]);
    clock = T0 + 5 * 60_000;
    const before = server.stats.requests;
    source.refresh();
    const fresh = await source.query({ ...day, end: clock });
    assert.equal(fresh.events[0]?.id, 'late');
    assert.equal(server.stats.requests - before, 1, 'one page for the newest minutes');
    store.close();
  });

  it('sends the attribute the store expects to need the fewest pages, and today’s ranking when it has seen nothing', async () => {
    const records = [
      ...Array.from({ length: 200 }, (_, i) => rawRecord({ id: `bob-${i}`, ago: i * 60, user: 'bob', name: 'DescribeInstances' })),
      ...Array.from({ length: 200 }, (_, i) => rawRecord({ id: `bob2-${i}`, ago: 86_400 + i * 60, user: 'bob', name: 'DescribeInstances' })),
      ...[10, 20, 86_410, 86_420].map((ago, i) => rawRecord({ id: `del-${i}`, ago, user: 'bob', name: 'DeleteDBInstance' })),
    ];
    server.setRecords(records);
    const query = baseQuery({ start: T0 - 24 * HOUR, end: T0, filters: [{ key: 'Username', value: 'bob' }, { key: 'EventName', value: 'DeleteDBInstance' }] });
    const fresh = TrailStore.open(':memory:');
    const ranked = await cached(server, fresh).query(query);
    assert.equal(ranked.plan.server?.key, 'Username', 'nothing seen: the fixed ranking');
    fresh.close();
    const store = TrailStore.open(':memory:');
    const source = cached(server, store);
    // Seen: every event of the previous day.
    await source.query(baseQuery({ start: T0 - 48 * HOUR, end: T0 - 24 * HOUR - 1 }));
    const before = server.stats.requests;
    const chosen = await source.query(query);
    assert.equal(chosen.plan.server?.key, 'EventName');
    assert.deepEqual(ids(chosen.events).sort(), ['del-0', 'del-1']);
    assert.equal(server.stats.requests - before, 1, 'one page instead of five');
    assert.ok(ranked.stats.requests >= 4);
    store.close();
  });
});
