import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRecord } from '../../../../src/core/event';
import type { TrailEvent } from '../../../../src/core/model';
import { consoleUrlForArn, consoleUrlForResource } from '../../../../src/core/consoleLinks';
import { buildEventView, panelTitle, type DocLinkResolver } from '../../../../src/features/eventPanel/eventView';
import { checkExternalUrl } from '../../../../src/core/linkPolicy';
import { buildRelatedLookups } from '../../../../src/core/relatedLookups';
import { asTrailEvent, eventFromArgument } from '../../../../src/host/eventArgument';
import { KnownEvents } from '../../../../src/features/eventPanel/knownEvents';
import { tryParseArn } from '../../../../src/core/arn';

const records = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../test/fixtures/eventPanel/identityRecords.json'), 'utf8')) as Record<string, unknown>;

function eventOf(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) throw new Error(result.error.error);
  return result.event;
}

describe('webview: event view (host side)', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it('titles the panel by action and time', () => {
    assert.equal(panelTitle(eventOf(records.Role)), 'StopInstances · 2026-11-20 09:15 UTC');
  });

  it('links the API reference and the Service Authorization Reference, without duplicating a fallback', () => {
    const event = eventOf(records.Role);
    const both: DocLinkResolver = {
      apiReferenceUrl: () => ({ url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StopInstances.html', kind: 'api' }),
      serviceAuthorizationUrl: () => 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_ec2.html',
    };
    assert.deepEqual(
      buildEventView(event, { now, docs: both }).docLinks.map((l) => l.label),
      ['API reference: StopInstances', 'Service Authorization Reference: EC2'],
    );
    const fallback: DocLinkResolver = {
      apiReferenceUrl: () => ({ url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_x.html', kind: 'authorization' }),
      serviceAuthorizationUrl: () => undefined,
    };
    assert.deepEqual(buildEventView(event, { now, docs: fallback }).docLinks.map((l) => l.url), ['https://docs.aws.amazon.com/service-authorization/latest/reference/list_x.html']);
    assert.deepEqual(buildEventView(event, { now }).docLinks, []);
  });

  it('marks a summary-only event', () => {
    const event = { ...eventOf(records.Role), partial: true };
    assert.equal(buildEventView(event, { now }).notes.length, 1);
  });
});

describe('webview: console links', () => {
  const cases: [string, string | undefined][] = [
    ['arn:aws:s3:::my-bucket', 'https://s3.console.aws.amazon.com/s3/buckets/my-bucket'],
    ['arn:aws:iam::111122223333:role/path/deploy', 'https://console.aws.amazon.com/iam/home#/roles/details/deploy'],
    ['arn:aws:iam::111122223333:user/alice', 'https://console.aws.amazon.com/iam/home#/users/details/alice'],
    ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123', 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0123'],
    ['arn:aws:lambda:us-east-1:111122223333:function:my-fn', 'https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/functions/my-fn'],
    ['arn:aws:dynamodb:us-east-1:111122223333:table/Books', 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?name=Books'],
    ['arn:aws:kms:us-east-2:123456789012:key/7944f0ec-EXAMPLE', 'https://us-east-2.console.aws.amazon.com/kms/home?region=us-east-2#/kms/keys/7944f0ec-EXAMPLE'],
    ['arn:aws:s3:::my-bucket/some/key', undefined],
    ['arn:aws-cn:s3:::my-bucket', undefined],
    ['arn:aws:sqs:us-east-1:111122223333:queue', undefined],
  ];
  for (const [arn, expected] of cases) {
    it(`${arn} → ${expected ?? 'no link'}`, () => {
      const parsed = tryParseArn(arn);
      assert.ok(parsed);
      assert.equal(consoleUrlForArn(parsed), expected);
      if (expected !== undefined) assert.ok(checkExternalUrl(expected).ok, 'passes the link policy');
    });
  }

  it('links bare names of known types in the event region, and nothing for odd names', () => {
    assert.equal(consoleUrlForResource({ type: 'AWS::EC2::Instance', name: 'i-0abc' }, 'us-west-2'), 'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#InstanceDetails:instanceId=i-0abc');
    assert.equal(consoleUrlForResource({ type: 'AWS::S3::Bucket', name: 'logs' }, 'us-west-2'), 'https://s3.console.aws.amazon.com/s3/buckets/logs');
    assert.equal(consoleUrlForResource({ type: 'AWS::EC2::Instance', name: 'i-0abc#x"<' }, 'us-west-2'), undefined);
    assert.equal(consoleUrlForResource({ type: 'AWS::EC2::Instance', name: 'i-0abc' }, 'javascript:'), undefined);
    assert.equal(consoleUrlForResource({ type: 'AWS::Foo::Bar', name: 'x' }, 'us-west-2'), undefined);
  });
});

describe('webview: related lookups', () => {
  it('offers principal ±1 h, each resource, the access key and the request id', () => {
    const event = eventOf(records.Role);
    const byId = new Map(buildRelatedLookups(event).map((l) => [l.id, l.args]));
    assert.deepEqual([...byId.keys()], ['principal', 'resource:0', 'requestId']);
    const principal = byId.get('principal')!;
    assert.deepEqual(principal.filters, [{ key: 'Username', value: 'ops-automation' }]);
    assert.equal(principal.start, event.time - 3_600_000);
    assert.equal(principal.end, event.time + 3_600_000);
    assert.deepEqual(byId.get('resource:0')!.filters, [{ key: 'ResourceName', value: event.resources[0].name }]);
    assert.deepEqual(byId.get('resource:0')!.regions, ['eu-west-1']);
    assert.equal(byId.get('requestId')!.requestId, 'c5f2a3e1-1111-2222-3333-444455556666');
    const assumed = buildRelatedLookups(eventOf(records.AssumedRole)).find((l) => l.id === 'accessKey');
    assert.deepEqual(assumed?.args.filters, [{ key: 'AccessKeyId', value: 'AKIAIOSFODNN7EXAMPLE' }]);
  });

  it('looks up IAM resources in us-east-1', () => {
    const record = { ...(records.Role as object), resources: [{ ARN: 'arn:aws:iam::111122223333:role/Admin', type: 'AWS::IAM::Role' }] };
    assert.deepEqual(buildRelatedLookups(eventOf(record)).find((l) => l.id === 'resource:0')?.args.regions, ['us-east-1']);
  });
});

describe('webview: stored events', () => {
  it('accepts a normalized event, through JSON (webview state) and inside a tree item', () => {
    const event = eventOf(records.AssumedRole);
    const roundTripped: unknown = JSON.parse(JSON.stringify(event));
    assert.deepEqual(asTrailEvent(roundTripped), roundTripped);
    assert.equal(eventFromArgument({ id: 'event/x', event })?.id, event.id);
  });

  it('rejects shapes that are not events', () => {
    const event = eventOf(records.Role) as unknown as Record<string, unknown>;
    assert.equal(asTrailEvent(undefined), undefined);
    assert.equal(asTrailEvent({ ...event, id: '' }), undefined);
    assert.equal(asTrailEvent({ ...event, time: 'yesterday' }), undefined);
    assert.equal(asTrailEvent({ ...event, principal: { label: 'x' } }), undefined);
    assert.equal(asTrailEvent({ ...event, resources: [{ arn: 'x' }] }), undefined);
    assert.equal(asTrailEvent({ ...event, userAgent: 42 }), undefined);
    assert.equal(asTrailEvent({ ...event, raw: 'x' }), undefined);
  });

  it('keeps a bounded, most-recent-first list of known events', () => {
    const known = new KnownEvents(2);
    const base = eventOf(records.Role);
    for (const id of ['a', 'b', 'c']) known.add({ ...base, id });
    assert.deepEqual(known.list().map((e) => e.id), ['c', 'b']);
    known.add({ ...base, id: 'b' });
    assert.deepEqual(known.list().map((e) => e.id), ['b', 'c']);
    assert.equal(known.get('a'), undefined);
  });
});
