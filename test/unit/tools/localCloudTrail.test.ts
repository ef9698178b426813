import assert from 'node:assert/strict';
import { startLocalCloudTrail, type LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { allPages, client, CREDENTIALS, expectedIds, ids, lookup, rejection, SAMPLE } from './toolsTestSupport';

const { records, story } = SAMPLE;
const APP = story.regions.app;

describe('local CloudTrail endpoint (real SDK client)', () => {
  let server: LocalCloudTrail;

  beforeEach(async () => {
    server = await startLocalCloudTrail({ records, requestsPerSecond: 0 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 only', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    await assert.rejects(startLocalCloudTrail({ records: [], host: '0.0.0.0' }), /only listens on loopback/);
  });

  it('pages newest first, 50 a page, through exactly the region’s management events', async () => {
    const pages = await allPages(client(server.url, APP), {});
    const expected = expectedIds(records, APP);
    assert.ok(expected.length > 150, `sample has ${expected.length} events in ${APP}`);
    assert.deepEqual(ids(pages), expected);
    assert.ok(pages.slice(0, -1).every((p) => p.Events!.length === 50 && p.NextToken));
    assert.equal(pages.at(-1)!.NextToken, undefined);
    const first = pages[0].Events![0];
    const raw = records.find((r) => r.eventID === first.EventId)!;
    assert.equal(first.EventTime!.getTime(), Date.parse(raw.eventTime as string));
    assert.deepEqual(JSON.parse(first.CloudTrailEvent!), raw);
    assert.equal(first.EventName, raw.eventName);
    assert.equal(first.EventSource, raw.eventSource);
    assert.equal(first.ReadOnly, String(raw.readOnly));
  });

  it('keeps each region’s data apart (region from the SigV4 credential scope)', async () => {
    const east = ids(await allPages(client(server.url, 'us-east-1'), {}));
    const west = ids(await allPages(client(server.url, 'us-west-2'), {}));
    assert.deepEqual(east, expectedIds(records, 'us-east-1'));
    assert.deepEqual(west, expectedIds(records, 'us-west-2'));
    const empty = await lookup(client(server.url, 'sa-east-1'), {});
    assert.deepEqual(empty.Events, []);
    assert.equal(empty.NextToken, undefined);
    assert.ok(server.stats.byRegion['us-east-1'] >= 1 && server.stats.byRegion['sa-east-1'] === 1);
  });

  it('honours the time window inclusively and MaxResults', async () => {
    const start = story.incidentTime - 3_600_000;
    const end = story.incidentTime;
    const pages = await allPages(client(server.url, APP), { StartTime: new Date(start), EndTime: new Date(end), MaxResults: 7 });
    assert.deepEqual(ids(pages), expectedIds(records, APP, start, end));
    assert.ok(pages.slice(0, -1).every((p) => p.Events!.length === 7));
    assert.ok(ids(pages).includes(story.eventIds.updateWebAcl), 'the event exactly at EndTime is included');
  });

  it('filters by each kind of lookup attribute the way CloudTrail indexes it', async () => {
    const c = client(server.url, APP);
    const one = async (AttributeKey: string, AttributeValue: string): Promise<string[]> =>
      ids(await allPages(c, { LookupAttributes: [{ AttributeKey: AttributeKey as 'EventName', AttributeValue }] }));
    assert.deepEqual(await one('EventId', story.eventIds.deleteDbInstance), [story.eventIds.deleteDbInstance]);
    assert.deepEqual(await one('ResourceName', story.dbInstanceId), [story.eventIds.deleteDbInstance]);
    assert.ok((await one('ResourceName', story.securityGroupId)).includes(story.eventIds.authorizeSecurityGroupIngress));
    for (const form of [story.webAclArn, story.webAclName, story.webAclId]) {
      assert.ok((await one('ResourceName', form)).includes(story.eventIds.updateWebAcl), form);
    }
    assert.ok((await one('ResourceType', 'AWS::WAFv2::WebACL')).includes(story.eventIds.updateWebAcl));
    // Username: the IAM user name, and the role session name for assumed roles.
    assert.ok((await one('Username', story.iamUserName)).includes(story.eventIds.deleteDbInstance));
    assert.ok((await one('Username', story.ssoUserName)).includes(story.eventIds.updateWebAcl));
    assert.deepEqual(await one('Username', story.lambdaFunctionName), expectedIds(records, APP, -Infinity, Infinity, (r) => String((r.userIdentity as { arn?: string } | undefined)?.arn).endsWith(`/${story.lambdaFunctionName}`)));
    const update = records.find((r) => r.eventID === story.eventIds.updateWebAcl)!;
    const key = (update.userIdentity as { accessKeyId: string }).accessKeyId;
    assert.ok((await one('AccessKeyId', key)).includes(story.eventIds.updateWebAcl));
    assert.deepEqual(await one('EventName', 'UpdateWebACL'), [story.eventIds.updateWebAcl]);
    assert.deepEqual(await one('EventSource', 'wafv2.amazonaws.com'), expectedIds(records, APP, -Infinity, Infinity, (r) => r.eventSource === 'wafv2.amazonaws.com'));
    assert.deepEqual(await one('ReadOnly', 'false'), expectedIds(records, APP, -Infinity, Infinity, (r) => r.readOnly === false));
    assert.deepEqual(await one('EventName', 'updatewebacl'), [], 'values are case sensitive');
  });

  it('answers Insights events only for EventCategory insight', async () => {
    const c = client(server.url, APP);
    const insights = await lookup(c, { EventCategory: 'insight' });
    assert.equal(insights.Events!.length, 2);
    for (const e of insights.Events!) {
      assert.equal(e.EventName, 'Decrypt');
      assert.equal(e.EventSource, 'kms.amazonaws.com');
      assert.equal(JSON.parse(e.CloudTrailEvent!).eventType, 'AwsCloudTrailInsight');
    }
    const byName = await lookup(c, { EventCategory: 'insight', LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Decrypt' }] });
    assert.equal(byName.Events!.length, 2);
    const management = ids(await allPages(c, {}));
    assert.ok(!insights.Events!.some((e) => management.includes(e.EventId!)));
    const err = await rejection(() => lookup(c, { EventCategory: 'insight', LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'x' }] }));
    assert.equal(err.name, 'InvalidLookupAttributesException');
  });

  describe('rejects what the service rejects, with its error codes', () => {
    it('more than one lookup attribute, an unknown key, a bad value', async () => {
      const c = client(server.url, APP);
      const cases = [
        [{ AttributeKey: 'EventName', AttributeValue: 'A' }, { AttributeKey: 'Username', AttributeValue: 'b' }],
        [{ AttributeKey: 'Region', AttributeValue: 'x' }],
        [{ AttributeKey: 'ReadOnly', AttributeValue: 'yes' }],
        [{ AttributeKey: 'Username', AttributeValue: '' }],
        [{ AttributeKey: 'Username', AttributeValue: '_'.repeat(1001) }],
      ];
      for (const attrs of cases) {
        const err = await rejection(() => lookup(c, { LookupAttributes: attrs as never }));
        assert.equal(err.name, 'InvalidLookupAttributesException', JSON.stringify(attrs));
        assert.equal(err.$metadata?.httpStatusCode, 400);
        assert.equal(err.$fault, 'client');
      }
    });

    it('StartTime after EndTime', async () => {
      const err = await rejection(() => lookup(client(server.url, APP), { StartTime: new Date(story.incidentTime), EndTime: new Date(story.incidentTime - 1000) }));
      assert.equal(err.name, 'InvalidTimeRangeException');
    });

    it('an event category other than insight', async () => {
      const err = await rejection(() => lookup(client(server.url, APP), { EventCategory: 'management' as 'insight' }));
      assert.equal(err.name, 'InvalidEventCategoryException');
    });

    it('MaxResults outside 1–50', async () => {
      for (const MaxResults of [0, 51]) {
        const err = await rejection(() => lookup(client(server.url, APP), { MaxResults }));
        assert.equal(err.name, 'InvalidMaxResultsException', String(MaxResults));
      }
    });

    it('a NextToken reused with other parameters, or made up', async () => {
      const c = client(server.url, APP);
      const first = await lookup(c, { MaxResults: 10, StartTime: new Date(0), EndTime: new Date(story.incidentTime) });
      assert.ok(first.NextToken);
      const moved = await rejection(() => lookup(c, { MaxResults: 10, StartTime: new Date(0), EndTime: new Date(story.incidentTime + 1000), NextToken: first.NextToken }));
      assert.equal(moved.name, 'InvalidNextTokenException');
      const filtered = await rejection(() =>
        lookup(c, { StartTime: new Date(0), EndTime: new Date(story.incidentTime), NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }] }),
      );
      assert.equal(filtered.name, 'InvalidNextTokenException');
      const otherRegion = await rejection(() => lookup(client(server.url, 'us-east-1'), { StartTime: new Date(0), EndTime: new Date(story.incidentTime), NextToken: first.NextToken }));
      assert.equal(otherRegion.name, 'InvalidNextTokenException');
      const madeUp = await rejection(() => lookup(c, { NextToken: 'not-a-token' }));
      assert.equal(madeUp.name, 'InvalidNextTokenException');
      // Same parameters (page size aside) continue where the first page ended.
      const second = await lookup(c, { MaxResults: 5, StartTime: new Date(0), EndTime: new Date(story.incidentTime), NextToken: first.NextToken });
      assert.deepEqual(ids([first, second]), expectedIds(records, APP, 0, story.incidentTime).slice(0, 15));
    });
  });

  describe('throttling', () => {
    it('answers more than requestsPerSecond requests in one second of one region with ThrottlingException', async () => {
      server.setOptions({ requestsPerSecond: 2, clock: () => 1_000_000 });
      const c = client(server.url, APP);
      await lookup(c, { MaxResults: 1 });
      await lookup(c, { MaxResults: 1 });
      const err = await rejection(() => lookup(c, { MaxResults: 1 }));
      assert.equal(err.name, 'ThrottlingException');
      assert.equal(err.message, 'Rate exceeded');
      assert.equal(err.$metadata?.httpStatusCode, 400);
      // Another region has its own budget.
      await lookup(client(server.url, 'us-east-1'), { MaxResults: 1 });
      assert.equal(server.stats.throttled, 1);
      // A second later the region may call again.
      server.setOptions({ clock: () => 1_001_000 });
      await lookup(c, { MaxResults: 1 });
    });

    it('storm mode throttles every other request, and the SDK’s retries still page through', async () => {
      server.setOptions({ throttleEveryOther: true });
      const c = client(server.url, APP);
      const outcomes: string[] = [];
      for (let i = 0; i < 4; i++) {
        outcomes.push(await lookup(c, { MaxResults: 1 }).then(() => 'ok', (e: unknown) => (e as Error).name));
      }
      assert.deepEqual(outcomes, ['ok', 'ThrottlingException', 'ok', 'ThrottlingException']);
      const retrying = client(server.url, 'us-west-2', { maxAttempts: 3 });
      const start = Date.parse(records.find((r) => r.eventID === story.eventIds.replaceRoute)!.eventTime as string) - 86_400_000;
      const pages = await allPages(retrying, { StartTime: new Date(start), MaxResults: 25 });
      assert.deepEqual(ids(pages), expectedIds(records, 'us-west-2', start));
      assert.ok(server.stats.throttled >= 2 + pages.length - 1);
    });
  });

  it('reports access-denied and expired keys with the names the SDK surfaces', async () => {
    server.setOptions({ deniedAccessKeys: ['AKIADENIED0000000001'], expiredAccessKeys: ['ASIAEXPIRED000000001'] });
    const denied = await rejection(() => lookup(client(server.url, APP, { accessKeyId: 'AKIADENIED0000000001' }), {}));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.match(denied.message, /not authorized to perform: cloudtrail:LookupEvents/);
    const expired = await rejection(() => lookup(client(server.url, APP, { accessKeyId: 'ASIAEXPIRED000000001' }), {}));
    assert.equal(expired.name, 'ExpiredTokenException');
    assert.equal(expired.message, 'The security token included in the request is expired');
    await lookup(client(server.url, APP), { MaxResults: 1 });
    assert.ok(!JSON.stringify(server.stats).includes(CREDENTIALS.secretAccessKey));
  });

  it('can serve empty pages that still carry a NextToken, and repeat events across pages', async () => {
    server.setOptions({ emptyPagesEvery: 2 });
    const c = client(server.url, APP);
    const pages = await allPages(c, { MaxResults: 20 });
    assert.ok(pages.some((p) => p.Events!.length === 0 && p.NextToken), 'an empty page with a token');
    assert.deepEqual(ids(pages), expectedIds(records, APP));
    server.setOptions({ emptyPagesEvery: 0, duplicateAcrossPages: true });
    const dup = ids(await allPages(c, { MaxResults: 20 }));
    assert.ok(dup.length > new Set(dup).size);
    assert.deepEqual([...new Set(dup)], expectedIds(records, APP));
  });

  it('skips records it cannot read and serves the rest; setRecords replaces the data', async () => {
    const good = records.find((r) => r.awsRegion === APP)!;
    server.setRecords([null, 'text', { eventID: 'no-time', awsRegion: APP }, { ...good, eventTime: 'yesterday' }, good]);
    const page = await lookup(client(server.url, APP), {});
    assert.deepEqual(
      page.Events!.map((e) => e.EventId),
      [good.eventID],
    );
  });

  it('answers protocol errors like the service (raw HTTP)', async () => {
    const post = (headers: Record<string, string>, body: string): Promise<{ status: number; body: { __type: string; message: string } }> =>
      fetch(server.url, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as { __type: string; message: string } }));
    const auth = `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20261121/${APP}/cloudtrail/aws4_request, SignedHeaders=host, Signature=00`;
    const json = { 'Content-Type': 'application/x-amz-json-1.1' };
    const wrongOp = await post({ ...json, 'X-Amz-Target': 'CloudTrail_20131101.DescribeTrails', Authorization: auth }, '{}');
    assert.equal(wrongOp.body.__type, 'UnknownOperationException');
    const noAuth = await post({ ...json, 'X-Amz-Target': 'CloudTrail_20131101.LookupEvents' }, '{}');
    assert.equal(noAuth.body.__type, 'MissingAuthenticationTokenException');
    const badJson = await post({ ...json, 'X-Amz-Target': 'CloudTrail_20131101.LookupEvents', Authorization: auth }, '{"MaxResults":');
    assert.deepEqual([badJson.status, badJson.body.__type], [400, 'SerializationException']);
    const ok = await fetch(server.url, { method: 'POST', headers: { ...json, 'X-Amz-Target': 'CloudTrail_20131101.LookupEvents', Authorization: auth }, body: '{"MaxResults":2}' });
    assert.equal(ok.headers.get('content-type'), 'application/x-amz-json-1.1');
    const okBody = (await ok.json()) as { Events: { EventTime: unknown; ReadOnly: unknown }[] };
    assert.equal(typeof okBody.Events[0].EventTime, 'number', 'EventTime is epoch seconds on the wire');
    assert.ok(okBody.Events.every((e) => e.ReadOnly === 'true' || e.ReadOnly === 'false'));
  });
});
