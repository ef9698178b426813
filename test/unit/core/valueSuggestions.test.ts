import * as assert from 'node:assert/strict';
import { catalogValues, seenValues, suggestValues, type EventCatalog } from '../../../src/core/valueSuggestions';
import { buildEvent } from './fixtures';

const catalog: EventCatalog = {
  knownEventSources: () => ['wafv2.amazonaws.com', 'waf-regional.amazonaws.com', 'ec2.amazonaws.com'],
  knownEventNames: (source) => (source === 'ec2.amazonaws.com' ? ['CreateTags', 'RunInstances'] : ['UpdateWebACL', 'CreateTags']),
};

describe('commands/valueSuggestions', () => {
  const events = [
    buildEvent({ id: '1', principal: { userName: 'alice', accessKeyId: 'AKIA1' }, resources: [{ name: 'sg-1', type: 'AWS::EC2::SecurityGroup' }] }),
    buildEvent({ id: '2', principal: { userName: 'bob' }, resources: [{ name: 'sg-1' }, { name: 'i-2' }] }),
    buildEvent({ id: '3', principal: { userName: 'bob' } }),
  ];

  it('seen values: most frequent first, counted once per event', () => {
    assert.deepEqual(seenValues(events, 'Username').map((s) => [s.value, s.detail]), [['bob', 'seen 2×'], ['alice', 'seen 1×']]);
    assert.deepEqual(seenValues(events, 'ResourceName').map((s) => s.value), ['sg-1', 'i-2']);
    assert.deepEqual(seenValues(events, 'AccessKeyId').map((s) => s.value), ['AKIA1']);
    assert.deepEqual(seenValues(events, 'ReadOnly'), []);
  });

  it('catalog event names carry their services, shared names list several', () => {
    const names = catalogValues(catalog, 'EventName');
    assert.deepEqual(names.map((n) => n.value), ['CreateTags', 'RunInstances', 'UpdateWebACL']);
    assert.equal(names.find((n) => n.value === 'UpdateWebACL')?.detail, 'wafv2.amazonaws.com, waf-regional.amazonaws.com');
    assert.match(names.find((n) => n.value === 'CreateTags')?.detail ?? '', /\+1$/);
  });

  it('seen values come first and are not repeated from the catalog', () => {
    const mixed = suggestValues([buildEvent({ name: 'UpdateWebACL' })], 'EventName', catalog);
    assert.deepEqual(mixed.map((m) => `${m.source}:${m.value}`), ['seen:UpdateWebACL', 'catalog:CreateTags', 'catalog:RunInstances']);
    assert.deepEqual(suggestValues([], 'EventSource', catalog).map((m) => m.value), ['wafv2.amazonaws.com', 'waf-regional.amazonaws.com', 'ec2.amazonaws.com']);
    assert.deepEqual(suggestValues([], 'EventName', undefined), []);
  });
});
