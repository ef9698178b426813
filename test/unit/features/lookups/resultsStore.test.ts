import * as assert from 'node:assert/strict';
import type { EventQuery, QueryOptions, QueryResult } from '../../../../src/core/query';
import { emptyResultText, planDescription, resultSetDescription, statsDescription } from '../../../../src/features/lookups/results/resultSetText';
import { ResultsStore } from '../../../../src/features/lookups/results/resultsStore';
import { buildEvent } from '../../core/fixtures';

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

  it('says what an empty investigation scanned (server attribute, regions, window, local match), not a bare 0', () => {
    const store = new ResultsStore();
    const root: EventQuery = { regions: ['us-east-1', 'eu-west-1'], filters: [{ key: 'Username', value: 'root' }], start: 0, end: 7 * 86_400_000, includeReadOnly: true, maxEvents: 50 };
    const empty = { ...result([]), query: root, stats: { events: 0, pages: 2, requests: 2, throttlesRetried: 0, badRecords: 0, elapsedMs: 10 } };
    const set = store.get(store.add({ title: 'Root account activity', query: root, queries: [root], match: { principalTypes: ['Root'] }, result: empty }))!;
    assert.equal(emptyResultText(set), 'Nothing matched: scanned 7 days of us-east-1 and eu-west-1 for Username=root, keeping Root callers: 0 events (2 requests).');
  });

  it('names every value of a union scan and says when more remains to scan', () => {
    const store = new ResultsStore();
    const names = ['StopLogging', 'DeleteTrail'].map((value): EventQuery => ({ ...query, filters: [{ key: 'EventName', value }] }));
    const set = store.get(store.add({ title: 'Logging tampering', query: names[0], queries: names, result: result([], () => Promise.resolve(result([]))) }))!;
    assert.match(emptyResultText(set), /^Nothing matched yet: scanned .* for EventName=StopLogging or DeleteTrail: 0 events \(3 requests\)\. More remains: Load more scans further back\.$/);
  });

  it('retries the failed regions from where they stopped and keeps what arrived', async () => {
    const store = new ResultsStore();
    const failed: QueryResult = {
      ...result(['a']),
      regionErrors: [{ region: 'eu-west-1', message: 'eu-west-1: timed out', resumable: true, eventsBefore: 1 }],
      retry: () => Promise.resolve(result(['a', 'b'])),
    };
    const id = store.add({ title: 'A', query, result: failed });
    await store.retry(id);
    const set = store.get(id);
    assert.deepEqual(set?.events.map((e) => e.id), ['a', 'b']);
    assert.deepEqual(set.result.regionErrors, []);
    assert.equal(set.result.retry, undefined);
  });

  it('keeps the events and the failure when a retry fails again', async () => {
    const store = new ResultsStore();
    const failed: QueryResult = { ...result(['a']), regionErrors: [{ region: 'eu-west-1', message: 'eu-west-1: timed out', resumable: true }], retry: () => Promise.reject(new Error('still down')) };
    const id = store.add({ title: 'A', query, result: failed });
    await store.retry(id);
    const set = store.get(id);
    assert.deepEqual(set?.events.map((e) => e.id), ['a']);
    assert.deepEqual(set.result.regionErrors.map((e) => e.message), ['eu-west-1: timed out', 'still down']);
    assert.notEqual(set.result.retry, undefined, 'Retry stays offered');
  });
});
