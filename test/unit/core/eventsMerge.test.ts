import * as assert from 'node:assert/strict';
import { mergeEvents, refreshStart } from '../../../src/core/eventsMerge';
import { buildEvent } from './fixtures';

const at = (minutes: number): number => Date.UTC(2026, 0, 1, 12, 0, 0) + minutes * 60_000;

describe('views/eventsMerge', () => {
  it('puts newer events from a refresh on top and keeps the held ones below', () => {
    const held = [buildEvent({ id: 'b', time: at(5) }), buildEvent({ id: 'a', time: at(1) })];
    const incoming = [buildEvent({ id: 'd', time: at(9) }), buildEvent({ id: 'c', time: at(7) })];
    const { events, added } = mergeEvents(held, incoming);
    assert.deepEqual(events.map((e) => e.id), ['d', 'c', 'b', 'a']);
    assert.equal(added, 2);
  });

  it('drops events already held (the refresh overlap) and keeps the held object', () => {
    const heldB = buildEvent({ id: 'b', time: at(5), name: 'Held' });
    const { events, added } = mergeEvents([heldB], [buildEvent({ id: 'c', time: at(6) }), buildEvent({ id: 'b', time: at(5), name: 'Copy' })]);
    assert.deepEqual(events.map((e) => e.id), ['c', 'b']);
    assert.equal(events[1], heldB);
    assert.equal(added, 1);
  });

  it('interleaves out-of-order incoming events (multi-region fan-out, late delivery)', () => {
    const held = [buildEvent({ id: 'h2', time: at(8) }), buildEvent({ id: 'h1', time: at(2) })];
    const incoming = [buildEvent({ id: 'i1', time: at(1) }), buildEvent({ id: 'i3', time: at(9) }), buildEvent({ id: 'i2', time: at(5) })];
    assert.deepEqual(mergeEvents(held, incoming).events.map((e) => e.id), ['i3', 'h2', 'i2', 'h1', 'i1']);
  });

  it('de-duplicates within the incoming batch too', () => {
    const e = buildEvent({ id: 'x', time: at(1) });
    assert.deepEqual(mergeEvents([], [e, { ...e }]).events.map((v) => v.id), ['x']);
  });

  it('returns a copy when nothing is new, so callers can replace their list safely', () => {
    const held = [buildEvent({ id: 'a' })];
    const { events, added } = mergeEvents(held, [buildEvent({ id: 'a' })]);
    assert.equal(added, 0);
    assert.notEqual(events, held);
    assert.deepEqual(events, held);
  });

  it('starts a refresh a little before the newest event, but never before the window', () => {
    assert.equal(refreshStart(at(60), at(0)), at(45));
    assert.equal(refreshStart(at(10), at(0)), at(0));
  });
});
