// The paging engine at its edges (real SDK client, local endpoint): how long it waits before a
// throttling retry, which bucket a scan without its own limiter uses, what only a throttle reports to
// the limiter, how Cancel ends a request in flight, and when a scan counts a page as empty or a token
// as repeated. Each is a behaviour a user notices: a scan that waits too long or too little, exceeds
// the account's rate, keeps a cancelled request open or stops early with a paging error.
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { classifyAwsError } from '../../../src/aws/awsErrors';
import { createCloudTrailClient } from '../../../src/aws/clientFactory';
import { lookupPages, MAX_THROTTLE_BACKOFF_MS, PagingError, sleep, throttleBackoffMs } from '../../../src/aws/lookup';
import { sharedRateLimiters, TokenBucketLimiter } from '../../../src/aws/rateLimiter';
import { collect, noLimit, series, startServer, T0, TEST_CREDENTIALS } from './localEndpoint';

const window = { region: 'us-east-1', start: T0 - 86_400_000, end: T0 };

describe('aws/lookup throttle backoff', () => {
  const lowest = (): number => 0;
  const highest = (): number => 1 - Number.EPSILON;

  it('waits nothing extra after the first throttle, then the base, doubling for each further one', () => {
    assert.equal(throttleBackoffMs(1, 250, highest), 0);
    assert.equal(throttleBackoffMs(0, 250, highest), 0);
    // Jitter keeps between half and all of the step: 250, 500, 1000, 2000 ms for the 2nd to 5th throttle.
    assert.deepEqual(
      [2, 3, 4, 5].map((n) => throttleBackoffMs(n, 250, lowest)),
      [125, 250, 500, 1000],
    );
    assert.deepEqual(
      [2, 3, 4, 5].map((n) => Math.round(throttleBackoffMs(n, 250, highest))),
      [250, 500, 1000, 2000],
    );
    assert.equal(throttleBackoffMs(3, 250, () => 0.5), 375, 'the jitter is spread over the upper half');
  });

  it('never waits more than 5 s, nor more than 32 times the base', () => {
    assert.equal(MAX_THROTTLE_BACKOFF_MS, 5000);
    assert.equal(Math.round(throttleBackoffMs(7, 250, highest)), 5000);
    assert.equal(throttleBackoffMs(12, 250, lowest), 2500);
    assert.equal(Math.round(throttleBackoffMs(40, 250, highest)), 5000);
    // A small base stops doubling after five doublings.
    assert.equal(Math.round(throttleBackoffMs(7, 10, highest)), 320);
    assert.equal(Math.round(throttleBackoffMs(20, 10, highest)), 320);
    assert.equal(throttleBackoffMs(20, 10, lowest), 160);
  });

  it('waits the default 250 ms step before the retry after a second throttle in a row', async () => {
    // The server's clock stands still until the third attempt of the page, so the first two are throttled.
    let now = T0;
    const server = await startServer(series('e', 5), { requestsPerSecond: 1, clock: () => now });
    try {
      const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
      await client.send(new LookupEventsCommand({ MaxResults: 1 }));
      const sent: number[] = [];
      client.middlewareStack.add(
        (next) => async (args) => {
          sent.push(Date.now());
          if (sent.length === 3) now = T0 + 60_000;
          return next(args);
        },
        { step: 'initialize', name: 'recordSendTimes' },
      );
      const pages = await collect(lookupPages(client, { ...window, limiter: noLimit() }));
      assert.deepEqual(
        pages.map((p) => [p.events.length, p.requests, p.throttlesRetried]),
        [[5, 3, 2]],
      );
      const gaps = sent.slice(1).map((t, i) => t - sent[i]);
      assert.ok(gaps[1] >= 120, `waited ${gaps[1]} ms before the retry after the second throttle, expected at least 125 ms`);
    } finally {
      await server.close();
    }
  });
});

