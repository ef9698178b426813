import * as assert from 'node:assert/strict';
import type { EventQuery, QueryOptions, QueryResult } from '../../../src/core/query';
import { planDescription, resultSetDescription, statsDescription } from '../../../src/views/results/resultSetText';
import { ResultsStore } from '../../../src/views/results/resultsStore';
import { buildEvent } from '../core/fixtures';

const query: EventQuery = { regions: ['us-east-1', 'eu-west-1'], filters: [{ key: 'Username', value: 'alice' }], start: 0, end: 1, includeReadOnly: true, maxEvents: 2 };

function result(ids: string[], more?: (options?: QueryOptions) => Promise<QueryResult>): QueryResult {
  return {
    query,
    events: ids.map((id, i) => buildEvent({ id, time: 1000 - i })),
    errors: [],
    plan: { server: { key: 'Username', value: 'alice' }, local: [{ key: 'EventName', value: 'Put*' }] },
    stats: { events: ids.length, pages: 2, requests: 3, throttlesRetried: 1, badRecords: 0, elapsedMs: 1500 },
    cancelled: false,
    regionErrors: [],
    ...(more ? { loadMore: more } : {}),
  };
}

describe('views/results/ResultsStore', () => {
  it('adds result sets newest first, removes and clears them, and tells listeners', () => {
    const store = new ResultsStore();
    let changes = 0;
    store.onDidChange(() => changes++);
    const a = store.add({ title: 'A', query, result: result(['1']) });
    const b = store.add({ title: 'B', query, result: result(['2']) });
    assert.notEqual(a, b);
    assert.deepEqual(store.list().map((s) => s.title), ['B', 'A']);
    assert.equal(store.remove(a), true);
    assert.equal(store.remove(a), false);
    store.clear();
    assert.equal(store.size, 0);
    assert.equal(changes, 4);
  });

  it('loads more once for concurrent clicks and appends without duplicates', async () => {
    let calls = 0;
    const more = async (): Promise<QueryResult> => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return result(['b', 'c']);
    };
    const store = new ResultsStore();
    const id = store.add({ title: 'A', query, result: result(['a', 'b'], more) });
    await Promise.all([store.loadMore(id), store.loadMore(id)]);
    assert.equal(calls, 1);
    const set = store.get(id);
    assert.deepEqual(set?.events.map((e) => e.id), ['a', 'b', 'c']);
    assert.equal(set.result.loadMore, undefined);
    assert.equal(set.loadingMore, false);
  });

  it('keeps the events and reports a failed load more as a region error', async () => {
    const store = new ResultsStore();
    const id = store.add({ title: 'A', query, result: result(['a'], () => Promise.reject(new Error('Rate exceeded'))) });
    await store.loadMore(id);
    const set = store.get(id);
    assert.deepEqual(set?.events.map((e) => e.id), ['a']);
    assert.deepEqual(set.result.regionErrors, [{ region: 'load more', message: 'Rate exceeded' }]);
  });

  it('describes a set: counts, regions, which filter ran where, and the work done', () => {
    const store = new ResultsStore();
    const set = store.get(store.add({ title: 'A', query, result: result(['a', 'b'], () => Promise.resolve(result([]))) }))!;
    assert.equal(resultSetDescription(set), '2 events · us-east-1, eu-west-1 · more available');
    assert.equal(planDescription(set), 'Server: Username = alice · local: EventName = Put*');
    assert.equal(statsDescription(set), '3 requests, 2 pages, 1 throttles retried, 1.5 s');
  });
});
