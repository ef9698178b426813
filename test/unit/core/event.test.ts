import * as assert from 'node:assert/strict';
import { normalizeLookupEvent, normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { loadSampleRecords } from './fixtures';
import { changeChannelOf } from '../../../src/core/changeChannel';
import { recordHumanOf } from '../../../src/core/human';

function ok(record: unknown): TrailEvent {
  const result = normalizeRecord(record, 0);
  if (!result.ok) assert.fail(`expected success, got: ${result.error.error}`);
  return result.event;
}

function errorOf(record: unknown, index?: number): { error: string; index?: number } {
  const result = normalizeRecord(record, index);
  if (result.ok) assert.fail('expected a per-record error');
  return result.error;
}

const baseRecord = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
  eventTime: '2026-01-02T03:04:05Z',
  eventSource: 'ec2.amazonaws.com',
  eventName: 'RunInstances',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '198.51.100.7',
  eventID: 'e-1',
};

describe('core/event normalizeRecord on the sample records', () => {
  const records = loadSampleRecords();

  it('normalizes every sample record without error', () => {
    assert.ok(records.length > 250);
    const failures = records
      .map((r, i) => normalizeRecord(r, i))
      .filter((r) => !r.ok)
      .map((r) => JSON.stringify(r));
    assert.deepEqual(failures, []);
  });

  it('for an index only, leaves out the change channel and the human, which derive to the same values on demand', () => {
    let channels = 0;
    for (const [i, record] of records.entries()) {
      const full = ok(record);
      const lean = normalizeRecord(record, i, { indexOnly: true });
      assert.ok(lean.ok);
      assert.equal(lean.event.channel, undefined);
      assert.equal(lean.event.human, undefined);
      assert.deepEqual(changeChannelOf(lean.event), full.channel, `record ${i}`);
      assert.deepEqual(recordHumanOf(lean.event), full.human, `record ${i}`);
      const { channel: _c, human: _h, ...rest } = full;
      assert.deepEqual(lean.event, rest, `record ${i}: everything else the same`);
      if (full.channel !== undefined) channels++;
    }
    assert.ok(channels > 250);
  });

  it('gives every sample event a unique-enough id, a valid time and a service', () => {
    for (const [i, record] of records.entries()) {
      const event = ok(record);
      assert.ok(event.id.length > 0, `record ${i} has an id`);
      assert.ok(Number.isFinite(event.time) && event.time > Date.UTC(2010, 0, 1), `record ${i} has a time`);
      assert.ok(event.service.key.length > 0 && event.service.label.length > 0, `record ${i} has a service`);
      assert.ok(event.principal.key.length > 0 && event.principal.label.length > 0, `record ${i} has a principal`);
    }
  });

  const cases: { index: number; id: string; service: [string, string]; principal: [string, string, string]; readOnly?: boolean; errorCode?: string; errorMessage?: RegExp }[] = [
    { index: 0, id: '3fcfb182-98f8-4744-bd45-10a395ab61cb', service: ['signin', 'Console sign-in'], principal: ['IAMUser', 'arn:aws:iam::111122223333:user/anaya', 'anaya'] },
    { index: 2, id: 'd38ce1b3-4575-4cb8-a632-611b8243bfc3', service: ['signin', 'Console sign-in'], principal: ['IAMUser', 'iam-user:111122223333/anaya', 'anaya'], errorMessage: /^Failed authentication$/ },
    { index: 4, id: 'deb1e1f9-c99b-4612-8e9f-21f93b5d79c0', service: ['signin', 'Console sign-in'], principal: ['Root', 'arn:aws:iam::111122223333:root', 'root (111122223333)'] },
    { index: 9, id: 'abcd00b0-ccfe-422d-961c-98a2198a408x', service: ['autoscaling', 'Auto Scaling'], principal: ['Missing', 'insights', 'CloudTrail Insights'] },
    { index: 13, id: '', service: ['cloudtrail', 'CloudTrail'], principal: ['', '', ''], errorCode: 'TrailNotFoundException', errorMessage: /^Unknown trail: myTrail2/ },
    { index: 17, id: '234f004b-EXAMPLE', service: ['kms', 'KMS'], principal: ['Missing', 'service:AWS Internal', 'AWS Internal'], readOnly: false },
    { index: 40, id: 'b58ce998-eb89-43e9-8d67-d3d8e30561c9', service: ['athena', 'Athena'], principal: ['AssumedRole', 'arn:aws:iam::123456789012:role/Admin', 'Admin'], readOnly: false },
    { index: 54, id: '', service: ['cognito-idp', 'Cognito User Pools'], principal: ['Missing', 'account:123456789012', 'account 123456789012'], readOnly: true },
    { index: 63, id: 'e3c436e9-ebca-494e-9457-8123a1f5e979', service: ['kms', 'KMS'], principal: ['AWSService', 'service:dynamodb.amazonaws.com', 'dynamodb.amazonaws.com'], readOnly: true },
    { index: 70, id: '', service: ['dynamodb', 'DynamoDB'], principal: ['', '', ''], readOnly: false, errorCode: 'ConditionalCheckFailedException' },
    { index: 139, id: '581f7dd1-8d2e-40b0-aeee-0dbf7EXAMPLE', service: ['codebuild', 'CodeBuild'], principal: ['FederatedUser', 'arn:aws:sts::account-ID:federated-user/user-name', 'user-name'] },
    { index: 237, id: '', service: ['secretsmanager', 'Secrets Manager'], principal: ['', '', ''], readOnly: false, errorMessage: /^Error when executing lambda/ },
    { index: 241, id: '27ea7725-c1fd-4355-bdba-d0e628e0e604', service: ['signin', 'Console sign-in'], principal: ['Unknown', 'unknown:111122223333/user1', 'user1'], readOnly: false },
  ];
  for (const c of cases) {
    it(`record ${c.index}: ${c.principal[0] || 'error fields'} / ${c.service[1]}`, () => {
      const event = ok(records[c.index]);
      if (c.id !== '') assert.equal(event.id, c.id);
      assert.deepEqual([event.service.key, event.service.label], c.service);
      if (c.principal[0] !== '') assert.deepEqual([event.principal.type, event.principal.key, event.principal.label], c.principal);
      assert.equal(event.readOnly, c.readOnly);
      assert.equal(event.errorCode, c.errorCode);
      if (c.errorMessage) assert.match(event.errorMessage ?? '', c.errorMessage);
    });
  }

  it('groups the two sessions of one assumed role under the role, with the session as sub-key', () => {
    const event = ok(records[75]);
    assert.equal(event.principal.type, 'AssumedRole');
    assert.equal(event.principal.key, 'arn:aws:iam::444455556666:role/admin-role');
    assert.equal(event.principal.label, 'admin-role');
    assert.equal(event.principal.sessionKey, 'bob');
    assert.equal(event.principal.userName, 'bob');
    assert.equal(event.principal.sessionIssuerArn, 'arn:aws:iam::444455556666:role/admin-role');
  });

  it('keeps an empty errorCode as absent (record 54) and reads readOnly given as a boolean', () => {
    const event = ok(records[54]);
    assert.equal(event.errorCode, undefined);
    assert.equal(event.errorMessage, undefined);
  });

  it('takes the Insights name and source from insightDetails', () => {
    const event = ok(records[9]);
    assert.equal(event.name, 'CompleteLifecycleAction');
    assert.equal(event.service.source, 'autoscaling.amazonaws.com');
    assert.equal(event.time, Date.parse('2020-07-21T20:56:00Z'));
  });

  it('gives eventVersion 1.0 records without eventID a stable synthetic id', () => {
    const a = ok(records[10]);
    const b = ok(structuredClone(records[10]));
    assert.match(a.id, /^synthetic-[0-9a-f]{16}$/);
    assert.equal(a.id, b.id);
    assert.notEqual(a.id, ok(records[11]).id);
  });
});

