import * as assert from 'node:assert/strict';
import { applyViewFilter, describeFilter, isFilterActive, NO_FILTER } from '../../../src/views/viewFilter';
import { buildEvent } from '../core/fixtures';

describe('views/viewFilter', () => {
  const events = [
    buildEvent({ id: '1', name: 'DeleteBucket', service: { source: 's3.amazonaws.com', key: 's3', label: 'S3' }, sourceIp: '203.0.113.7' }),
    buildEvent({ id: '2', name: 'RunInstances', principal: { label: 'bob', key: 'arn:aws:iam::1:user/bob', userName: 'bob' }, errorCode: 'UnauthorizedOperation' }),
    buildEvent({ id: '3', name: 'PutObject', resources: [{ name: 'invoices-bucket', type: 'AWS::S3::Bucket' }] }),
  ];

  it('returns the same array when nothing filters', () => {
    assert.equal(applyViewFilter(events, NO_FILTER), events);
    assert.equal(isFilterActive({ text: '   ', errorsOnly: false }), false);
  });

  it('matches text across event name, principal, resource and source IP', () => {
    const ids = (text: string): string[] => applyViewFilter(events, { text, errorsOnly: false }).map((e) => e.id);
    assert.deepEqual(ids('deletebucket'), ['1']);
    assert.deepEqual(ids('bob'), ['2']);
    assert.deepEqual(ids('invoices'), ['3']);
    assert.deepEqual(ids('203.0.113.7'), ['1']);
    assert.deepEqual(ids('alice put'), ['3']);
  });

  it('keeps only failed calls with errors only, combined with text', () => {
    assert.deepEqual(applyViewFilter(events, { text: '', errorsOnly: true }).map((e) => e.id), ['2']);
    assert.deepEqual(applyViewFilter(events, { text: 'alice', errorsOnly: true }), []);
  });

  it('describes the active filter for the view title', () => {
    assert.equal(describeFilter({ text: ' alice ', errorsOnly: true }), 'errors only · "alice"');
    assert.equal(describeFilter(NO_FILTER), '');
  });
});
