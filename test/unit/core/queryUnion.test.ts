import * as assert from 'node:assert/strict';
import { matchesAttribute } from '../../../src/core/filters';
import type { TrailEvent } from '../../../src/core/model';
import type { EventQuery, QueryOptions, QueryResult, TrailEventSource } from '../../../src/core/query';
import { runQueryUnion } from '../../../src/core/queryUnion';
import { buildEvent } from './fixtures';

/** An in-memory source: exact filters, newest first, `maxEvents` per page with loadMore. */
function memorySource(events: readonly TrailEvent[], calls: EventQuery[]): TrailEventSource {
  const page = (query: EventQuery, rest: TrailEvent[]): QueryResult => {
    const events = rest.slice(0, query.maxEvents);
    const left = rest.slice(query.maxEvents);
    return {
      query,
      events,
      errors: [],
      plan: { local: [...query.filters] },
      stats: { events: events.length, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 0 },
      cancelled: false,
      regionErrors: [],
      ...(left.length > 0 ? { loadMore: (_o?: QueryOptions) => Promise.resolve(page(query, left)) } : {}),
    };
  };
  return {
    kind: 'archive',
    label: 'memory',
    query(query, options) {
      calls.push(query);
      const matching = events.filter((e) => query.filters.every((f) => matchesAttribute(e, f))).sort((a, b) => b.time - a.time);
      options?.onProgress?.(matching.slice(0, query.maxEvents), { events: 0, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 0 });
      return Promise.resolve(page(query, matching));
    },
  };
}

const base: EventQuery = { regions: ['us-east-1'], filters: [], start: 0, end: 1e13, includeReadOnly: true, maxEvents: 3 };
const names = ['StopLogging', 'DeleteTrail', 'UpdateTrail'];
const events = Array.from({ length: 12 }, (_, i) => buildEvent({ id: `e${i}`, time: 1000 + i, name: names[i % 3] }));

describe('core/queryUnion runQueryUnion', () => {
  it('runs one query per value, merges newest first, each event once, maxEvents per result, then loads more', async () => {
    const calls: EventQuery[] = [];
    const queries = names.map((value) => ({ ...base, filters: [{ key: 'EventName' as const, value }] }));
    const first = await runQueryUnion(memorySource(events, calls), queries);
    assert.equal(calls.length, 3);
    assert.deepEqual(first.events.map((e) => e.id), ['e11', 'e10', 'e9']);
    assert.equal(first.stats.requests, 3);
    const all = [...first.events];
    let next = first.loadMore;
    while (next !== undefined) {
      const r = await next();
      all.push(...r.events);
      next = r.loadMore;
    }
    assert.deepEqual(all.map((e) => e.id), events.map((e) => e.id).reverse());
  });

  it('de-duplicates events two queries both return, and reports only fresh ones in progress', async () => {
    const calls: EventQuery[] = [];
    const seenInProgress: string[] = [];
    const queries = [{ ...base, maxEvents: 50 }, { ...base, maxEvents: 50, filters: [{ key: 'EventName' as const, value: 'StopLogging' }] }];
    const result = await runQueryUnion(memorySource(events, calls), queries, { onProgress: (fresh) => seenInProgress.push(...fresh.map((e) => e.id)) });
    assert.equal(result.events.length, 12);
    assert.equal(new Set(seenInProgress).size, seenInProgress.length, 'no event reported twice');
    assert.equal(result.loadMore, undefined);
  });

  it('passes a single query straight through', async () => {
    const calls: EventQuery[] = [];
    const result = await runQueryUnion(memorySource(events, calls), [base]);
    assert.equal(calls.length, 1);
    assert.equal(result.query, base);
  });

  it('refuses an empty union with a clear message', async () => {
    await assert.rejects(runQueryUnion(memorySource(events, []), []), /at least one query/);
  });
});