describe('aws/lookup edges (real SDK, local endpoint)', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('retries twelve throttles in a row by default before the throttle reaches the user', async () => {
    server = await startServer(series('e', 10), { requestsPerSecond: 1, clock: () => T0 });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    await client.send(new LookupEventsCommand({ MaxResults: 1 }));
    const err = await collect(lookupPages(client, { ...window, limiter: noLimit(), backoffBaseMs: 1 })).then(
      () => assert.fail('expected throttling to surface'),
      (e: unknown) => e,
    );
    assert.equal(classifyAwsError(err, { region: 'us-east-1' }).kind, 'throttled');
    assert.equal(server.stats.throttled, 13, 'the first attempt and twelve retries');
  });

  it('a scan given no limiter takes its tokens from the shared bucket of the default account and its region', async () => {
    server = await startServer(series('e', 30));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const shared = sharedRateLimiters.get('default', 'us-east-1');
    const before = shared.grantedCount;
    const pages = await collect(lookupPages(client, window));
    assert.equal(pages.flatMap((p) => p.events).length, 30);
    assert.equal(shared.grantedCount - before, 1, 'one token for the one request');
    assert.ok(sharedRateLimiters.keys().includes('default|us-east-1'));
  });

  it('tells the limiter only about throttles: a server error retried leaves the pace at the limit', async () => {
    server = await startServer(series('e', 300), { faults: { serverErrorEvery: 3 } });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const limiter = new TokenBucketLimiter({ requestsPerSecond: 1000 });
    const fullPace = limiter.spacingMs;
    const pages = await collect(lookupPages(client, { ...window, limiter }));
    assert.equal(pages.flatMap((p) => p.events).length, 300);
    assert.ok(server.stats.faults >= 2, `faults served: ${server.stats.faults}`);
    assert.equal(limiter.spacingMs, fullPace);
  });

  it('Cancel ends a request the endpoint never answers, with the reason the caller cancelled with', async () => {
    server = await startServer(series('e', 10), { faults: { hang: true } });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const controller = new AbortController();
    const reason = new Error('user pressed Cancel');
    reason.name = 'AbortError';
    const started = Date.now();
    const scan = collect(lookupPages(client, { ...window, limiter: noLimit() }, controller.signal));
    setTimeout(() => {
      controller.abort(reason);
    }, 30);
    await assert.rejects(scan, (err) => err === reason);
    assert.ok(Date.now() - started < 5000, 'ended at once, not at the request timeout');
    assert.equal(server.stats.requests, 1);
  });

  it('a page of records it could not read, wholly or partly, is not an empty page', async () => {
    server = await startServer(series('e', 6));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    let page = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const events = (result.output as { Events?: { CloudTrailEvent?: string }[] }).Events ?? [];
        // The first page is all unreadable, the others half.
        for (const e of page++ === 0 ? events : events.slice(0, 1)) e.CloudTrailEvent = '{"eventID": broken';
        return result;
      },
      { step: 'initialize', name: 'corruptEvents' },
    );
    const pages = await collect(lookupPages(client, { ...window, limiter: noLimit(), maxResults: 2, maxEmptyPages: 1 }));
    assert.deepEqual(
      pages.map((p) => [p.events.length, p.errors.length]),
      [
        [0, 2],
        [1, 1],
        [1, 1],
      ],
    );
  });

  it('pages with events never count towards the empty-page limit, and one empty page between them is fine', async () => {
    server = await startServer(series('e', 10), { emptyPagesEvery: 2 });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const pages = await collect(lookupPages(client, { ...window, limiter: noLimit(), maxResults: 2, maxEmptyPages: 2 }));
    assert.equal(pages.flatMap((p) => p.events).length, 10);
    assert.ok(pages.some((p) => p.events.length === 0 && p.nextToken !== undefined), 'the server sent empty pages');
  });

  it('an empty last page whose NextToken is the empty string ends the scan', async () => {
    server = await startServer(series('e', 4));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { Events?: unknown[]; NextToken?: string };
        if (output.NextToken === undefined) {
          output.Events = [];
          output.NextToken = '';
        }
        return result;
      },
      { step: 'initialize', name: 'emptyLastPage' },
    );
    const pages = await collect(lookupPages(client, { ...window, limiter: noLimit(), maxResults: 2, maxEmptyPages: 1 }));
    assert.deepEqual(
      pages.map((p) => [p.events.length, p.nextToken]),
      [
        [2, pages[0]?.nextToken],
        [0, undefined],
      ],
    );
    assert.ok(pages[0]?.nextToken);
    assert.ok(!('nextToken' in (pages[1] ?? {})), 'the last page offers no continuation');
  });

  it('stops at once when a resumed scan gets back the very token it resumed from', async () => {
    server = await startServer(series('e', 200), { faults: { tokenLoop: true } });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const first = await client.send(new LookupEventsCommand({ StartTime: new Date(window.start), EndTime: new Date(window.end), MaxResults: 50 }));
    assert.ok(first.NextToken);
    const pages: number[] = [];
    const err = await (async () => {
      for await (const page of lookupPages(client, { ...window, limiter: noLimit(), nextToken: first.NextToken })) pages.push(page.events.length);
    })().then(
      () => assert.fail('expected the loop to be stopped'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PagingError);
    assert.equal(err.reason, 'repeatedToken');
    assert.match(err.message, /\(after 1 pages\)/);
    assert.deepEqual(pages, [50], 'the page it got is kept');
    assert.equal(server.stats.requests, 2, 'the first page and one resumed request, no third');
  });
  it('stops a loop of NextTokens that comes back to an older one, not only to the last', async () => {
    server = await startServer(series('e', 10));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const seen: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { NextToken?: string };
        // The third page hands back the first page's token: A, B, A, B, … for ever.
        if (seen.length === 2) output.NextToken = seen[0];
        else if (output.NextToken !== undefined) seen.push(output.NextToken);
        return result;
      },
      { step: 'initialize', name: 'tokenCycle' },
    );
    const pages: number[] = [];
    const err = await (async () => {
      for await (const page of lookupPages(client, { ...window, limiter: noLimit(), maxResults: 2 })) pages.push(page.events.length);
    })().then(
      () => assert.fail('expected the cycle to be stopped'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PagingError);
    assert.equal(err.reason, 'repeatedToken');
    assert.match(err.message, /\(after 3 pages\)/);
    assert.deepEqual(pages, [2, 2, 2]);
    assert.equal(server.stats.requests, 3);
  });
});

describe('aws/lookup sleep cleanup', () => {
  it('leaves no listener on the scan signal once a wait is over', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(0, controller.signal);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'a long scan would otherwise pile up listeners (and Node warns about a leak)');
  });

  it('a cancelled wait leaves no timer behind to keep the process alive', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const controller = new AbortController();
    const before = timers();
    const wait = sleep(60_000, controller.signal);
    assert.equal(timers(), before + 1);
    controller.abort();
    assert.equal(timers(), before, 'the 60 s timer is cleared at once');
    await assert.rejects(wait, { name: 'AbortError' });
  });
});
