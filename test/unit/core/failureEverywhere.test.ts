import * as assert from 'node:assert/strict';
import { lastChangedLine } from '../../../src/core/answerLine';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import type { QueryResult } from '../../../src/core/query';
import { buildTimeline } from '../../../src/core/timelineBuckets';
import { buildTimelineModel } from '../../../src/core/timelineModel';
import { applyViewFilter } from '../../../src/core/viewFilter';
import { sampleRecord } from './fixtures';

/** A real failed console sign-in (errorMessage + ConsoleLogin Failure, no errorCode) and a real success. */
function event(eventID: string): TrailEvent {
  const result = normalizeRecord(sampleRecord({ source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID }));
  if (!result.ok) assert.fail(result.error.error);
  return result.event;
}
const failed = event('d38ce1b3-4575-4cb8-a632-611b8243bfc3');
const success = event('3fcfb182-98f8-4744-bd45-10a395ab61cb');

describe('core: every surface uses the one failure rule (a failed sign-in has no errorCode)', () => {
  it('the view filter’s errors-only keeps it', () => {
    assert.deepEqual(applyViewFilter([failed, success], { text: '', errorsOnly: true }), [failed]);
  });

  it('the timeline counts it as an error and its row says why', () => {
    const timeline = buildTimeline([failed, success], failed.time - 60_000, failed.time + 60_000);
    assert.equal(timeline.buckets.reduce((n, b) => n + b.errors, 0), 1);
    const query = { regions: ['us-east-1'], filters: [], start: failed.time - 60_000, end: failed.time + 60_000, includeReadOnly: true, maxEvents: 10 };
    const result: QueryResult = { query, events: [failed], errors: [], plan: { local: [] }, stats: { events: 1, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 1 }, cancelled: false, regionErrors: [] };
    const model = buildTimelineModel({ title: 't', query, result, events: [failed] });
    assert.match(model.summary, /1 error\b/);
    assert.equal(model.events[0]?.error, 'Failed authentication');
  });

  it('"Who changed this?" says the newest call was only attempted', () => {
    const line = lastChangedLine([failed], failed.time + 3_600_000);
    assert.match(line ?? '', /^Last change attempted by .* \(failed: Failed authentication\)$/);
  });
});
