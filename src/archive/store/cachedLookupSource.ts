/**
 * LookupEvents through the store: what the API returned is kept with the time range, region and
 * query shape it covers, so a query over a window already fetched sends no request (even after a
 * restart), only the missing part of a window is fetched, and `refresh()` fetches only what is
 * newer (plus a margin for late deliveries). With several filters the store picks the attribute
 * sent to the server from the counts it has seen. Wraps the API engine (`aws/apiEventSource.ts`)
 * through its `planner` and `onPage` hooks, which the caller wires (the rings do not import each
 * other); the engine itself (pacing, retries, fan-out) is unchanged.
 */
import { compareNewestFirst } from '../../core/eventOrder';
import { matchesQueryLocally } from '../../core/filters';
import { type Interval, uncovered } from '../../core/intervals';
import { planLookup } from '../../core/lookupPlan';
import type { NormalizeError, TrailEvent } from '../../core/model';
import type { EventQuery, FilterPlan, LookupPageSeen, QueryOptions, QueryResult, TrailEventSource } from '../../core/query';
import { chooseServerFilter } from './attributeChoice';
import { addCoverage, allEventsShape, coverageOf, shapeOf } from './coverage';
import type { TrailStore } from './trailStore';

/** One LookupEvents page as the engine saw it. */
export type LookupPage = LookupPageSeen;

/** The hooks the API engine takes (`createApiEventSource({ ...options, ...hooks })`). */
export interface LookupHooks {
  readonly planner: (query: EventQuery) => FilterPlan | undefined;
  readonly onPage: (page: LookupPage) => void;
}

/** Options: the store, and how to make the API source with the hooks. */
export interface CachedApiSourceOptions {
  readonly store: TrailStore;
  /** Creates the API source (`createApiEventSource` from `aws/`) with these hooks. */
  readonly createSource: (hooks: LookupHooks) => TrailEventSource;
  /** Regions used when a query names none. */
  readonly regions: readonly string[];
  /** Whose results these are (an account id resolved once per profile, or the profile name). */
  readonly cacheKey: string;
  /** On refresh, the last `settleMs` before each fetch is fetched again (late events); default 15 min. */
  readonly settleMs?: number;
  readonly now?: () => number;
}

/** The cached source. */
export interface CachedApiSource extends TrailEventSource {
  readonly kind: 'api';
  /** The next query fetches again what may have changed since it was fetched (the newest part). */
  refresh(): void;
}

const PLAN = Symbol('cachedPlan');
type PlannedQuery = EventQuery & { [PLAN]?: FilterPlan };

