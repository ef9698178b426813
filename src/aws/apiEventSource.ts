/**
 * The LookupEvents engine behind {@link TrailEventSource}: one query fanned out over several regions
 * in parallel (each with its own rate-limit bucket), filters split between the server (one exact
 * attribute) and local matching, results merged newest first and de-duplicated by event id, a bound
 * on events per call with "load more" continuing from the saved NextTokens, cancellation that keeps
 * what arrived, and per-region failures reported without stopping the other regions.
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { isWildcard, matchesQueryLocally, planFilters, planQueryFilters } from '../core/filters';
import type { NormalizeError, TrailEvent } from '../core/model';
import type { EventQuery, FilterPlan, LookupAttributeKey, QueryOptions, QueryResult, QueryStats, TrailEventSource } from '../core/query';
import { classifyAwsError } from './awsErrors';
import { createCloudTrailClient } from './clientFactory';
import { createCredentialsProvider, type MfaCodeProvider } from './credentials';
import { isAbortError, lookupPages } from './lookup';
import { sharedRateLimiters, type RateLimiterRegistry } from './rateLimiter';

/** Options for {@link createApiEventSource}. */
export interface ApiEventSourceOptions {
  /** Named profile; the default credential chain when absent. */
  readonly profile?: string;
  /** Regions used when a query names none, and for the label. */
  readonly regions: readonly string[];
  /** Endpoint override (the local CloudTrail-compatible endpoint in tests and benchmarks). */
  readonly endpoint?: string;
  /** Explicit credentials; otherwise from the profile or the default chain. */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Rate-limit buckets; default the process-wide registry. */
  readonly limiter?: RateLimiterRegistry;
  /** The account part of the limiter key; default the profile name (or `default`). */
  readonly accountKey?: string;
  /** Per-region endpoint overrides (win over `endpoint`), e.g. one local endpoint per region. */
  readonly regionEndpoints?: Readonly<Record<string, string>>;
  /** LookupEvents MaxResults per request (1–50); default 50. */
  readonly pageSize?: number;
  /** Backoff after repeated throttling responses, doubled on each retry; default 250 ms. */
  readonly backoffBaseMs?: number;
  /**
   * When a query has an exact filter on this key, that filter is the one sent to the server even if
   * another is more selective (e.g. the CLI's `--attribute`). The others still run locally.
   */
  readonly serverAttributeKey?: LookupAttributeKey;
}

/**
 * Chooses where each filter runs (the core's planner). When read-only events are excluded,
 * `ReadOnly=false` joins the filters, so it goes to the server if nothing else does; Insights
 * lookups do not support that attribute, so there the read-only switch stays local.
 */
export function planQuery(query: EventQuery, serverAttributeKey?: LookupAttributeKey): FilterPlan {
  const preferred = serverAttributeKey ? query.filters.find((f) => f.key === serverAttributeKey && f.value !== '' && !isWildcard(f.value)) : undefined;
  if (preferred) {
    const local = query.filters.filter((f) => f !== preferred);
    const readOnly = !query.includeReadOnly && !local.some((f) => f.key === 'ReadOnly') && preferred.key !== 'ReadOnly';
    return { server: preferred, local: readOnly ? [...local, { key: 'ReadOnly', value: 'false' }] : local };
  }
  return query.category === 'insight' ? planFilters(query.filters) : planQueryFilters(query);
}

/** Newest first; ties broken by region and id so merged output is deterministic. */
export function compareNewestFirst(a: TrailEvent, b: TrailEvent): number {
  return b.time - a.time || a.region.localeCompare(b.region) || a.id.localeCompare(b.id);
}

/** Creates an API source; clients and credentials are created lazily and reused across queries. */
export function createApiEventSource(options: ApiEventSourceOptions): TrailEventSource {
  const credentials =
    options.credentials ??
    createCredentialsProvider({
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
    });
  const clients = new Map<string, CloudTrailClient>();
  const clientFor = (region: string): CloudTrailClient => {
    let client = clients.get(region);
    if (!client) {
      const endpoint = endpointFor(options, region);
      client = createCloudTrailClient({ region, credentials, ...(endpoint ? { endpoint } : {}) });
      clients.set(region, client);
    }
    return client;
  };
  const label = `${options.profile ?? 'default credentials'} @ ${options.regions.join(', ')}`;
  return {
    kind: 'api',
    label,
    query(query, queryOptions) {
      const regions = query.regions.length > 0 ? query.regions : options.regions;
      const run = new QueryRun({ ...query, regions }, options, clientFor);
      return run.next(queryOptions);
    },
  };
}

function endpointFor(options: ApiEventSourceOptions, region: string): string | undefined {
  return options.regionEndpoints?.[region] ?? options.endpoint;
}

interface RegionState {
  readonly region: string;
  nextToken?: string;
  started: boolean;
  /** No more pages (or failed): never fetched again. */
  done: boolean;
  /** Accepted events not yet returned, newest first. */
  buffer: TrailEvent[];
  /** Time of the oldest event fetched so far; nothing newer can still arrive from this region. */
  frontier: number;
  /** Fetching in the current batch. */
  active: boolean;
}

interface Counters {
  pages: number;
  requests: number;
  throttlesRetried: number;
  badRecords: number;
}

