import * as assert from 'node:assert/strict';
import type { TrailEvent } from '../../../src/core/model';
import type { EventQuery, QueryOptions, QueryResult, TrailEventSource } from '../../../src/core/query';
import { lookupResourceNames } from '../../../src/core/resourceLookup';
import { buildEvent } from './fixtures';

const T0 = Date.UTC(2026, 0, 2);

/** A pure in-memory source: each ResourceName holds its events (newest first), served `pageSize` at a time. */
function memorySource(byName: Readonly<Record<string, readonly TrailEvent[]>>, pageSize: number): TrailEventSource {
  const page = (query: EventQuery, all: readonly TrailEvent[], from: number): QueryResult => {
    const events = all.slice(from, from + Math.min(pageSize, query.maxEvents));
    const next = from + events.length;
    return {
      query,
      events,
      errors: [],
      plan: { server: query.filters[0], local: [] },
      stats: { events: events.length, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 0 },
      cancelled: false,
      regionErrors: [],
      ...(next < all.length ? { loadMore: (_o?: QueryOptions) => Promise.resolve(page(query, all, next)) } : {}),
    };
  };
  return {
    kind: 'archive',
    label: 'memory',
    query: (query) => Promise.resolve(page(query, byName[query.filters[0]?.value ?? ''] ?? [], 0)),
  };
}

const at = (minutes: number): number => T0 - minutes * 60_000;
const query = { start: T0 - 86_400_000, end: T0, includeReadOnly: false, maxEvents: 3, regions: ['eu-west-1'] };

describe('core/resourceLookup by names (Terraform candidates without an ARN)', () => {
  it('merges the candidates newest first without duplicates and offers Load more until every candidate is exhausted', async () => {
    const shared = buildEvent({ id: 'both', time: at(2) });
    const source = memorySource(
      {
        'orders-db': [buildEvent({ id: 'a1', time: at(1) }), shared, buildEvent({ id: 'a3', time: at(5) }), buildEvent({ id: 'a4', time: at(7) })],
        'db-ABC123': [shared, buildEvent({ id: 'b2', time: at(3) }), buildEvent({ id: 'b3', time: at(6) })],
      },
      2,
    );
    const first = await lookupResourceNames(source, ['orders-db', 'db-ABC123'], query);
    assert.deepEqual(first.events.map((e) => e.id), ['a1', 'both', 'b2']);
    assert.deepEqual(first.candidates, ['orders-db', 'db-ABC123']);
    assert.deepEqual(first.query.regions, ['eu-west-1']);
    assert.ok(first.loadMore, 'more events exist: Load more is offered');
    const second = await first.loadMore();
    assert.deepEqual(second.events.map((e) => e.id), ['a3', 'b3', 'a4']);
    assert.equal(second.loadMore, undefined, 'every candidate is exhausted');
  });
});
