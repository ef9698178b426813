import * as assert from 'node:assert/strict';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import type { TrailEvent } from '../../../src/core/model';
import { baseQuery, localSource, rawRecord, series, startServer, T0 } from './localEndpoint';

const ids = (events: readonly TrailEvent[]): string[] => events.map((e) => e.id);
const isNewestFirst = (events: readonly TrailEvent[]): boolean => events.every((e, i) => i === 0 || events[i - 1].time >= e.time);

describe('aws/apiEventSource', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('pages through every event newest first, 50 per request', async () => {
    server = await startServer(series('e', 137));
    const result = await localSource(server).query(baseQuery());
    assert.equal(result.events.length, 137);
    assert.equal(new Set(ids(result.events)).size, 137);
    assert.ok(isNewestFirst(result.events));
    assert.equal(result.events[0].id, 'e-00000');
    assert.equal(result.stats.pages, 3);
    assert.equal(result.stats.requests, 3);
    assert.equal(result.cancelled, false);
    assert.equal(result.loadMore, undefined);
    assert.deepEqual(result.regionErrors, []);
  });

  it('reports progress after each page with the events that can no longer move', async () => {
    server = await startServer(series('e', 120));
    const seen: string[] = [];
    let calls = 0;
    const result = await localSource(server).query(baseQuery(), {
      onProgress: (events, stats) => {
        calls++;
        seen.push(...ids(events));
        assert.equal(stats.events, seen.length);
      },
    });
    assert.ok(calls >= 3);
    assert.deepEqual(seen, ids(result.events));
  });

  it('survives a throttling storm: every other request throttled, none surfaced, nothing lost', async () => {
    server = await startServer(series('e', 260), { throttleEveryOther: true });
    const result = await localSource(server).query(baseQuery());
    assert.equal(result.events.length, 260);
    assert.equal(new Set(ids(result.events)).size, 260);
    assert.deepEqual(result.regionErrors, []);
    assert.ok(result.stats.throttlesRetried >= 5, `retried ${result.stats.throttlesRetried}`);
    assert.equal(result.stats.requests, result.stats.pages + result.stats.throttlesRetried);
    assert.equal(server.stats.throttled, result.stats.throttlesRetried);
  });

  it('handles empty pages that still carry a NextToken', async () => {
    server = await startServer(series('e', 160), { emptyPagesEvery: 2 });
    const pagesWithEvents: number[] = [];
    const result = await localSource(server).query(baseQuery(), { onProgress: (_e, s) => pagesWithEvents.push(s.pages) });
    assert.equal(result.events.length, 160);
    assert.ok(result.stats.pages > 4, `only ${result.stats.pages} pages: the server sent no empty page`);
  });

  it('de-duplicates event ids repeated across pages and in the data', async () => {
    const records = [...series('e', 120), rawRecord({ id: 'e-00010', ago: 5000 }), rawRecord({ id: 'e-00060', ago: 6000 })];
    server = await startServer(records, { duplicateAcrossPages: true });
    const result = await localSource(server).query(baseQuery());
    assert.equal(result.events.length, 120);
    assert.equal(new Set(ids(result.events)).size, 120);
  });

  it('merges several regions newest first and returns the true newest N across them', async () => {
    const records = [...series('use1', 90, 'us-east-1', 0), ...series('euw1', 90, 'eu-west-1', 3), ...series('apse2', 30, 'ap-southeast-2', 7)];
    server = await startServer(records);
    const source = localSource(server, { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] });
    const all = await source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] }));
    assert.equal(all.events.length, 210);
    assert.ok(isNewestFirst(all.events));
    assert.deepEqual(new Set(all.events.map((e) => e.region)), new Set(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
    assert.deepEqual(server.stats.byRegion, { 'us-east-1': 2, 'eu-west-1': 2, 'ap-southeast-2': 1 });

    const top = await source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'], maxEvents: 40 }));
    assert.deepEqual(ids(top.events), ids(all.events).slice(0, 40));
  });

  it('loads more from the saved NextTokens without repeating or losing events', async () => {
    const records = [...series('a', 75, 'us-east-1'), ...series('b', 55, 'eu-west-1', 5)];
    server = await startServer(records);
    const source = localSource(server, { regions: ['us-east-1', 'eu-west-1'] });
    const everything = await source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1'] }));
    const before = server.stats.requests;
    const first = await source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1'], maxEvents: 60 }));
    assert.equal(first.events.length, 60);
    assert.ok(first.loadMore);
    const second = await first.loadMore();
    assert.equal(second.events.length, 60);
    const third = await second.loadMore!();
    assert.equal(third.events.length, 10);
    assert.equal(third.loadMore, undefined);
    const union = [...first.events, ...second.events, ...third.events];
    assert.deepEqual(ids(union), ids(everything.events));
    // Continuing never restarts a region: 2 + 2 pages for 75 + 55 events.
    assert.equal(server.stats.requests - before, 4);
  });

  it('keeps partial results when aborted mid-scan, and can continue afterwards', async () => {
    server = await startServer(series('e', 400), { pageDelayMs: 20 });
    const controller = new AbortController();
    const source = localSource(server);
    const result = await source.query(baseQuery(), {
      signal: controller.signal,
      onProgress: (_events, stats) => {
        if (stats.pages === 2) controller.abort();
      },
    });
    assert.equal(result.cancelled, true);
    assert.equal(result.events.length, 100);
    assert.deepEqual(result.regionErrors, []);
    const requestsAtAbort = server.stats.requests;
    await new Promise((r) => setTimeout(r, 80));
    assert.ok(server.stats.requests <= requestsAtAbort + 1, 'the scan went on after abort');
    assert.ok(result.loadMore);
    const rest = await result.loadMore();
    assert.equal(rest.cancelled, false);
    assert.equal(rest.events.length, 300);
    assert.equal(new Set([...ids(result.events), ...ids(rest.events)]).size, 400);
  });

  it('stops at once when the signal is already aborted', async () => {
    server = await startServer(series('e', 100));
    const controller = new AbortController();
    controller.abort();
    const result = await localSource(server).query(baseQuery(), { signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.equal(result.events.length, 0);
    assert.equal(server.stats.requests, 0);
  });

  it('sends the most selective exact filter to the server and applies the rest locally', async () => {
    const records = [
      rawRecord({ id: 'x1', ago: 10, user: 'alice', name: 'DeleteBucket', source: 's3.amazonaws.com' }),
      rawRecord({ id: 'x2', ago: 20, user: 'alice', name: 'DeleteObjects', source: 's3.amazonaws.com' }),
      rawRecord({ id: 'x3', ago: 30, user: 'alice', name: 'CreateBucket', source: 's3.amazonaws.com' }),
      rawRecord({ id: 'x4', ago: 40, user: 'bob', name: 'DeleteBucket', source: 's3.amazonaws.com' }),
      rawRecord({ id: 'x5', ago: 50, user: 'alice', name: 'DeleteTrail', source: 'cloudtrail.amazonaws.com', errorCode: 'AccessDenied' }),
      rawRecord({ id: 'x6', ago: 60, user: 'alice', name: 'DescribeTrails', source: 'cloudtrail.amazonaws.com', readOnly: true }),
    ];
    server = await startServer(records);
    const source = localSource(server);
    const result = await source.query(
      baseQuery({
        filters: [
          { key: 'EventName', value: 'Delete*' },
          { key: 'Username', value: 'alice' },
        ],
      }),
    );
    assert.deepEqual(result.plan, { server: { key: 'Username', value: 'alice' }, local: [{ key: 'EventName', value: 'Delete*' }] });
    assert.deepEqual(ids(result.events), ['x1', 'x2', 'x5']);

    const errorsOnly = await source.query(baseQuery({ filters: [{ key: 'Username', value: 'alice' }], errorsOnly: true }));
    assert.deepEqual(ids(errorsOnly.events), ['x5']);

    // Without any other filter, excluding read-only events is done by the server.
    const writes = await source.query(baseQuery({ includeReadOnly: false }));
    assert.deepEqual(writes.plan, { server: { key: 'ReadOnly', value: 'false' }, local: [] });
    assert.deepEqual(ids(writes.events), ['x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('reports a failing region with an actionable message while the others continue', async () => {
    server = await startServer(series('a', 70, 'us-east-1'));
    const denied = await startServer(series('b', 10, 'eu-west-1'), { deniedAccessKeys: ['AKIATESTLOCAL0000001'] });
    try {
      const source = localSource(server, { regions: ['us-east-1', 'eu-west-1'], regionEndpoints: { 'eu-west-1': denied.url }, profile: 'audit' });
      const result = await source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1'] }));
      assert.equal(result.events.length, 70);
      assert.equal(result.regionErrors.length, 1);
      assert.equal(result.regionErrors[0].region, 'eu-west-1');
      assert.match(result.regionErrors[0].message, /Access denied in eu-west-1: profile audit is not allowed to call cloudtrail:LookupEvents/);
    } finally {
      await denied.close();
    }
  });

  it('explains expired credentials', async () => {
    server = await startServer(series('a', 10), { expiredAccessKeys: ['AKIATESTLOCAL0000001'] });
    const result = await localSource(server, { profile: 'prod' }).query(baseQuery());
    assert.equal(result.events.length, 0);
    assert.match(result.regionErrors[0].message, /credentials of profile prod have expired/);
    assert.match(result.regionErrors[0].message, /aws sso login --profile prod/);
  });

  it('explains an invalid time range and an invalid attribute', async () => {
    server = await startServer(series('a', 10));
    const source = localSource(server);
    const range = await source.query(baseQuery({ start: T0, end: T0 - 3_600_000 }));
    assert.match(range.regionErrors[0].message, /Invalid time range in us-east-1/);
    const attribute = await source.query(baseQuery({ category: 'insight', filters: [{ key: 'Username', value: 'alice' }] }));
    assert.match(attribute.regionErrors[0].message, /rejected the lookup filter in us-east-1/);
  });

  it('shares one limiter bucket per account and region across queries', async () => {
    server = await startServer([...series('a', 60, 'us-east-1'), ...series('b', 20, 'eu-west-1')]);
    const limiter = new RateLimiterRegistry({ requestsPerSecond: 0 });
    const source = localSource(server, { regions: ['us-east-1', 'eu-west-1'], limiter, accountKey: '123456789012' });
    await Promise.all([source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1'] })), source.query(baseQuery({ regions: ['us-east-1'] }))]);
    assert.deepEqual(limiter.keys().sort(), ['123456789012|eu-west-1', '123456789012|us-east-1']);
    assert.equal(limiter.get('123456789012', 'us-east-1').grantedCount, 4);
    assert.equal(limiter.get('123456789012', 'eu-west-1').grantedCount, 1);
    assert.equal(server.stats.requests, 5);
  });
});
