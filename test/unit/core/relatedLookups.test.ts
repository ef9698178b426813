import * as assert from 'node:assert/strict';
import { buildRelatedLookups, eventArns, lookupByAccessKey, lookupByPrincipal, lookupByResource } from '../../../src/core/relatedLookups';
import { buildEvent } from './fixtures';

const HOUR = 3_600_000;

describe('core/relatedLookups: one "look up more" for the tree items and the event panel', () => {
  it('gives the tree the same lookups the panel offers (principal ±1 h, resource in its lookup region, access key)', () => {
    const event = buildEvent({
      region: 'eu-west-1',
      principal: { userName: 'alice', accessKeyId: 'ASIAEXAMPLE' },
      resources: [{ name: 'arn:aws:iam::111122223333:role/deployer', arn: 'arn:aws:iam::111122223333:role/deployer', type: 'AWS::IAM::Role' }],
    });
    const panel = new Map(buildRelatedLookups(event).map((l) => [l.id, l.args]));
    const resource = event.resources[0];
    assert.ok(resource);
    assert.deepEqual(lookupByPrincipal(event)?.args, panel.get('principal'));
    assert.deepEqual(lookupByResource(event, resource, 0).args, panel.get('resource:0'));
    assert.deepEqual(lookupByAccessKey(event)?.args, panel.get('accessKey'));
    // IAM events are recorded in us-east-1, whatever region the event that named the role was in.
    assert.deepEqual(lookupByResource(event, resource, 0).args.regions, ['us-east-1']);
    assert.deepEqual(lookupByPrincipal(event)?.args, {
      title: `alice ±1 h around ${event.name}`,
      filters: [{ key: 'Username', value: 'alice' }],
      start: event.time - HOUR,
      end: event.time + HOUR,
      regions: ['eu-west-1'],
      includeReadOnly: true,
    });
  });

  it('offers no principal lookup without a user name and no key lookup without a key', () => {
    const e = buildEvent({ principal: { userName: undefined, type: 'AWSService', label: 'ec2.amazonaws.com' } });
    assert.equal(lookupByPrincipal(e), undefined);
    assert.equal(lookupByAccessKey(buildEvent()), undefined);
  });

  it('lists resource ARNs then the caller ARN, without duplicates', () => {
    const e = buildEvent({ principal: { arn: 'arn:aws:iam::1:user/alice' }, resources: [{ name: 'a', arn: 'arn:aws:s3:::a' }, { name: 'b' }, { name: 'a2', arn: 'arn:aws:s3:::a' }] });
    assert.deepEqual(eventArns(e), ['arn:aws:s3:::a', 'arn:aws:iam::1:user/alice']);
  });
});
