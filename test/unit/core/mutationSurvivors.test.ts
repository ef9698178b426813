import * as assert from 'node:assert/strict';
import { parseArn, resourceNameCandidates } from '../../../src/core/arn';
import { formatCsv, parseCsvRows, quoteCsvField } from '../../../src/core/csv';
import { normalizeLookupEvent } from '../../../src/core/event';
import { matchesAttribute, matchesQueryLocally, matchesText } from '../../../src/core/filters';
import { derivePrincipal } from '../../../src/core/principal';
import { buildEvent } from './fixtures';

/** Tests that fail for the issue 15 mutants that survived in the rules. */
describe('core: issue 15 mutation survivors', () => {
  it('Root: Username is "root" from the record and from LookupEvents, even with an account alias', () => {
    assert.equal(derivePrincipal({ userIdentity: { type: 'Root', accountId: '111122223333' } }).userName, 'root');
    assert.equal(derivePrincipal({ userIdentity: { type: 'Root', accountId: '111122223333', userName: 'my-alias' } }).userName, 'root');
    const api = normalizeLookupEvent({ EventId: 'r1', EventName: 'ConsoleLogin', Username: 'root', CloudTrailEvent: JSON.stringify({ eventName: 'ConsoleLogin', eventTime: '2026-01-01T00:00:00Z', userIdentity: { type: 'Root', accountId: '1' } }) });
    assert.ok(api.ok);
    assert.ok(matchesAttribute(api.event, { key: 'Username', value: 'root' }));
    assert.ok(!matchesAttribute(api.event, { key: 'Username', value: 'Root' }));
  });

  it('an event whose record does not say readOnly is a write: kept when reads are excluded, not matched by ReadOnly=true', () => {
    const unknown = buildEvent({});
    assert.equal(unknown.readOnly, undefined);
    assert.ok(matchesQueryLocally(unknown, { local: [] }, { includeReadOnly: false }), 'not dropped as a read');
    assert.ok(!matchesAttribute(unknown, { key: 'ReadOnly', value: 'true' }));
    assert.ok(matchesAttribute(unknown, { key: 'ReadOnly', value: 'false' }));
    assert.ok(!matchesQueryLocally(buildEvent({ readOnly: true }), { local: [] }, { includeReadOnly: false }));
  });

  it('* matches across line breaks (values hold newlines, e.g. resource names from odd records)', () => {
    const event = buildEvent({ resources: [{ name: 'first\nsecond' }], name: 'Put\r\nThing' });
    assert.ok(matchesAttribute(event, { key: 'ResourceName', value: 'first*second' }));
    assert.ok(matchesAttribute(event, { key: 'EventName', value: 'Put*Thing' }));
    assert.ok(!matchesAttribute(event, { key: 'EventName', value: 'Put*Other' }));
  });

  it('the filter box never matches a term across two fields', () => {
    const event = buildEvent({ name: 'DeleteBucket', service: { source: 's3.amazonaws.com', key: 's3', label: 'S3' }, sourceIp: '10.0.0.1' });
    assert.ok(matchesText(event, 'bucket'));
    assert.ok(matchesText(event, 's3'));
    assert.ok(!matchesText(event, 'buckets3'), 'name + service label joined');
    assert.ok(!matchesText(event, 'deletebuckets3'));
    assert.ok(!matchesText(event, 's3s3.amazonaws'), 'label + source joined');
  });

  it('an ECS task definition is looked up by its ARN and family:revision, never by the bare revision number', () => {
    const parsed = parseArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web:3');
    if (!parsed.ok) assert.fail(parsed.reason);
    assert.deepEqual(resourceNameCandidates(parsed.arn), ['arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', 'web:3']);
  });

  it('a lone carriage return is quoted in CSV and reads back intact', () => {
    assert.equal(quoteCsvField('a\rb'), '"a\rb"');
    assert.equal(quoteCsvField('a\nb'), '"a\nb"');
    assert.equal(quoteCsvField('plain'), 'plain');
    const text = formatCsv([['x\ry', 'z']]);
    assert.deepEqual(parseCsvRows(text), [['x\ry', 'z']]);
  });
});
