import * as assert from 'node:assert/strict';
import { LOOKUP_ATTRIBUTE_KEYS, isWildcard, matchesAttribute, matchesQueryLocally, matchesText, planFilters, planQueryFilters } from '../../../src/core/filters';
import type { AttributeFilter } from '../../../src/core/query';
import { normalizeRecord } from '../../../src/core/event';
import { buildEvent, sampleRecord } from './fixtures';

const event = buildEvent({
  id: 'e-42',
  name: 'AttachRolePolicy',
  service: { source: 'iam.amazonaws.com', key: 'iam', label: 'IAM' },
  principal: { key: 'arn:aws:iam::1:role/Deployer', label: 'Deployer', type: 'AssumedRole', userName: 'ci-run-7', accessKeyId: 'ASIAEXAMPLE' },
  resources: [
    { type: 'AWS::IAM::Role', name: 'app-role', arn: 'arn:aws:iam::1:role/app-role' },
    { type: 'AWS::IAM::Policy', name: 'arn:aws:iam::1:policy/Admin', arn: 'arn:aws:iam::1:policy/Admin' },
  ],
  readOnly: false,
  sourceIp: '203.0.113.9',
  errorCode: 'AccessDenied',
});
const f = (key: AttributeFilter['key'], value: string): AttributeFilter => ({ key, value });

describe('core/filters matchesAttribute', () => {
  it('matches each attribute exactly and case-sensitively', () => {
    const yes: AttributeFilter[] = [
      f('EventId', 'e-42'),
      f('AccessKeyId', 'ASIAEXAMPLE'),
      f('ResourceName', 'app-role'),
      f('ResourceName', 'arn:aws:iam::1:role/app-role'),
      f('ResourceName', 'arn:aws:iam::1:policy/Admin'),
      f('Username', 'ci-run-7'),
      f('EventName', 'AttachRolePolicy'),
      f('EventSource', 'iam.amazonaws.com'),
      f('ResourceType', 'AWS::IAM::Policy'),
      f('ReadOnly', 'false'),
    ];
    for (const filter of yes) assert.ok(matchesAttribute(event, filter), `${filter.key}=${filter.value}`);
    const no: AttributeFilter[] = [
      f('EventId', 'e-4'),
      f('EventName', 'attachrolepolicy'),
      f('ResourceName', 'app'),
      f('Username', 'Deployer'),
      f('EventSource', 'iam'),
      f('ResourceType', 'AWS::IAM::User'),
      f('ReadOnly', 'true'),
      f('AccessKeyId', 'asiaexample'),
    ];
    for (const filter of no) assert.ok(!matchesAttribute(event, filter), `${filter.key}=${filter.value}`);
  });

  it('supports * wildcards anywhere, still case-sensitive, with regex characters taken literally', () => {
    assert.ok(matchesAttribute(event, f('EventName', 'Attach*')));
    assert.ok(matchesAttribute(event, f('EventName', '*Role*')));
    assert.ok(matchesAttribute(event, f('EventName', '*Policy')));
    assert.ok(matchesAttribute(event, f('ResourceName', 'arn:aws:iam::*:role/*')));
    assert.ok(!matchesAttribute(event, f('EventName', 'attach*')));
    assert.ok(!matchesAttribute(event, f('EventSource', 'iam.amazonaws.co*m.')));
    assert.ok(!matchesAttribute(event, f('EventName', 'Attach.*x')));
    assert.ok(matchesAttribute(event, f('EventName', '*')));
    assert.ok(!matchesAttribute(buildEvent({ principal: { userName: undefined } }), f('Username', '*')));
  });

  it('counts an event without readOnly as a write', () => {
    assert.ok(matchesAttribute(buildEvent(), f('ReadOnly', 'false')));
    assert.ok(!matchesAttribute(buildEvent(), f('ReadOnly', 'true')));
  });

  it('detects wildcards', () => {
    assert.ok(isWildcard('i-*'));
    assert.ok(!isWildcard('i-123'));
  });
});

