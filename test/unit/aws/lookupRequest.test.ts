// What one LookupEvents scan sends and yields, seen on the wire (real SDK client, local endpoint): the
// request a user's query becomes, the pages they see while it runs, and how a wait ends on Cancel.
import * as assert from 'node:assert/strict';
import type { LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { isAbortError, lookupPages, PagingError, sleep } from '../../../src/aws/lookup';
import { collect, noLimit, recordingClient, series, startServer, T0 } from './localEndpoint';

describe('aws/lookup requests and pages (real SDK, local endpoint)', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('asks for 50 events a page in the window, and sends no attribute, category or token it was not given', async () => {
    server = await startServer(series('e', 60));
    const inputs: LookupEventsCommandInput[] = [];
    const pages = await collect(lookupPages(recordingClient(server, inputs), { region: 'us-east-1', start: T0 - 3_600_000, end: T0, limiter: noLimit() }));
    assert.deepEqual(inputs[0], { StartTime: new Date(T0 - 3_600_000), EndTime: new Date(T0), MaxResults: 50 });
    assert.deepEqual(
      pages.map((p) => [p.region, p.events.length, p.nextToken !== undefined, p.requests, p.throttlesRetried]),
      [
        ['us-east-1', 50, true, 1, 0],
        ['us-east-1', 10, false, 1, 0],
      ],
    );
    // The last page has no continuation at all (not an empty one), so "Load more" is not offered.
    assert.ok(!('nextToken' in pages[1]));
    assert.equal(inputs[1].NextToken, pages[0].nextToken);
  });

  it('sends the one server attribute, the event category and a smaller page size as given', async () => {
    server = await startServer(series('e', 5));
    const inputs: LookupEventsCommandInput[] = [];
    await collect(
      lookupPages(recordingClient(server, inputs), {
        region: 'us-east-1',
        start: T0 - 3_600_000,
        end: T0,
        attribute: { key: 'EventName', value: 'RunInstances' },
        category: 'insight',
        maxResults: 7,
        limiter: noLimit(),
      }),
    );
    assert.deepEqual(inputs[0], {
      StartTime: new Date(T0 - 3_600_000),
      EndTime: new Date(T0),
      MaxResults: 7,
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'RunInstances' }],
      EventCategory: 'insight',
    });
  });

  it('names why a scan stopped: a PagingError says its reason', () => {
    const err = new PagingError('emptyPages', 'too many empty pages');
    assert.equal(err.name, 'PagingError');
    assert.equal(err.reason, 'emptyPages');
    assert.equal(err.message, 'too many empty pages');
    assert.ok(err instanceof Error);
  });
});

describe('aws/lookup sleep and cancellation', () => {
  it('waits the time asked, then resolves', async () => {
    const started = Date.now();
    await sleep(40);
    assert.ok(Date.now() - started >= 35);
  });

  it('rejects at once with an AbortError when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const started = Date.now();
    await assert.rejects(sleep(60_000, controller.signal), (err: unknown) => isAbortError(err));
    assert.ok(Date.now() - started < 1000);
  });

  it('rejects as soon as Cancel is pressed during the wait, and never resolves afterwards', async () => {
    const controller = new AbortController();
    let settled = '';
    const wait = sleep(200, controller.signal).then(
      () => (settled = 'resolved'),
      (err: unknown) => (settled = isAbortError(err) ? 'aborted' : 'other'),
    );
    setTimeout(() => {
      controller.abort();
    }, 10);
    const started = Date.now();
    await wait;
    assert.equal(settled, 'aborted');
    assert.ok(Date.now() - started < 150);
    await sleep(250);
    assert.equal(settled, 'aborted');
  });

  it('tells a cancellation from other failures', () => {
    const abort = new Error('stopped');
    abort.name = 'AbortError';
    assert.equal(isAbortError(abort), true);
    assert.equal(isAbortError(new Error('AbortError')), false);
    assert.equal(isAbortError({ name: 'AbortError' }), false);
    assert.equal(isAbortError(undefined), false);
  });
});
