/**
 * LookupEvents coverage in the store: for a source (an account), a region and a query shape (the
 * category and the attribute sent to the server), the time intervals whose pages were all
 * fetched. The events themselves sit in the same `events` table as trail files (one pseudo-file
 * `lookup/<region>` per region), so a repeated query over a fetched window is answered locally.
 */
import { type Interval, mergeIntervals } from '../../core/intervals';
import type { AttributeFilter } from '../../core/query';
import type { TrailStore } from './trailStore';

/** A covered interval and when it was fetched. */
export interface CoveredInterval extends Interval {
  readonly fetchedAt: number;
}

/** The shape key: category plus server attribute (`''` attribute = every event of the region). */
export function shapeOf(category: 'insight' | undefined, server: AttributeFilter | undefined): string {
  return `${category ?? 'management'}|${server ? `${server.key}=${server.value}` : ''}`;
}

/** The shape that holds every event of a category (it covers every other shape of that category). */
export function allEventsShape(category: 'insight' | undefined): string {
  return shapeOf(category, undefined);
}

type Row = Record<string, unknown>;

/** Intervals of `shapes` (any of them) in a region. */
export function coverageOf(store: TrailStore, sourceId: number, region: string, shapes: readonly string[]): CoveredInterval[] {
  const rows = shapes.flatMap(
    (shape) => store.statement('SELECT start, end, fetched_at FROM coverage WHERE source_id = ? AND region = ? AND shape = ?').all(sourceId, region, shape) as Row[],
  );
  return rows.map((row) => ({ start: Number(row.start), end: Number(row.end), fetchedAt: Number(row.fetched_at) }));
}

/** Adds `[start, end]` to a shape's coverage, merging with what touches it (the newest fetch time wins). */
export function addCoverage(store: TrailStore, sourceId: number, region: string, shape: string, interval: Interval, fetchedAt: number): void {
  if (interval.end < interval.start) return;
  store.transaction(() => {
    const existing = coverageOf(store, sourceId, region, [shape]);
    const merged = mergeIntervals([...existing, interval]);
    store.statement('DELETE FROM coverage WHERE source_id = ? AND region = ? AND shape = ?').run(sourceId, region, shape);
    for (const m of merged) {
      const times = existing.filter((e) => e.start <= m.end && e.end >= m.start).map((e) => e.fetchedAt);
      const touchesNew = interval.start <= m.end && interval.end >= m.start;
      const at = Math.max(touchesNew ? fetchedAt : 0, ...times);
      store.statement('INSERT INTO coverage (source_id, region, shape, start, end, fetched_at) VALUES (?, ?, ?, ?, ?, ?)').run(sourceId, region, shape, m.start, m.end, at);
    }
  });
}