describe('core/filters planFilters', () => {
  it('lists the eight attributes in selectivity order', () => {
    assert.deepEqual(LOOKUP_ATTRIBUTE_KEYS, ['EventId', 'AccessKeyId', 'ResourceName', 'Username', 'EventName', 'EventSource', 'ResourceType', 'ReadOnly']);
  });

  it('sends the most selective exact filter to the server and keeps the rest local', () => {
    const filters = [f('EventSource', 'iam.amazonaws.com'), f('ReadOnly', 'false'), f('Username', 'alice'), f('EventName', 'Create*')];
    const plan = planFilters(filters);
    assert.deepEqual(plan.server, f('Username', 'alice'));
    assert.deepEqual(plan.local, [f('EventSource', 'iam.amazonaws.com'), f('ReadOnly', 'false'), f('EventName', 'Create*')]);
  });

  it('keeps wildcard and empty values local, and sends nothing when nothing is exact', () => {
    const plan = planFilters([f('ResourceName', 'arn:*'), f('EventName', '')]);
    assert.equal(plan.server, undefined);
    assert.equal(plan.local.length, 2);
    assert.deepEqual(planFilters([]), { local: [] });
  });

  it('sends ReadOnly to the server only when nothing else goes', () => {
    assert.deepEqual(planFilters([f('ReadOnly', 'false')]), { server: f('ReadOnly', 'false'), local: [] });
    assert.deepEqual(planFilters([f('ReadOnly', 'false'), f('ResourceType', 'AWS::S3::Bucket')]).server, f('ResourceType', 'AWS::S3::Bucket'));
    assert.equal(planFilters([f('ReadOnly', 'False')]).server, undefined, 'only the exact API spelling is sent');
  });

  it('keeps the second of two filters on the same key local', () => {
    const plan = planFilters([f('EventName', 'A'), f('EventName', 'B')]);
    assert.deepEqual(plan, { server: f('EventName', 'A'), local: [f('EventName', 'B')] });
  });

  it('planQueryFilters adds ReadOnly=false when read-only events are excluded', () => {
    assert.deepEqual(planQueryFilters({ filters: [], includeReadOnly: false }), { server: f('ReadOnly', 'false'), local: [] });
    assert.deepEqual(planQueryFilters({ filters: [f('Username', 'bob')], includeReadOnly: false }), { server: f('Username', 'bob'), local: [f('ReadOnly', 'false')] });
    assert.deepEqual(planQueryFilters({ filters: [], includeReadOnly: true }), { local: [] });
  });
});

describe('core/filters matchesQueryLocally', () => {
  it('applies the local filters, the read-only switch and errors-only', () => {
    const plan = { server: f('EventId', 'nope'), local: [f('EventName', 'Attach*')] };
    assert.ok(matchesQueryLocally(event, plan, { includeReadOnly: true }), 'server filter is not re-applied');
    assert.ok(!matchesQueryLocally(event, { local: [f('EventName', 'Detach*')] }, { includeReadOnly: true }));
    const read = buildEvent({ readOnly: true });
    assert.ok(!matchesQueryLocally(read, { local: [] }, { includeReadOnly: false }));
    assert.ok(matchesQueryLocally(read, { local: [] }, { includeReadOnly: true }));
    assert.ok(!matchesQueryLocally(read, { local: [] }, { includeReadOnly: true, errorsOnly: true }));
    assert.ok(matchesQueryLocally(event, { local: [] }, { includeReadOnly: true, errorsOnly: true }));
  });
  it('errors only keeps a real failed console sign-in (errorMessage + ConsoleLogin Failure, no errorCode)', () => {
    const record = sampleRecord({ source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID: 'd38ce1b3-4575-4cb8-a632-611b8243bfc3' });
    const result = normalizeRecord(record);
    assert.ok(result.ok);
    assert.equal(result.event.errorCode, undefined, 'the real record has no errorCode');
    assert.ok(matchesQueryLocally(result.event, { local: [] }, { includeReadOnly: true, errorsOnly: true }), 'a failed sign-in is an error');
  });
});

describe('core/filters matchesText', () => {
  it('matches case-insensitively across name, principal, resources, source IP and error code', () => {
    for (const text of ['attachrole', 'DEPLOYER', 'ci-run', 'app-role', 'policy/admin', '203.0.113', 'accessdenied', 'aws::iam::role', 'IAM']) {
      assert.ok(matchesText(event, text), text);
    }
    assert.ok(!matchesText(event, 'detach'));
  });

  it('requires every term and treats empty text as match-all', () => {
    assert.ok(matchesText(event, '  deployer   accessdenied '));
    assert.ok(!matchesText(event, 'deployer detach'));
    assert.ok(matchesText(event, ''));
    assert.ok(matchesText(event, '   '));
  });
});
