import * as assert from 'node:assert/strict';
import { parseDateTime, parseDuration, parseTimeRange } from '../../../src/core/timeRange';

const now = Date.UTC(2026, 5, 15, 12, 0, 0);
const H = 3_600_000;
const D = 24 * H;

function ok(input: string, maxAgeDays?: number): [number, number] {
  const r = parseTimeRange(input, now, maxAgeDays === undefined ? {} : { maxAgeDays });
  if (!r.ok) assert.fail(`expected ok for "${input}", got: ${r.message}`);
  return [r.start, r.end];
}
function fail(input: string, maxAgeDays?: number): string {
  const r = parseTimeRange(input, now, maxAgeDays === undefined ? {} : { maxAgeDays });
  if (r.ok) assert.fail(`expected an error for "${input}"`);
  return r.message;
}

describe('core/timeRange', () => {
  it('parses the common durations back from now', () => {
    assert.deepEqual(ok('15m'), [now - 15 * 60_000, now]);
    assert.deepEqual(ok('1h'), [now - H, now]);
    assert.deepEqual(ok('24h'), [now - 24 * H, now]);
    assert.deepEqual(ok('7d'), [now - 7 * D, now]);
    assert.deepEqual(ok('90d', 90), [now - 90 * D, now]);
    assert.deepEqual(ok(' last 2w '), [now - 14 * D, now]);
    assert.equal(parseDuration('3H'), 3 * H);
    assert.equal(parseDuration('1y'), undefined);
  });

  it('parses ISO date-times with a zone as absolute and without one as local (UTC in tests)', () => {
    assert.equal(parseDateTime('2026-06-01T10:00:00Z', now), Date.UTC(2026, 5, 1, 10));
    assert.equal(parseDateTime('2026-06-01T10:00:00+02:00', now), Date.UTC(2026, 5, 1, 8));
    assert.equal(parseDateTime('2026-06-01T10:00:00.250-0130', now), Date.UTC(2026, 5, 1, 11, 30, 0, 250));
    assert.equal(parseDateTime('2026-06-01 10:30', now), new Date(2026, 5, 1, 10, 30).getTime());
    assert.equal(parseDateTime('2026-06-01', now), new Date(2026, 5, 1).getTime());
    assert.equal(parseDateTime('2026-02-30', now), undefined);
    assert.equal(parseDateTime('2026-13-01', now), undefined);
    assert.equal(parseDateTime('June 1st', now), undefined);
  });

  it('parses ranges with several separators, each side a date-time, now or a duration ago', () => {
    const expected = [Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 2)];
    assert.deepEqual(ok('2026-06-01T00:00Z .. 2026-06-02T00:00Z'), expected);
    assert.deepEqual(ok('2026-06-01T00:00Z to 2026-06-02T00:00Z'), expected);
    assert.deepEqual(ok('2026-06-01T00:00Z/2026-06-02T00:00Z'), expected);
    assert.deepEqual(ok('2026-06-01 - 2026-06-02'), [new Date(2026, 5, 1).getTime(), new Date(2026, 5, 2).getTime()]);
    assert.deepEqual(ok('7d..1d'), [now - 7 * D, now - D]);
    assert.deepEqual(ok('2026-06-14T00:00Z..now'), [Date.UTC(2026, 5, 14), now]);
    assert.deepEqual(ok('2026-06-14T00:00Z'), [Date.UTC(2026, 5, 14), now]);
  });

  it('clamps an end in the future to now', () => {
    assert.deepEqual(ok('2026-06-15T00:00Z..2026-07-01T00:00Z'), [Date.UTC(2026, 5, 15), now]);
  });

  it('explains a start after the end', () => {
    assert.match(fail('2026-06-02T00:00Z..2026-06-01T00:00Z'), /^The start \(2026-06-02T00:00:00Z\) is after the end \(2026-06-01T00:00:00Z\)\.$/);
  });

  it('explains a start in the future', () => {
    assert.match(fail('2026-07-01T00:00Z'), /is in the future/);
  });

  it('explains a start older than the retention when maxAgeDays is given', () => {
    assert.match(fail('91d', 90), /more than 90 days ago; CloudTrail event history keeps only the last 90 days/);
    assert.match(fail('2026-01-01T00:00Z..2026-01-02T00:00Z', 90), /more than 90 days ago/);
    assert.deepEqual(ok('91d'), [now - 91 * D, now]);
  });

  it('explains unparseable input, empty input and zero durations', () => {
    assert.match(fail('yesterday'), /^Could not read "yesterday" as a duration \(15m, 1h, 24h, 7d, 90d\) or a date-time/);
    assert.match(fail('1h..soon'), /Could not read "soon"/);
    assert.match(fail(''), /^Enter a time range/);
    assert.match(fail('0h'), /must be longer than zero/);
    assert.match(fail('1h..2h..3h'), /give one start and at most one end/);
    assert.match(fail('x'.repeat(500)), /Could not read "x{57}…"/);
  });
});
