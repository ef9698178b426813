/**
 * Which filter to send to LookupEvents when a query has several: the one the store expects to need
 * the fewest pages, from the events it holds for windows it fetched completely (counts per value
 * and window, scaled to the query's window). When the store has not seen every candidate, the
 * core's fixed ranking decides (`planFilters`).
 */
import { coveredLength } from '../../core/intervals';
import { isWildcard } from '../../core/filters';
import type { AttributeFilter, EventQuery } from '../../core/query';
import { allEventsShape, coverageOf, shapeOf } from './coverage';
import type { TrailStore } from './trailStore';

/** Filters LookupEvents could take (exact, non-empty; ReadOnly only true/false). */
function candidates(query: EventQuery): AttributeFilter[] {
  return query.filters.filter((f) => f.value !== '' && !isWildcard(f.value) && (f.key !== 'ReadOnly' || f.value === 'true' || f.value === 'false'));
}

/**
 * Expected matching events of `filter` over the query's window and regions, from its rate in every
 * window the store fetched completely for it (or for all events), or undefined if never seen.
 */
export function expectedEvents(store: TrailStore, sourceId: number, query: EventQuery, filter: AttributeFilter): number | undefined {
  let total = 0;
  for (const region of query.regions) {
    const covered = coverageOf(store, sourceId, region, [shapeOf(query.category, filter), allEventsShape(query.category)]);
    const span = { start: Math.min(...covered.map((c) => c.start)), end: Math.max(...covered.map((c) => c.end)) };
    const length = covered.length === 0 ? 0 : coveredLength(span, covered);
    if (length === 0) return undefined;
    let count = 0;
    for (const c of covered) {
      const { start, end } = c;
      // Only the candidate filter: that is what the server would send back pages of.
      count += store.count(sourceId, { regions: [region], filters: [filter], start, end, includeReadOnly: true, maxEvents: 1, ...(query.category ? { category: query.category } : {}) });
    }
    total += (count * (query.end - query.start + 1)) / length;
  }
  return total;
}

/**
 * The server filter the store recommends, or undefined to let the default planner choose (fewer
 * than two candidates, or a candidate the store knows nothing about).
 */
export function chooseServerFilter(store: TrailStore, sourceId: number, query: EventQuery): AttributeFilter | undefined {
  const options = candidates(query);
  if (options.length < 2 || query.regions.length === 0) return undefined;
  let best: { filter: AttributeFilter; events: number } | undefined;
  for (const filter of options) {
    const events = expectedEvents(store, sourceId, query, filter);
    if (events === undefined) return undefined;
    if (!best || events < best.events) best = { filter, events };
  }
  return best?.filter;
}
