/**
 * Answers an {@link EventQuery} from the store: rows come newest first in pages of `maxEvents`,
 * each row is turned back into an event, copies of one event (the same id in two files) are kept
 * once, and `loadMore` continues where the page stopped. Nothing is read from disk or S3 here.
 */
import { matchesQueryLocally } from '../../core/filters';
import type { EventOrigin, NormalizeError, TrailEvent } from '../../core/model';
import type { EventQuery, QueryOptions, QueryResult, QueryStats } from '../../core/query';
import type { StoredEventRow, TrailStore } from './trailStore';

/** What the source did before the store answered (downloads, file reads), for the stats. */
export interface StoredQueryContext {
  readonly started: number;
  readonly errors: readonly NormalizeError[];
  /** Requests sent (S3 or API) while preparing this answer. */
  readonly requests: number;
  /** Files read (local) or objects fetched while preparing it. */
  readonly pages: number;
  readonly regionErrors?: readonly { readonly region: string; readonly message: string }[];
  /** Where a row's record came from (file sources set it on every event they return). */
  readonly originOf?: (row: StoredEventRow) => EventOrigin | undefined;
}

/** Reads one page of a stored query; `seen` carries the ids already returned across pages. */
export function storedPage(store: TrailStore, sourceId: number, query: EventQuery, offset: number, seen: Set<string>, context: StoredQueryContext, options: QueryOptions = {}): QueryResult {
  const limit = Math.max(1, query.maxEvents);
  const plan = { local: query.filters };
  const events: TrailEvent[] = [];
  let next = offset;
  let exhausted = false;
  // Read a little more than a page: copies are dropped, and one row more tells whether more exist.
  while (events.length < limit && !exhausted && options.signal?.aborted !== true) {
    const want = limit - events.length + 1;
    const rows = store.queryRows(sourceId, query, next, want);
    exhausted = rows.length < want;
    for (const row of rows) {
      if (events.length >= limit) {
        exhausted = false;
        break;
      }
      next++;
      if (seen.has(row.eventId)) continue;
      const read = store.eventOf(row);
      const origin = read && context.originOf?.(row);
      const event = read && origin ? { ...read, origin } : read;
      // The SQL is exact; the check on the full event guards against a row whose body reads differently.
      if (!event || !matchesQueryLocally(event, plan, query)) continue;
      seen.add(row.eventId);
      events.push(event);
    }
  }
  const stats: QueryStats = {
    events: events.length,
    pages: context.pages,
    requests: context.requests,
    throttlesRetried: 0,
    badRecords: context.errors.length,
    elapsedMs: Date.now() - context.started,
  };
  if (events.length > 0) options.onProgress?.(events, stats);
  const cancelled = options.signal?.aborted === true;
  return {
    query,
    events,
    errors: context.errors,
    plan,
    stats,
    cancelled,
    regionErrors: context.regionErrors ?? [],
    ...(!exhausted && !cancelled
      ? { loadMore: (more?: QueryOptions) => Promise.resolve(storedPage(store, sourceId, query, next, seen, { started: Date.now(), errors: [], requests: 0, pages: 0, ...(context.originOf ? { originOf: context.originOf } : {}) }, more)) }
      : {}),
  };
}