describe('core/event normalizeRecord on odd shapes', () => {
  it('maps every field of a plain record', () => {
    const event = ok({ ...baseRecord, userAgent: 'aws-cli/2', recipientAccountId: '444455556666', requestID: 'r-1', eventType: 'AwsApiCall', eventCategory: 'Management', vpcEndpointId: 'vpce-1' });
    assert.equal(event.id, 'e-1');
    assert.equal(event.time, Date.UTC(2026, 0, 2, 3, 4, 5));
    assert.equal(event.region, 'eu-west-1');
    assert.equal(event.account, '444455556666');
    assert.equal(event.sourceIp, '198.51.100.7');
    assert.equal(event.userAgent, 'aws-cli/2');
    assert.equal(event.requestId, 'r-1');
    assert.equal(event.eventType, 'AwsApiCall');
    assert.equal(event.category, 'Management');
    assert.equal(event.eventVersion, '1.08');
    assert.equal(event.vpcEndpointId, 'vpce-1');
  });

  it('falls back to the caller account when recipientAccountId is absent', () => {
    assert.equal(ok(baseRecord).account, '111122223333');
  });

  it('reads readOnly and managementEvent written as strings', () => {
    const e1 = ok({ ...baseRecord, readOnly: 'true', managementEvent: 'false' });
    assert.equal(e1.readOnly, true);
    assert.equal(e1.managementEvent, false);
    const e2 = ok({ ...baseRecord, readOnly: 'FALSE', managementEvent: 'TRUE' });
    assert.equal(e2.readOnly, false);
    assert.equal(e2.managementEvent, true);
    assert.equal(ok({ ...baseRecord, readOnly: 'maybe' }).readOnly, undefined);
  });

  it('treats an empty errorCode as no error and keeps errorMessage without errorCode', () => {
    const e1 = ok({ ...baseRecord, errorCode: '', errorMessage: '' });
    assert.equal(e1.errorCode, undefined);
    assert.equal(e1.errorMessage, undefined);
    const e2 = ok({ ...baseRecord, errorMessage: 'Failed authentication' });
    assert.equal(e2.errorCode, undefined);
    assert.equal(e2.errorMessage, 'Failed authentication');
  });

  it('handles a missing or null userIdentity', () => {
    const { userIdentity: _drop, ...noIdentity } = baseRecord;
    const e1 = ok(noIdentity);
    assert.equal(e1.principal.type, 'Missing');
    assert.equal(e1.principal.key, 'unknown');
    assert.equal(ok({ ...baseRecord, userIdentity: null }).principal.type, 'Missing');
    assert.equal(ok({ ...baseRecord, userIdentity: 'weird' }).principal.type, 'Missing');
  });

  it('reads resources in several spellings', () => {
    const arn = 'arn:aws:s3:::my-bucket';
    assert.deepEqual(ok({ ...baseRecord, resources: [{ ARN: arn, accountId: '1', type: 'AWS::S3::Bucket' }] }).resources, [{ name: arn, arn, type: 'AWS::S3::Bucket', accountId: '1' }]);
    assert.deepEqual(ok({ ...baseRecord, Resources: [{ arn, Type: 'AWS::S3::Bucket' }] }).resources, [{ name: arn, arn, type: 'AWS::S3::Bucket' }]);
    assert.deepEqual(ok({ ...baseRecord, resources: [{ resourceType: 'AWS::EC2::Instance', resourceName: 'i-123' }] }).resources, [{ name: 'i-123', type: 'AWS::EC2::Instance' }]);
    assert.deepEqual(ok({ ...baseRecord, resources: [{ ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-123' }, null, 'x', {}] }).resources, [{ name: 'i-123', type: 'AWS::EC2::Instance' }]);
    assert.deepEqual(ok({ ...baseRecord, resources: 'not a list' }).resources, []);
  });

  it('accepts every event version from 1.0 to 1.11 and keeps unknown future fields in raw', () => {
    for (const v of ['1.0', '1.01', '1.05', '1.08', '1.09', '1.10', '1.11', '2.0']) {
      const event = ok({ ...baseRecord, eventVersion: v, eventContext: { future: true }, someNewField: [1, 2] });
      assert.equal(event.eventVersion, v);
      assert.deepEqual(event.raw.eventContext, { future: true });
      assert.deepEqual(event.raw.someNewField, [1, 2]);
    }
  });

  it('reads an eventTime without a zone as UTC', () => {
    assert.equal(ok({ ...baseRecord, eventTime: '2026-01-02T03:04:05' }).time, Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('gives a clear per-record error for non-objects, with the index', () => {
    for (const bad of [null, 42, 'text', [1, 2], undefined, true]) {
      const error = errorOf(bad, 7);
      assert.equal(error.index, 7);
      assert.match(error.error, /expected a CloudTrail record \(a JSON object\) but got/);
    }
    assert.match(errorOf([]).error, /got an array/);
    assert.equal(errorOf(null).index, undefined);
  });

  it('never throws, even for hand-built circular input without eventID', () => {
    const { eventID: _id, ...noId } = baseRecord;
    const circular: Record<string, unknown> = { ...noId };
    circular.self = circular;
    const error = errorOf(circular, 5);
    assert.equal(error.index, 5);
    assert.match(error.error, /^could not read the record: /);
  });

  it('explains a record without eventName or with a bad eventTime', () => {
    assert.match(errorOf({ foo: 1 }, 3).error, /no eventName/);
    assert.match(errorOf({ ...baseRecord, eventTime: 'yesterday' }).error, /"RunInstances" \(eventID e-1\): its eventTime "yesterday" is not an ISO 8601 date-time/);
    const { eventTime: _t, ...noTime } = baseRecord;
    assert.match(errorOf(noTime).error, /has no eventTime/);
  });
});

describe('core/event normalizeLookupEvent', () => {
  const lookupEvent = {
    EventId: 'e-1',
    EventName: 'RunInstances',
    ReadOnly: 'false',
    AccessKeyId: 'ASIAEXAMPLE',
    EventTime: new Date('2026-01-02T03:04:05.500Z'),
    EventSource: 'ec2.amazonaws.com',
    Username: 'alice',
    Resources: [{ ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-0abc' }],
    CloudTrailEvent: JSON.stringify({ ...baseRecord, readOnly: false }),
  };

  it('parses CloudTrailEvent and merges the indexed fields', () => {
    const result = normalizeLookupEvent(lookupEvent, 4);
    assert.ok(result.ok);
    const event = result.event;
    assert.equal(event.id, 'e-1');
    assert.equal(event.time, Date.parse('2026-01-02T03:04:05.500Z'));
    assert.equal(event.readOnly, false);
    assert.equal(event.principal.userName, 'alice');
    assert.equal(event.principal.accessKeyId, 'ASIAEXAMPLE');
    assert.deepEqual(event.resources, [{ name: 'i-0abc', type: 'AWS::EC2::Instance' }]);
    assert.equal(event.raw.eventName, 'RunInstances');
  });

  it('uses the API Username (the role session name) for an assumed role', () => {
    const record = { ...baseRecord, userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Deploy/ci-42', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::1:role/Deploy' } } } };
    const result = normalizeLookupEvent({ ...lookupEvent, Username: 'ci-42', CloudTrailEvent: JSON.stringify(record) });
    assert.ok(result.ok);
    assert.equal(result.event.principal.key, 'arn:aws:iam::1:role/Deploy');
    assert.equal(result.event.principal.userName, 'ci-42');
  });

  it('keeps the record resources and adds the names CloudTrail indexed', () => {
    const arn = 'arn:aws:iam::1:role/Deploy';
    const record = { ...baseRecord, resources: [{ ARN: arn, type: 'AWS::IAM::Role' }] };
    const result = normalizeLookupEvent({ ...lookupEvent, Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: 'Deploy' }, { ResourceType: 'AWS::IAM::Role', ResourceName: arn }], CloudTrailEvent: JSON.stringify(record) });
    assert.ok(result.ok);
    assert.deepEqual(result.event.resources.map((r) => r.name), [arn, 'Deploy']);
  });

  it('reports CloudTrailEvent that is invalid JSON, missing, or not an object as a per-event error', () => {
    const bad = normalizeLookupEvent({ ...lookupEvent, CloudTrailEvent: '{"eventName": "Run' }, 2);
    assert.ok(!bad.ok);
    assert.match(bad.error.error, /^event e-1: CloudTrailEvent is not valid JSON/);
    assert.equal(bad.error.index, 2);
    const missing = normalizeLookupEvent({ EventId: 'e-2', EventName: 'X' });
    assert.ok(!missing.ok);
    assert.match(missing.error.error, /event e-2 \(X\): the response has no CloudTrailEvent JSON/);
    const notObject = normalizeLookupEvent({ ...lookupEvent, CloudTrailEvent: '[1]' });
    assert.ok(!notObject.ok);
    assert.match(notObject.error.error, /CloudTrailEvent is an array, not a JSON object/);
    const nonObject = normalizeLookupEvent(null as unknown as typeof lookupEvent);
    assert.ok(!nonObject.ok);
  });

  it('fills gaps in a sparse CloudTrailEvent from the API fields', () => {
    const result = normalizeLookupEvent({ ...lookupEvent, CloudTrailEvent: JSON.stringify({ awsRegion: 'us-east-1' }) });
    assert.ok(result.ok);
    assert.equal(result.event.name, 'RunInstances');
    assert.equal(result.event.service.key, 'ec2');
    assert.equal(result.event.id, 'e-1');
    assert.equal(result.event.time, Date.parse('2026-01-02T03:04:05.500Z'));
    assert.deepEqual(result.event.raw, { awsRegion: 'us-east-1' });
  });
});