/** The state of one query across its first call and every "load more". */
class QueryRun {
  private readonly plan: FilterPlan;
  private readonly regions: RegionState[];
  private readonly seen = new Set<string>();
  private busy: Promise<QueryResult> | undefined;

  constructor(
    private readonly query: EventQuery,
    private readonly options: ApiEventSourceOptions,
    private readonly clientFor: (region: string) => CloudTrailClient,
  ) {
    this.plan = planQuery(query, options.serverAttributeKey);
    this.regions = [...new Set(query.regions)].map((region) => ({ region, started: false, done: false, buffer: [], frontier: Infinity, active: false }));
  }

  /** Runs one batch; concurrent "load more" calls wait for the batch in progress. */
  next(options: QueryOptions = {}): Promise<QueryResult> {
    const previous = this.busy ?? Promise.resolve(undefined);
    const run = previous.then(() => this.batch(options), () => this.batch(options));
    this.busy = run;
    return run;
  }

  private hasMore(): boolean {
    return this.regions.some((r) => r.buffer.length > 0 || !r.done);
  }

  private async batch(options: QueryOptions): Promise<QueryResult> {
    const startedAt = Date.now();
    const limit = Math.max(1, this.query.maxEvents);
    const counters: Counters = { pages: 0, requests: 0, throttlesRetried: 0, badRecords: 0 };
    const errors: NormalizeError[] = [];
    const regionErrors: { region: string; message: string }[] = [];
    const reported = new Set<string>();
    const signal = options.signal;
    const stats = (events: number): QueryStats => ({ events, ...counters, elapsedMs: Date.now() - startedAt });

    // Events strictly newer than every active region's frontier can no longer be displaced.
    const report = (final: boolean): void => {
      const merged = this.merged().slice(0, limit);
      const watermark = final ? -Infinity : Math.max(-Infinity, ...this.regions.filter((r) => r.active).map((r) => r.frontier));
      const fresh = merged.filter((e) => e.time > watermark && !reported.has(e.id));
      for (const e of fresh) reported.add(e.id);
      if (options.onProgress && (fresh.length > 0 || !final)) options.onProgress(fresh, stats(reported.size));
    };

    const work = this.regions.filter((r) => !r.done && r.buffer.length < limit);
    for (const r of work) r.active = true;
    await Promise.all(work.map((r) => this.fetchRegion(r, limit, counters, errors, regionErrors, report, signal)));
    for (const r of this.regions) r.active = false;

    const cancelled = signal?.aborted === true;
    report(true);
    const events = this.merged().slice(0, limit);
    const taken = new Set(events.map((e) => e.id));
    for (const r of this.regions) r.buffer = r.buffer.filter((e) => !taken.has(e.id));
    const more = this.hasMore();
    return {
      query: this.query,
      events,
      errors,
      plan: this.plan,
      stats: stats(events.length),
      cancelled,
      regionErrors,
      ...(more ? { loadMore: (next?: QueryOptions) => this.next(next) } : {}),
    };
  }

  private merged(): TrailEvent[] {
    return this.regions.flatMap((r) => r.buffer).sort(compareNewestFirst);
  }

  private async fetchRegion(
    state: RegionState,
    limit: number,
    counters: Counters,
    errors: NormalizeError[],
    regionErrors: { region: string; message: string }[],
    report: (final: boolean) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { region } = state;
    const limiter = (this.options.limiter ?? sharedRateLimiters).get(this.options.accountKey ?? this.options.profile ?? 'default', region);
    // A resumed scan must send exactly the parameters of the first page: the same frozen query.
    const pages = lookupPages(
      this.clientFor(region),
      {
        region,
        start: this.query.start,
        end: this.query.end,
        limiter,
        maxResults: this.options.pageSize ?? 50,
        ...(this.options.backoffBaseMs !== undefined ? { backoffBaseMs: this.options.backoffBaseMs } : {}),
        ...(this.plan.server ? { attribute: this.plan.server } : {}),
        ...(this.query.category ? { category: this.query.category } : {}),
        ...(state.nextToken ? { nextToken: state.nextToken } : {}),
      },
      signal,
    );
    try {
      for await (const page of pages) {
        state.started = true;
        counters.pages++;
        counters.requests += page.requests;
        counters.throttlesRetried += page.throttlesRetried;
        counters.badRecords += page.errors.length;
        errors.push(...page.errors.map((e) => ({ ...e, error: `${region}: ${e.error}` })));
        for (const event of page.events) {
          state.frontier = Math.min(state.frontier, event.time);
          if (this.seen.has(event.id) || !matchesQueryLocally(event, this.plan, this.query)) continue;
          this.seen.add(event.id);
          state.buffer.push(event);
        }
        state.buffer.sort(compareNewestFirst);
        if (page.nextToken) state.nextToken = page.nextToken;
        else {
          delete state.nextToken;
          state.done = true;
          state.active = false;
        }
        if (state.buffer.length >= limit) state.active = false;
        report(false);
        if (!state.active) break;
      }
    } catch (err) {
      if (isAbortError(err) || signal?.aborted) return;
      state.done = true;
      const endpoint = endpointFor(this.options, region);
      regionErrors.push({
        region,
        message: classifyAwsError(err, { region, ...(this.options.profile ? { profile: this.options.profile } : {}), ...(endpoint ? { endpoint } : {}) }).message,
      });
    } finally {
      state.active = false;
    }
  }
}
