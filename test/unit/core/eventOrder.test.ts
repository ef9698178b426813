import * as assert from 'node:assert/strict';
import { mergeEvents } from '../../../src/core/eventsMerge';
import { compareNewestFirst } from '../../../src/core/eventOrder';
import { groupEvents } from '../../../src/core/grouping';
import { buildEvent } from './fixtures';

describe('core/eventOrder: one newest-first order', () => {
  const t = Date.UTC(2026, 0, 2);
  // Equal times in two regions: the order is by id (code points), not by region or locale.
  const events = [buildEvent({ id: 'b', time: t, region: 'us-east-1' }), buildEvent({ id: 'B', time: t, region: 'eu-west-1' }), buildEvent({ id: 'a', time: t + 1, region: 'us-east-1' })];

  it('orders newest first, equal times by id in code-point order', () => {
    assert.deepEqual([...events].sort(compareNewestFirst).map((e) => e.id), ['a', 'B', 'b']);
  });

  it('is the order of merges and of the events inside a group', () => {
    assert.deepEqual(mergeEvents([], events).events.map((e) => e.id), ['a', 'B', 'b']);
    const [group] = groupEvents(events, 'principal');
    assert.ok(group);
    assert.deepEqual(group.events.map((e) => e.id), ['a', 'B', 'b']);
  });
});
