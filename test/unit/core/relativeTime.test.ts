import * as assert from 'node:assert/strict';
import { formatRelativeTime as fromPresentation } from '../../../src/core/presentation';
import { formatEventTime, formatRelativeTime, relativeTimeChangesIn } from '../../../src/core/relativeTime';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 10, 21, 11, 40, 0);

describe('core/relativeTime: one formatter for tree, panel, timeline and CodeLens', () => {
  const table: [string, number, string][] = [
    ['10 s', 10_000, 'just now'],
    ['59 s', 59_999, 'just now'],
    ['1 min', MIN, '1 min ago'],
    ['59 min 59 s', HOUR - 1000, '59 min ago'],
    // The case: the tree said "8 h ago" and the panel "9 hours ago" for one event.
    ['8 h 59 min (floored, compact)', 8 * HOUR + 59 * MIN, '8 h ago'],
    ['23 h 59 min', DAY - MIN, '23 h ago'],
    ['2 d', 2 * DAY, '2 d ago'],
    ['29 d 23 h', 30 * DAY - HOUR, '29 d ago'],
    ['30 d', 30 * DAY, '2026-10-22 11:40:00 UTC'],
    ['30 s in the future (clock skew)', -30_000, 'just now'],
    ['10 min in the future', -10 * MIN, '2026-11-21 11:50:00 UTC'],
  ];
  for (const [label, age, expected] of table) {
    it(`${label} → ${expected}`, () => {
      assert.equal(formatRelativeTime(now - age, now), expected);
      assert.equal(fromPresentation(now - age, now), expected, 'presentation re-exports the same function');
    });
  }

  it('says "unknown time" for invalid numbers instead of throwing', () => {
    assert.equal(formatRelativeTime(Number.NaN, now), 'unknown time');
    assert.equal(formatEventTime(Number.POSITIVE_INFINITY), 'unknown time');
  });

  it('generated ages: the label only changes when relativeTimeChangesIn says, and never goes back', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const age = Math.floor(random() * 31 * DAY) - 2 * MIN;
      const time = now - age;
      const label = formatRelativeTime(time, now);
      const wait = relativeTimeChangesIn(time, now);
      if (wait === undefined) {
        assert.equal(label, formatEventTime(time), `age ${age}: a fixed date never changes`);
        continue;
      }
      assert.ok(wait > 0, `age ${age}: positive wait`);
      assert.equal(formatRelativeTime(time, now + wait - 1), label, `age ${age}: same label until the change`);
      assert.notEqual(formatRelativeTime(time, now + wait), label, `age ${age}: changes at the announced moment`);
    }
  });
});
