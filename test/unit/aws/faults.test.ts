// The real SDK client against the local endpoint in fault-injecting mode: what the user gets when
// the network or the service misbehaves — the good events, the failure entry and its wording, and
// a bounded time.
import * as assert from 'node:assert/strict';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { baseQuery, localSource, series, startServer } from './localEndpoint';

const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

describe('aws fault injection (real SDK, local endpoint)', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('retries a 500 on every third call and loads the whole region, each attempt paced by the limiter', async () => {
    server = await startServer(series('e', 300), { faults: { serverErrorEvery: 3 } });
    const limiter = new RateLimiterRegistry({ requestsPerSecond: 0 });
    const result = await localSource(server, { limiter, accountKey: 'acct' }).query(baseQuery());
    assert.deepEqual(result.regionErrors, []);
    assert.equal(result.events.length, 300, 'nothing is missing');
    assert.equal(new Set(ids(result.events)).size, 300);
    assert.ok(server.stats.faults >= 2, `faults served: ${server.stats.faults}`);
    // The SDK's retries went through the limiter: one token per request the server saw.
    assert.equal(limiter.get('acct', 'us-east-1').grantedCount, server.stats.requests);
    assert.equal(result.stats.requests, server.stats.requests);
  });

  it('retries a response whose body was cut off', async () => {
    server = await startServer(series('e', 120), { faults: { dropBodyEvery: 2 } });
    const result = await localSource(server).query(baseQuery());
    assert.deepEqual(result.regionErrors, []);
    assert.equal(result.events.length, 120);
  });

  it('ends a never-answering endpoint within timeout × attempts, with a clear, resumable failure', async () => {
    server = await startServer(series('e', 10), { faults: { hang: true } });
    const started = Date.now();
    const result = await localSource(server, { limits: { requestTimeoutMs: 300, maxAttempts: 2 } }).query(baseQuery());
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 600 && elapsed < 2500, `ended after ${elapsed} ms`);
    assert.equal(server.stats.requests, 2, 'two attempts');
    assert.equal(result.events.length, 0);
    assert.deepEqual(
      result.regionErrors.map(({ region, reason, resumable, eventsBefore }) => ({ region, reason, resumable, eventsBefore })),
      [{ region: 'us-east-1', reason: 'timeout', resumable: true, eventsBefore: 0 }],
    );
    assert.equal(result.regionErrors[0]?.message, `CloudTrail at ${server.url} did not answer in us-east-1 within 0.3 s, 2 attempts. Check the network or the endpoint, then retry.`);
    assert.ok(result.retry, 'offers Retry');
  });

  it('ends a body that stalls longer than the request timeout', async () => {
    server = await startServer(series('e', 5), { faults: { slowBodyBytes: 50, slowBodyMs: 600 } });
    const started = Date.now();
    const result = await localSource(server, { limits: { requestTimeoutMs: 250, maxAttempts: 1 } }).query(baseQuery());
    assert.ok(Date.now() - started < 2000);
    assert.equal(result.regionErrors[0]?.reason, 'timeout');
  });

  it('stops a NextToken loop with a clear message and keeps the events already received', async () => {
    server = await startServer(series('e', 200), { faults: { tokenLoop: true } });
    const result = await localSource(server, { pageSize: 50 }).query(baseQuery());
    assert.ok(server.stats.requests <= 3, `${server.stats.requests} requests`);
    assert.deepEqual(ids(result.events).slice(0, 3), ['e-00000', 'e-00001', 'e-00002']);
    assert.equal(result.events.length, 100, 'the first page and the repeated one, de-duplicated');
    assert.equal(result.regionErrors.length, 1);
    assert.match(result.regionErrors[0]?.message ?? '', /^CloudTrail in us-east-1 returned a NextToken it had already returned \(after 2 pages\); the scan stopped there instead of looping$/);
    assert.equal(result.regionErrors[0]?.resumable, false);
    assert.equal(result.loadMore, undefined);
    assert.equal(result.retry, undefined);
  });

  it('stops a run of empty pages far longer than the service produces', async () => {
    server = await startServer(series('e', 10), { faults: { emptyPagesForever: true } });
    const result = await localSource(server, { maxEmptyPages: 5 }).query(baseQuery());
    assert.equal(server.stats.requests, 5);
    assert.equal(result.regionErrors[0]?.reason, 'emptyPages');
    assert.match(result.regionErrors[0]?.message ?? '', /returned 5 empty pages in a row \(the service never does that\); the scan stopped there/);
  });

  it('keeps what a region got before a malformed body and resumes it from there with Retry', async () => {
    server = await startServer([...series('e', 150), ...series('w', 20, 'eu-west-1')], { faults: { malformedBodyEvery: 3 } });
    const source = localSource(server, { regions: ['us-east-1', 'eu-west-1'], limits: { maxAttempts: 1 } });
    const first = await source.query(baseQuery({ regions: ['us-east-1', 'eu-west-1'] }));
    const failure = first.regionErrors[0];
    assert.ok(failure, 'one region failed');
    assert.equal(first.regionErrors.length, 1);
    assert.equal(failure.resumable, true);
    assert.ok(failure.resumeToken, 'it stopped after its first page');
    assert.equal(failure.eventsBefore, first.events.filter((e) => e.region === failure.region).length);
    assert.match(failure.message, new RegExp(`Kept the ${failure.eventsBefore ?? 0} events received before\\.$`));
    assert.ok(first.retry);
    server.setOptions({ faults: {} });
    const requestsBefore = server.stats.requests;
    const retried = await first.retry();
    assert.deepEqual(retried.regionErrors, []);
    assert.ok(server.stats.requests - requestsBefore <= 3, 'only the failed region, from its saved token');
    const all = new Set([...ids(first.events), ...ids(retried.events)]);
    assert.equal(all.size, 170, 'nothing lost, nothing twice');
    assert.equal(first.events.length + retried.events.length, 170);
  });

  for (const kind of ['serverError', 'dropBody'] as const) {
    it(`a per-region fault (${kind} after page 1 in eu-west-1) keeps the other regions whole, and Retry fills the gap once cleared`, async () => {
      server = await startServer([...series('e', 120), ...series('w', 130, 'eu-west-1')], { faults: { regionFaults: { 'eu-west-1': { afterPages: 1, kind } } } });
      const regions = ['us-east-1', 'eu-west-1'];
      const source = localSource(server, { regions, pageSize: 50, limits: { maxAttempts: 2 } });
      const first = await source.query(baseQuery({ regions }));
      assert.equal(first.events.filter((e) => e.region === 'us-east-1').length, 120, 'the good region is whole');
      assert.equal(first.events.filter((e) => e.region === 'eu-west-1').length, 50, 'the failed region keeps its first page');
      assert.deepEqual(first.regionErrors.map((e) => [e.region, e.resumable, e.eventsBefore]), [['eu-west-1', true, 50]]);
      assert.ok(first.retry, 'offers Retry');
      const again = await first.retry();
      assert.deepEqual(again.regionErrors.map((e) => e.region), ['eu-west-1'], 'still failing while the fault is on');
      server.setOptions({ faults: {} });
      const retried = await (again.retry ?? first.retry)();
      assert.deepEqual(retried.regionErrors, []);
      const all = [...first.events, ...again.events, ...retried.events];
      assert.equal(new Set(ids(all)).size, 250, 'nothing lost');
      assert.equal(all.length, 250, 'nothing twice');
    });
  }

  it('keys the limiter by account id: STS once per source, shared by profiles of one account', async () => {
    server = await startServer(series('e', 60), { accounts: { AKIATESTLOCAL0000001: '111111111111', AKIATESTLOCAL0000002: '111111111111' } });
    const limiter = new RateLimiterRegistry({ requestsPerSecond: 0 });
    const a = localSource(server, { limiter, profile: 'admin' });
    const b = localSource(server, { limiter, profile: 'readonly', credentials: { accessKeyId: 'AKIATESTLOCAL0000002', secretAccessKey: 'x'.repeat(40) } });
    await a.query(baseQuery());
    await a.query(baseQuery());
    await b.query(baseQuery());
    assert.equal(server.stats.callerIdentity, 2, 'once per source');
    assert.deepEqual(limiter.keys(), ['111111111111|us-east-1']);
    // Credentials that carry their account id need no STS call.
    const c = localSource(server, { limiter, credentials: { accessKeyId: 'AKIATESTLOCAL0000003', secretAccessKey: 'y'.repeat(40), accountId: '222222222222' } });
    await c.query(baseQuery());
    assert.equal(server.stats.callerIdentity, 2);
    assert.deepEqual(limiter.keys().sort(), ['111111111111|us-east-1', '222222222222|us-east-1']);
  });
});
