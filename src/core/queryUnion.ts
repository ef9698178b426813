/**
 * The union of several queries over one source: LookupEvents takes one attribute value per call,
 * so "any of these event names" or "any of these ResourceName forms" is one query per value, run
 * together (they share the source's rate limiter), merged newest first and de-duplicated by event
 * id. Pure orchestration over the {@link TrailEventSource} interface: no I/O of its own.
 */
import { compareNewestFirst } from './eventOrder';
import type { NormalizeError, TrailEvent } from './model';
import type { EventQuery, QueryOptions, QueryResult, QueryStats, TrailEventSource } from './query';

function sumStats(all: readonly QueryStats[], events: number, elapsedMs: number): QueryStats {
  return {
    events,
    pages: all.reduce((n, s) => n + s.pages, 0),
    requests: all.reduce((n, s) => n + s.requests, 0),
    throttlesRetried: all.reduce((n, s) => n + s.throttlesRetried, 0),
    badRecords: all.reduce((n, s) => n + s.badRecords, 0),
    elapsedMs,
  };
}

function uniqueRegionErrors(errors: readonly { region: string; message: string }[]): { region: string; message: string }[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.region}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Options for {@link runQueryUnion}. */
export interface UnionOptions {
  /** The query reported in results (default: the first query). */
  readonly query?: EventQuery;
  /** Events per result (default: the first query's `maxEvents`). */
  readonly maxEvents?: number;
}

/**
 * Runs `queries` through `source` and merges them: newest first, each event once, at most
 * `maxEvents` per result; `loadMore` serves buffered events first and continues the queries that
 * have more only when those run out. Progress reports only events not reported before. Stats add
 * up every query's requests and pages; `cancelled` is true when any query was cancelled; the plan
 * is the first query's. One query is passed straight through.
 */
export async function runQueryUnion(source: TrailEventSource, queries: readonly EventQuery[], options: QueryOptions = {}, union: UnionOptions = {}): Promise<QueryResult> {
  const first = queries.at(0);
  if (first === undefined) throw new Error('runQueryUnion needs at least one query.');
  if (queries.length === 1 && union.query === undefined && union.maxEvents === undefined) return source.query(first, options);
  const reported = union.query ?? first;
  const limit = Math.max(1, union.maxEvents ?? first.maxEvents);
  const seen = new Set<string>();
  let pending: TrailEvent[] = [];
  let plan: QueryResult['plan'] = { local: [] };
  // The queries that can still load more.
  let live: QueryResult[] = [];

  const batch = async (mode: 'first' | 'fetch' | 'buffered', batchOptions: QueryOptions): Promise<QueryResult> => {
    const startedAt = Date.now();
    const progressSeen = new Set<string>();
    const onProgress = batchOptions.onProgress;
    const forward: QueryOptions = {
      ...(batchOptions.signal ? { signal: batchOptions.signal } : {}),
      ...(onProgress
        ? {
            onProgress: (events: readonly TrailEvent[], stats: QueryStats) => {
              const fresh = events.filter((e) => !seen.has(e.id) && !progressSeen.has(e.id));
              for (const e of fresh) progressSeen.add(e.id);
              onProgress(fresh, { ...stats, events: progressSeen.size });
            },
          }
        : {}),
    };
    const done =
      mode === 'first'
        ? await Promise.all(queries.map((q) => source.query(q, forward)))
        : mode === 'fetch'
          ? await Promise.all(live.flatMap((r) => (r.loadMore ? [r.loadMore(forward)] : [])))
          : [];
    if (mode === 'first' && done[0]) plan = done[0].plan;
    if (mode !== 'buffered') live = done.filter((r) => r.loadMore !== undefined);
    for (const r of done) {
      for (const e of r.events) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        pending.push(e);
      }
    }
    pending.sort(compareNewestFirst);
    const events = pending.slice(0, limit);
    pending = pending.slice(limit);
    const more = pending.length > 0 || live.length > 0;
    const errors: NormalizeError[] = done.flatMap((r) => r.errors);
    return {
      query: reported,
      events,
      errors,
      plan,
      stats: sumStats(
        done.map((r) => r.stats),
        events.length,
        Date.now() - startedAt,
      ),
      cancelled: done.some((r) => r.cancelled),
      regionErrors: uniqueRegionErrors(done.flatMap((r) => r.regionErrors)),
      ...(more ? { loadMore: (next?: QueryOptions) => batch(pending.length >= limit ? 'buffered' : 'fetch', next ?? {}) } : {}),
    };
  };
  return batch('first', options);
}
