/**
 * "What happened to this resource?": LookupEvents' `ResourceName` is an exact match on whatever
 * CloudTrail indexed (a bare id, a name or the ARN, depending on service and event), so one ARN
 * becomes several lookups — one per candidate from the core, in the region its events are recorded
 * in — merged newest first and de-duplicated by event id. All lookups share the rate limiter.
 */
import { lookupRegionFor, parseArn, resourceNameCandidates, type Arn } from './arn';
import type { AttributeFilter, EventQuery, QueryOptions, QueryResult, TrailEventSource } from './query';
import { runQueryUnion } from './queryUnion';

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

/** A lookup by `ResourceName` values: a {@link QueryResult} plus the values looked up. */
export interface ResourceNamesResult extends QueryResult {
  /** The `ResourceName` values looked up, most likely first. */
  readonly candidates: readonly string[];
  /** Runs the same lookups further (buffered events first); present while any has more. */
  readonly loadMore?: (options?: QueryOptions) => Promise<ResourceNamesResult>;
}

/**
 * Looks up every `ResourceName` in `candidates` through `source` in `query.regions`, merged newest
 * first and de-duplicated by event id, at most `maxEvents` at a time; `loadMore` continues every
 * candidate that has more (buffered events are served first). Used for an ARN's candidates and for
 * the identifiers of a Terraform resource that has no ARN.
 */
export async function lookupResourceNames(
  source: TrailEventSource,
  candidates: readonly string[],
  query: Omit<EventQuery, 'filters'> & { readonly filters?: readonly AttributeFilter[] },
  options: QueryOptions = {},
): Promise<ResourceNamesResult> {
  const { filters = [], ...rest } = query;
  const regions = [...query.regions];
  const queries = candidates.map((value) => ({ ...rest, regions, filters: [{ key: 'ResourceName' as const, value }, ...filters] }));
  const decorate = (result: QueryResult): ResourceNamesResult => {
    const { loadMore, ...found } = result;
    return { ...found, candidates, ...(loadMore ? { loadMore: async (next?: QueryOptions) => decorate(await loadMore(next)) } : {}) };
  };
  // Candidates run together and merge by event id; buffered events are served before the lookups continue.
  return decorate(await runQueryUnion(source, queries, options, { query: { ...rest, regions, filters: [...filters] }, maxEvents: query.maxEvents }));
}

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
  const { fallbackRegion: _fallback, regions: given, ...rest } = query;
  const withArn = (result: ResourceNamesResult): ResourceLookupResult => {
    const more = result.loadMore;
    return { ...result, arn, region, ...(more ? { loadMore: async (next?: QueryOptions) => withArn(await more(next)) } : {}) };
  };
  return withArn(await lookupResourceNames(source, candidates, { ...rest, regions: given ? [...given] : [region] }, options));
}
