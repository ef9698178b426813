import * as assert from 'node:assert/strict';
import { LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { classifyAwsError } from '../../../src/aws/awsErrors';
import { createCloudTrailClient } from '../../../src/aws/clientFactory';
import { lookupPages, type LookupPage } from '../../../src/aws/lookup';
import { TokenBucketLimiter } from '../../../src/aws/rateLimiter';
import { collect, noLimit, rawRecord, recordingClient, series, startServer, T0, TEST_CREDENTIALS } from './localEndpoint';

describe('aws/lookup', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('freezes the window and attribute for the whole scan, even while new events arrive', async () => {
    const records = series('e', 140);
    server = await startServer(records, { pageDelayMs: 5 });
    const inputs: LookupEventsCommandInput[] = [];
    const client = recordingClient(server, inputs);
    const params = { region: 'us-east-1', start: T0 - 3_600_000, end: T0, attribute: { key: 'Username' as const, value: 'alice' }, limiter: noLimit() };
    const pages: LookupPage[] = [];
    for await (const page of lookupPages(client, params)) {
      pages.push(page);
      // A newer event lands mid-scan: the frozen window must neither see it nor break the token.
      if (pages.length === 1) server.setRecords([rawRecord({ id: 'late', ago: -30 }), ...records]);
    }
    assert.equal(pages.length, 3);
    assert.equal(pages.flatMap((p) => p.events).length, 140);
    assert.ok(!pages.some((p) => p.events.some((e) => e.id === 'late')));
    assert.equal(inputs.length, 3);
    const withoutToken = inputs.map(({ NextToken: _t, ...rest }) => rest);
    for (const input of withoutToken) assert.deepEqual(input, withoutToken[0]);
    assert.equal(inputs[0].NextToken, undefined);
    assert.ok(inputs[1].NextToken && inputs[2].NextToken && inputs[1].NextToken !== inputs[2].NextToken);
    assert.equal((inputs[0].EndTime!).getTime(), T0);
  });

  it('never reuses a NextToken with other parameters (the service rejects that)', async () => {
    server = await startServer(series('e', 80));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const base = { StartTime: new Date(T0 - 3_600_000), EndTime: new Date(T0), MaxResults: 50 };
    const first = await client.send(new LookupEventsCommand(base));
    assert.ok(first.NextToken);
    const moved = client.send(new LookupEventsCommand({ ...base, EndTime: new Date(T0 + 1000), NextToken: first.NextToken }));
    const err = await moved.then(
      () => assert.fail('the server accepted a token with other parameters'),
      (e: unknown) => e,
    );
    assert.equal((err as Error).name, 'InvalidNextTokenException');
    assert.match(classifyAwsError(err, { region: 'us-east-1' }).message, /rejected the continuation token/);
    // Resuming with the token and the same parameters works, and is what the generator does.
    const resumed = await collect(lookupPages(client, { region: 'us-east-1', start: T0 - 3_600_000, end: T0, nextToken: first.NextToken, limiter: noLimit() }));
    assert.deepEqual(
      resumed.flatMap((p) => p.events.map((e) => e.id)),
      series('e', 80)
        .slice(50)
        .map((r) => r.eventID),
    );
  });

  it('turns records it cannot normalize into errors and keeps the rest of the page', async () => {
    server = await startServer(series('e', 30));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { Events?: { CloudTrailEvent?: string }[] };
        output.Events![3].CloudTrailEvent = '{"eventID": broken';
        return result;
      },
      { step: 'initialize', name: 'corruptOneEvent' },
    );
    const [page] = await collect(lookupPages(client, { region: 'us-east-1', start: T0 - 3_600_000, end: T0, limiter: noLimit() }));
    assert.equal(page.events.length, 29);
    assert.equal(page.errors.length, 1);
    assert.equal(page.errors[0].index, 3);
    assert.match(page.errors[0].error, /not valid JSON/);
  });

  it('goes through the limiter for every request and aborts a wait at once', async () => {
    server = await startServer(series('e', 120));
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    // One token, then none for ~17 minutes: the second page must wait until the abort.
    const limiter = new TokenBucketLimiter({ requestsPerSecond: 0.001 });
    const controller = new AbortController();
    const pages: LookupPage[] = [];
    const scan = (async () => {
      for await (const page of lookupPages(client, { region: 'us-east-1', start: T0 - 3_600_000, end: T0, limiter }, controller.signal)) {
        pages.push(page);
        setTimeout(() => { controller.abort(); }, 20);
      }
    })();
    await assert.rejects(scan, { name: 'AbortError' });
    assert.equal(pages.length, 1);
    assert.equal(server.stats.requests, 1);
    assert.equal(limiter.waiting, 0);
  });

  it('retries throttling with backoff and counts the retries', async () => {
    server = await startServer(series('e', 100), { throttleEveryOther: true });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const pages = await collect(lookupPages(client, { region: 'us-east-1', start: T0 - 3_600_000, end: T0, limiter: noLimit(), backoffBaseMs: 2 }));
    assert.equal(pages.flatMap((p) => p.events).length, 100);
    assert.deepEqual(
      pages.map((p) => [p.requests, p.throttlesRetried]),
      [
        [1, 0],
        [2, 1],
      ],
    );
  });

  it('surfaces throttling only after the retry budget is spent', async () => {
    server = await startServer(series('e', 10), { requestsPerSecond: 1 });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    await client.send(new LookupEventsCommand({ MaxResults: 1 }));
    const scan = collect(lookupPages(client, { region: 'us-east-1', start: T0 - 3_600_000, end: T0, limiter: noLimit(), backoffBaseMs: 1, maxThrottleRetries: 2 }));
    const err = await scan.then(
      () => assert.fail('expected throttling to surface'),
      (e: unknown) => e,
    );
    assert.equal(classifyAwsError(err, { region: 'us-east-1' }).kind, 'throttled');
    assert.equal(server.stats.throttled, 3);
  });
});
