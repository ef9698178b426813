import * as assert from 'node:assert/strict';
import { eventArns, lookupByAccessKey, lookupByPrincipal, lookupByResource } from '../../../src/views/lookupArgs';
import { buildEvent } from '../core/fixtures';

const now = Date.UTC(2026, 0, 2);

describe('views/lookupArgs', () => {
  it('looks up by principal with the Username attribute in the event region, read-only included, over the source default window', () => {
    const args = lookupByPrincipal(buildEvent({ region: 'eu-west-1' }), now);
    // No start/end: runLookup takes the source's window (event history's 90 days, or an archive's span).
    assert.deepEqual(args, { title: 'Principal alice (Username = alice)', filters: [{ key: 'Username', value: 'alice' }], regions: ['eu-west-1'], includeReadOnly: true });
  });

  it('refuses a principal without a user name', () => {
    assert.equal(lookupByPrincipal(buildEvent({ principal: { userName: undefined, type: 'AWSService', label: 'ec2.amazonaws.com' } }), now), undefined);
  });

  it('looks up by resource name and by access key', () => {
    const e = buildEvent({ principal: { accessKeyId: 'ASIAEXAMPLE' }, resources: [{ name: 'edge-acl', arn: 'arn:aws:wafv2:us-east-1:1:global/webacl/edge-acl/abc' }] });
    assert.deepEqual(lookupByResource(e, e.resources[0], now).filters, [{ key: 'ResourceName', value: 'edge-acl' }]);
    assert.deepEqual(lookupByAccessKey(e, now)?.filters, [{ key: 'AccessKeyId', value: 'ASIAEXAMPLE' }]);
    assert.equal(lookupByAccessKey(buildEvent(), now), undefined);
  });

  it('lists resource ARNs then the caller ARN, without duplicates', () => {
    const e = buildEvent({ principal: { arn: 'arn:aws:iam::1:user/alice' }, resources: [{ name: 'a', arn: 'arn:aws:s3:::a' }, { name: 'b' }, { name: 'a2', arn: 'arn:aws:s3:::a' }] });
    assert.deepEqual(eventArns(e), ['arn:aws:s3:::a', 'arn:aws:iam::1:user/alice']);
  });
});
