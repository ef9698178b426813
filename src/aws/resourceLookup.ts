/**
 * "What happened to this resource?": LookupEvents' `ResourceName` is an exact match on whatever
 * CloudTrail indexed (a bare id, a name or the ARN, depending on service and event), so one ARN
 * becomes several lookups — one per candidate from the core, in the region its events are recorded
 * in — merged newest first and de-duplicated by event id. All lookups share the rate limiter.
 */
import { lookupRegionFor, parseArn, resourceNameCandidates, type Arn } from '../core/arn';
import type { NormalizeError, TrailEvent } from '../core/model';
import type { AttributeFilter, EventQuery, QueryOptions, QueryResult, QueryStats, TrailEventSource } from '../core/query';
import { compareNewestFirst } from './apiEventSource';

/** The query for a resource lookup: like {@link EventQuery} without the resource filter and regions. */
export interface ResourceQuery extends Omit<EventQuery, 'regions' | 'filters'> {
  /** Extra filters ANDed with the resource (e.g. `EventName=Delete*`). */
  readonly filters?: readonly AttributeFilter[];
  /** Region for ARNs without one (S3 buckets); default `us-east-1`. */
  readonly fallbackRegion?: string;
  /**
   * Regions to search instead of the one the ARN's events are recorded in; `[]` leaves the choice
   * to the source (trail files on disk: every region they hold, since a resource's events may be
   * recorded outside its own region, e.g. KMS or EBS direct calls made through us-east-1).
   */
  readonly regions?: readonly string[];
}

/** A resource lookup's result: a {@link QueryResult} plus what was searched. */
export interface ResourceLookupResult extends QueryResult {
  readonly arn: Arn;
  /** The region the ARN's events are recorded in (the lookups ran in `query.regions`). */
  readonly region: string;
  /** The `ResourceName` values looked up, most likely first. */
  readonly candidates: readonly string[];
}

const sumStats = (all: readonly QueryStats[], events: number, elapsedMs: number): QueryStats => ({
  events,
  pages: all.reduce((n, s) => n + s.pages, 0),
  requests: all.reduce((n, s) => n + s.requests, 0),
  throttlesRetried: all.reduce((n, s) => n + s.throttlesRetried, 0),
  badRecords: all.reduce((n, s) => n + s.badRecords, 0),
  elapsedMs,
});

/**
 * Looks up the events of the resource `arnText` through `source`. Throws an `Error` with a clear
 * message when the text is not an ARN. Candidates containing `*` are skipped (a `*` would make the
 * planner treat them as wildcards); the core always offers a form without it.
 */
export async function lookupResource(source: TrailEventSource, arnText: string, query: ResourceQuery, options: QueryOptions = {}): Promise<ResourceLookupResult> {
  const parsed = parseArn(arnText.trim());
  if (!parsed.ok) throw new Error(`Not an ARN: ${parsed.reason}`);
  const arn = parsed.arn;
  const region = lookupRegionFor(arn, query.fallbackRegion ?? 'us-east-1');
  const candidates = resourceNameCandidates(arn).filter((c) => !c.includes('*'));
  const { fallbackRegion: _fallback, regions: given, filters = [], ...rest } = query;
  const regions = given ? [...given] : [region];
  const limit = Math.max(1, query.maxEvents);
  const seen = new Set<string>();
  let pending: TrailEvent[] = [];
  let plan: QueryResult['plan'] = { local: [] };
  // The candidate lookups that can still load more.
  let live: QueryResult[] = [];

  const batch = async (mode: 'first' | 'fetch' | 'buffered', batchOptions: QueryOptions): Promise<ResourceLookupResult> => {
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
        ? await Promise.all(candidates.map((value) => source.query({ ...rest, regions, filters: [{ key: 'ResourceName', value }, ...filters] }, forward)))
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
      query: { ...rest, regions, filters: [...filters] },
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
      arn,
      region,
      candidates,
      // Buffered events are served first; the candidate lookups continue only when they run out.
      ...(more ? { loadMore: (next?: QueryOptions) => batch(pending.length >= limit ? 'buffered' : 'fetch', next ?? {}) } : {}),
    };
  };
  return batch('first', options);
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
