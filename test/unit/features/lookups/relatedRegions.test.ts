import * as assert from 'node:assert/strict';
import { lookupByAccessKey, lookupByPrincipal } from '../../../../src/core/relatedLookups';
import { relatedLookupRegions } from '../../../../src/features/lookups/relatedRegions';
import { buildEvent } from '../../core/fixtures';

describe('features/lookups/relatedLookupRegions', () => {
  const event = buildEvent({ region: 'eu-west-1', principal: { accessKeyId: 'ASIAEXAMPLEKEY000001', userName: 'dave.ops' } });

  it('searches the configured regions, the event region and us-east-1 for an access key found in eu-west-1', () => {
    const lookup = lookupByAccessKey(event);
    assert.ok(lookup);
    assert.deepEqual(relatedLookupRegions({ regions: ['eu-central-1'] }, lookup.args.regions), ['eu-central-1', 'eu-west-1', 'us-east-1']);
  });

  it('lists each region once when the event region is already configured', () => {
    const lookup = lookupByPrincipal(event);
    assert.ok(lookup);
    assert.deepEqual(relatedLookupRegions({ regions: ['us-east-1', 'eu-west-1'] }, lookup.args.regions), ['us-east-1', 'eu-west-1']);
  });

  it('keeps trail logs unfiltered (every region the files hold)', () => {
    assert.deepEqual(relatedLookupRegions({ regions: [] }, ['eu-west-1']), []);
  });

  it('keeps a same-request lookup in the event region', () => {
    assert.deepEqual(relatedLookupRegions({ regions: ['us-west-2'] }, ['eu-west-1'], true), ['eu-west-1']);
  });
});
