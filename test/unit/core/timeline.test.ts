import * as assert from 'node:assert/strict';
import { buildTimeline, chooseInterval, describeInterval } from '../../../src/core/timelineBuckets';
import { buildTimelineModel, MAX_EVENT_ROWS } from '../../../src/core/timelineModel';
import type { QueryResult } from '../../../src/core/query';
import { buildEvent } from './fixtures';

const T0 = Date.UTC(2026, 10, 21, 2, 0, 0);
const MIN = 60_000;

describe('core/timeline', () => {
  it('chooses an interval that fits in about 60 bars', () => {
    assert.equal(chooseInterval(30 * MIN), MIN);
    assert.equal(chooseInterval(24 * 60 * MIN), 30 * MIN);
    assert.equal(chooseInterval(90 * 86_400_000), 7 * 86_400_000);
    assert.equal(describeInterval(15 * MIN), '15 min');
    assert.equal(describeInterval(3 * 60 * MIN), '3 h');
    assert.equal(describeInterval(86_400_000), '1 day');
  });

  it('counts events and errors per interval, with empty bars for quiet periods', () => {
    const events = [
      buildEvent({ id: 'a', time: T0 - 14 * MIN }),
      buildEvent({ id: 'b', time: T0, errorCode: 'AccessDenied' }),
      buildEvent({ id: 'c', time: T0 + 30_000, errorCode: 'AccessDenied' }),
      buildEvent({ id: 'd', time: T0 + 15 * MIN }),
    ];
    const t = buildTimeline(events, T0 - 15 * MIN, T0 + 15 * MIN);
    assert.equal(t.intervalMs, MIN);
    assert.equal(t.buckets.length, 31);
    assert.equal(t.buckets.reduce((n, b) => n + b.total, 0), 4);
    const at = t.buckets.find((b) => b.start === T0);
    assert.deepEqual(at, { start: T0, total: 2, errors: 2 });
    assert.equal(t.maxTotal, 2);
    assert.equal(t.buckets.filter((b) => b.total === 0).length, 28);
  });

  it('builds the panel model: headline, plan, bars and rows', () => {
    const events = Array.from({ length: MAX_EVENT_ROWS + 5 }, (_, i) => buildEvent({ id: `e${i}`, time: T0 - i * 1000, ...(i === 0 ? { errorCode: 'AccessDenied' } : {}) }));
    const query = { regions: ['eu-west-1'], filters: [], start: T0 - 3_600_000, end: T0, includeReadOnly: false, maxEvents: 1000 };
    const result: QueryResult = { query, events, errors: [], plan: { server: { key: 'ReadOnly', value: 'false' }, local: [{ key: 'EventName', value: 'Delete*' }] }, stats: { events: events.length, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 5 }, cancelled: true, regionErrors: [] };
    const model = buildTimelineModel({ title: 'T', query, result, events }, 'Last changed by alice');
    assert.equal(model.headline, 'Last changed by alice');
    assert.equal(model.plan, 'ReadOnly = false on the server; EventName = Delete* locally');
    assert.match(model.summary, /^105 events · 1 error · in eu-west-1 · cancelled: partial results$/);
    assert.equal(model.events.length, MAX_EVENT_ROWS);
    assert.equal(model.moreEvents, 5);
    assert.equal(model.events[0]?.error, 'AccessDenied');
    assert.equal(model.bars.reduce((n, b) => n + b.total, 0), events.length);
  });
});