/** Creates the cached API source. */
export function createCachedApiSource(options: CachedApiSourceOptions): CachedApiSource {
  const { store } = options;
  const now = options.now ?? Date.now;
  const settleMs = options.settleMs ?? 15 * 60_000;
  const sourceId = store.sourceId(`api:${options.cacheKey}`, 'api');
  const files = new Map<string, number>();
  const fileFor = (region: string): number => {
    let id = files.get(region);
    if (id === undefined) {
      id = store.upsertFile(sourceId, { key: `lookup/${region}`, size: 0, kind: 'api', format: 'api', region }).id;
      files.set(region, id);
    }
    return id;
  };
  const onPage = (page: LookupPage): void => {
    const fileId = fileFor(page.region);
    store.transaction(() => {
      let next = (store.statement('SELECT COALESCE(MAX(record_index) + 1, 0) AS n FROM events WHERE file_id = ?').get(fileId) as { n: number }).n;
      const known = store.statement('SELECT 1 FROM events WHERE event_id = ? AND source_id = ? LIMIT 1');
      const fresh = page.events.filter((e) => known.get(e.id, sourceId) === undefined);
      store.addEvents(sourceId, fileId, fresh.map((event) => ({ event, index: next++, asEvent: true })));
      const covered = page.done ? { start: page.query.start, end: page.query.end } : { start: page.frontier + 1, end: page.query.end };
      addCoverage(store, sourceId, page.region, shapeOf(page.query.category, page.server), covered, now());
    });
  };
  const inner = options.createSource({ planner: (query) => (query as PlannedQuery)[PLAN], onPage });
  let refreshing = false;

  const gapsOf = (query: EventQuery, region: string, plan: FilterPlan): Interval[] => {
    const covered = coverageOf(store, sourceId, region, [shapeOf(query.category, plan.server), allEventsShape(query.category)]).map((c) =>
      refreshing ? { start: c.start, end: Math.min(c.end, c.fetchedAt - settleMs) } : c,
    );
    return uncovered({ start: query.start, end: Math.min(query.end, now()) }, covered);
  };

  const page = async (query: EventQuery, seen: Set<string>, queryOptions: QueryOptions, tiesAtEnd = 0): Promise<QueryResult> => {
    const started = Date.now();
    const chosen = chooseServerFilter(store, sourceId, query);
    const plan = planLookup(query, chosen?.key);
    let requests = 0;
    let throttles = 0;
    const errors: NormalizeError[] = [];
    const regionErrors: { region: string; message: string }[] = [];
    const outcome = { cancelled: false };
    await Promise.all(
      query.regions.map(async (region) => {
        const gaps = gapsOf(query, region, plan);
        const first = gaps.at(0);
        const last = gaps.at(-1);
        if (!first || !last) return;
        const planned: PlannedQuery = { ...query, regions: [region], start: first.start, end: last.end, [PLAN]: plan };
        const result = await inner.query(planned, queryOptions.signal ? { signal: queryOptions.signal } : {});
        requests += result.stats.requests;
        throttles += result.stats.throttlesRetried;
        errors.push(...result.errors);
        regionErrors.push(...result.regionErrors);
        outcome.cancelled ||= result.cancelled;
      }),
    );
    refreshing = false;
    // Answer from the store, region by region, over the newest part each region has complete.
    const limit = Math.max(1, query.maxEvents);
    let more = false;
    const candidates: TrailEvent[] = [];
    // A region not fetched down to the window's start bounds what may be returned yet: older events
    // of other regions wait for the next page, so pages stay newest first across regions.
    let cutoff = query.start;
    for (const region of query.regions) {
      const newestGap = gapsOf(query, region, plan).at(-1);
      const from = newestGap ? newestGap.end + 1 : query.start;
      if (from > query.start) more = true;
      cutoff = Math.max(cutoff, from);
    }
    for (const region of query.regions) {
      if (cutoff > query.end) break;
      const rows = store.queryRows(sourceId, { ...query, regions: [region], start: cutoff }, 0, limit + tiesAtEnd + 1);
      if (rows.length > limit + tiesAtEnd) more = true;
      for (const row of rows) {
        const event = store.eventOf(row);
        if (event && !seen.has(event.id) && matchesQueryLocally(event, { local: query.filters }, query)) candidates.push(event);
      }
    }
    candidates.sort(compareNewestFirst);
    const events: TrailEvent[] = [];
    for (const event of candidates) {
      if (events.length >= limit) {
        more = true;
        break;
      }
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      events.push(event);
    }
    const stats = { events: events.length, pages: requests, requests, throttlesRetried: throttles, badRecords: errors.length, elapsedMs: Date.now() - started };
    if (events.length > 0) queryOptions.onProgress?.(events, stats);
    const oldest = events.at(-1)?.time;
    const { cancelled } = outcome;
    const canContinue = more && !cancelled && regionErrors.length === 0;
    const ties = events.filter((e) => e.time === oldest).length + (oldest === query.end ? tiesAtEnd : 0);
    return {
      query,
      events,
      errors,
      plan,
      stats,
      cancelled,
      regionErrors,
      ...(canContinue && oldest !== undefined ? { loadMore: (next?: QueryOptions) => page({ ...query, end: oldest }, seen, next ?? {}, ties) } : {}),
    };
  };

  return {
    kind: 'api',
    label: inner.label,
    refresh() {
      refreshing = true;
    },
    query(query, queryOptions = {}) {
      const regions = query.regions.length > 0 ? query.regions : options.regions;
      return page({ ...query, regions: [...new Set(regions)] }, new Set(), queryOptions);
    },
  };
}
