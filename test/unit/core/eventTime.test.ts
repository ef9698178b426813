import * as assert from 'node:assert/strict';
import { consoleCsvRowToEvent } from '../../../src/archive/consoleCsv';
import { normalizeLookupEvent, normalizeRecord } from '../../../src/core/event';
import { parseIsoTime } from '../../../src/core/eventTime';

const record = (eventTime: unknown): Record<string, unknown> => ({ eventVersion: '1.08', eventID: 'e1', eventName: 'RunInstances', eventSource: 'ec2.amazonaws.com', awsRegion: 'us-east-1', eventTime });

function errorOf(result: ReturnType<typeof normalizeRecord>): string {
  assert.ok(!result.ok, 'expected a per-record error');
  return result.error.error;
}

describe('core/eventTime strict event times', () => {
  it('refuses a non-calendar date instead of rolling 2023-02-30 over to March 2nd', () => {
    assert.match(errorOf(normalizeRecord(record('2023-02-30T10:00:00Z'), 4)), /eventTime "2023-02-30T10:00:00Z" is not a calendar date/);
    assert.equal(parseIsoTime('2024-02-29T00:00:00Z').ok, true, 'a leap day is a calendar date');
    assert.equal(parseIsoTime('2023-04-31').ok, false);
    assert.equal(parseIsoTime('2023-01-01T24:00:00Z').ok, false);
  });

  it('makes out-of-range and non-string times per-record errors', () => {
    assert.match(errorOf(normalizeRecord(record(1e20))), /eventTime is a number, not an ISO 8601 string/);
    assert.match(errorOf(normalizeRecord(record({ t: 1 }))), /eventTime is a object/);
    assert.match(errorOf(normalizeRecord(record('+275760-09-13T00:00:00Z'))), /not an ISO 8601 date-time/);
    assert.match(errorOf(normalizeRecord(record('1969-12-31T23:59:59Z'))), /outside 1970–9999/);
  });

  it('reads zone-less and offset times as the instant they name, UTC when no zone is given', () => {
    const plain = normalizeRecord(record('2024-05-01T12:00:00'));
    assert.ok(plain.ok);
    assert.equal(plain.event.time, Date.UTC(2024, 4, 1, 12));
    const offset = normalizeRecord(record('2024-05-01T14:00:00+02:00'));
    assert.ok(offset.ok);
    assert.equal(offset.event.time, Date.UTC(2024, 4, 1, 12));
  });

  it('keeps a lookup event whose EventTime is unusable but whose record time is good', () => {
    const json = JSON.stringify(record('2024-05-01T12:00:00Z'));
    const result = normalizeLookupEvent({ EventId: 'e1', EventName: 'RunInstances', EventTime: new Date(Number.NaN), CloudTrailEvent: json });
    assert.ok(result.ok);
    assert.equal(result.event.time, Date.UTC(2024, 4, 1, 12));
  });

  it('reads console-CSV times without a zone as UTC, whatever the machine zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const header = ['Event time', 'Event name', 'Event ID'];
      const result = consoleCsvRowToEvent(header, ['2021-10-18 12:34:56', 'RunInstances', 'id-1'], 0);
      assert.ok(result.ok);
      assert.equal(new Date(result.event.time).toISOString(), '2021-10-18T12:34:56.000Z');
      const bad = consoleCsvRowToEvent(header, ['2021-02-30 12:34:56', 'RunInstances', 'id-2'], 1);
      assert.ok(!bad.ok);
      assert.match(bad.error.error, /CSV row 3: .*Event time "2021-02-30 12:34:56" is not a calendar date/);
    } finally {
      process.env.TZ = saved;
    }
  });
});
