/**
 * The LookupEvents engine behind {@link TrailEventSource}: one query fanned out over several regions
 * in parallel (each with its own rate-limit bucket), filters split between the server (one exact
 * attribute) and local matching, results merged newest first and de-duplicated by event id, a bound
 * on events per call with "load more" continuing from the saved NextTokens, cancellation that keeps
 * what arrived, and per-region failures reported without stopping the other regions: a region that
 * fails keeps what it delivered, says why, and `retry` resumes it from its last NextToken. Calls are
 * bounded by timeouts and retried by the SDK; the limiter is keyed by account id, resolved once.
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { compareNewestFirst } from '../core/eventOrder';
import { matchesQueryLocally } from '../core/filters';
import { planLookup } from '../core/lookupPlan';
import type { NormalizeError, TrailEvent } from '../core/model';
import type { EventQuery, FilterPlan, LookupAttributeKey, LookupPageSeen, QueryOptions, QueryResult, QueryStats, RegionFailure, TrailEventSource } from '../core/query';
import { resolveAccountId } from './accountId';
import { classifyAwsError } from './awsErrors';
import { type CallLimits, resolveCallLimits } from './callLimits';
import { createCloudTrailClient } from './clientFactory';
import { clientCredentials, type MfaCodeProvider, type SharedCredentials } from './credentials';
import { isAbortError, lookupPages, PagingError } from './lookup';
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
  /**
   * The account part of the limiter key. Default: the credentials' account id, else STS
   * GetCallerIdentity (sent to `stsEndpoint`, else `endpoint`), else `profile:<name>`.
   */
  readonly accountKey?: string;
  /** Where GetCallerIdentity goes when the credentials do not carry an account id. */
  readonly stsEndpoint?: string;
  /** Timeouts and attempts of every call (default `DEFAULT_CALL_LIMITS`: 5 s connect, 10 s request, 3 attempts). */
  readonly limits?: Partial<CallLimits>;
  /** Empty pages in a row after which a region's scan stops (default 50). */
  readonly maxEmptyPages?: number;
  /** How long a profile's credential_process may run before it is killed (default 60 s). */
  readonly credentialProcessTimeoutMs?: number;
  /** Continue each named region's scan from this NextToken (a `resumeToken` of an earlier result). */
  readonly resumeTokens?: Readonly<Record<string, string>>;
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
  /** Chooses the plan instead of the default planner (a store that has seen counts per value). */
  readonly planner?: (query: EventQuery) => FilterPlan | undefined;
  /** Sees every page as the server sent it (before local filters): a cache keeps it. */
  readonly onPage?: (page: LookupPageSeen) => void;
}

/**
 * Chooses where each filter runs (the core's planner). When read-only events are excluded,
 * `ReadOnly=false` joins the filters, so it goes to the server if nothing else does; Insights
 * lookups do not support that attribute, so there the read-only switch stays local.
 */
export function planQuery(query: EventQuery, serverAttributeKey?: LookupAttributeKey): FilterPlan {
  return planLookup(query, serverAttributeKey);
}

/** Creates an API source; clients and credentials are created lazily and reused across queries. */
export function createApiEventSource(options: ApiEventSourceOptions): TrailEventSource {
  const credentials = clientCredentials(options);
  const limits = resolveCallLimits(options.limits);
  const clients = new Map<string, CloudTrailClient>();
  const clientFor = (region: string): CloudTrailClient => {
    let client = clients.get(region);
    if (!client) {
      const endpoint = endpointFor(options, region);
      client = createCloudTrailClient({ region, credentials, limits, ...(endpoint ? { endpoint } : {}) });
      clients.set(region, client);
    }
    return client;
  };
  // Resolved once per source (one source per profile); a failure is not kept, so the next query retries.
  let account: Promise<string> | undefined;
  const accountKey = (signal: AbortSignal | undefined): Promise<string> => {
    if (options.accountKey !== undefined) return Promise.resolve(options.accountKey);
    account ??= resolveLimiterAccount(credentials, options, limits, signal).catch((err: unknown) => {
      account = undefined;
      throw err;
    });
    return account;
  };
  const label = `${options.profile ?? 'default credentials'} @ ${options.regions.join(', ')}`;
  return {
    kind: 'api',
    label,
    query(query, queryOptions) {
      const regions = query.regions.length > 0 ? query.regions : options.regions;
      const run = new QueryRun({ ...query, regions }, { ...options, limits }, clientFor, accountKey);
      return run.next(queryOptions);
    },
  };
}

function endpointFor(options: ApiEventSourceOptions, region: string): string | undefined {
  return options.regionEndpoints?.[region] ?? options.endpoint;
}

/** Credentials now (cancellable: a credential_process is killed on cancel), then their account id. */
async function resolveLimiterAccount(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider, options: ApiEventSourceOptions, limits: CallLimits, signal: AbortSignal | undefined): Promise<string> {
  const shared = credentials as Partial<SharedCredentials>;
  const identity = typeof credentials !== 'function' ? credentials : typeof shared.resolve === 'function' ? await shared.resolve(signal) : await credentials();
  const region = options.regions[0] ?? 'us-east-1';
  const endpoint = options.stsEndpoint ?? options.endpoint;
  const id = await resolveAccountId(identity, { region, limits, ...(endpoint !== undefined ? { endpoint } : {}), ...(signal ? { signal } : {}) });
  return id ?? `profile:${options.profile ?? 'default'}`;
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
  /** The scan stopped on an error it can resume from (`nextToken` is where). */
  failed: boolean;
  /** Events this region delivered so far (for "stopped after N events"). */
  delivered: number;
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
    private readonly accountKey: (signal: AbortSignal | undefined) => Promise<string>,
  ) {
    this.plan = options.planner?.(query) ?? planQuery(query, options.serverAttributeKey);
    this.regions = [...new Set(query.regions)].map((region) => {
      const token = options.resumeTokens?.[region];
      return { region, started: false, done: false, buffer: [], frontier: Infinity, active: false, failed: false, delivered: 0, ...(token !== undefined ? { nextToken: token } : {}) };
    });
  }

  /** Runs one batch; concurrent "load more" calls wait for the batch in progress. `failedOnly` is a retry. */
  next(options: QueryOptions = {}, failedOnly = false): Promise<QueryResult> {
    const previous = this.busy ?? Promise.resolve(undefined);
    const run = previous.then(
      () => this.batch(options, failedOnly),
      () => this.batch(options, failedOnly),
    );
    this.busy = run;
    return run;
  }

  /** More events can come without a retry (failed regions are offered through `retry`). */
  private hasMore(): boolean {
    return this.regions.some((r) => r.buffer.length > 0 || (!r.done && !r.failed));
  }

  private async batch(options: QueryOptions, failedOnly: boolean): Promise<QueryResult> {
    const startedAt = Date.now();
    const limit = Math.max(1, this.query.maxEvents);
    const counters: Counters = { pages: 0, requests: 0, throttlesRetried: 0, badRecords: 0 };
    const errors: NormalizeError[] = [];
    const regionErrors: RegionFailure[] = [];
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

    const work = this.regions.filter((r) => !r.done && r.buffer.length < limit && (!failedOnly || r.failed));
    for (const r of work) {
      r.active = true;
      r.failed = false;
    }
    let account: string | undefined;
    try {
      account = await this.accountKey(signal);
    } catch (err) {
      // No credentials (or cancelled while getting them): every region says why; a retry tries again.
      if (!isAbortError(err) && signal?.aborted !== true) for (const r of work) regionErrors.push(this.failRegion(r, err));
    }
    if (account !== undefined) await Promise.all(work.map((r) => this.fetchRegion(r, account, limit, counters, errors, regionErrors, report, signal)));
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
      ...(this.regions.some((r) => r.failed) ? { retry: (next?: QueryOptions) => this.next(next, true) } : {}),
    };
  }

  /** Records why a region stopped; it keeps its events and its NextToken for a retry. */
  private failRegion(state: RegionState, err: unknown): RegionFailure {
    const { region } = state;
    if (err instanceof PagingError) {
      state.done = true;
      return { region, message: err.message, reason: err.reason, eventsBefore: state.delivered, resumable: false };
    }
    state.failed = true;
    const endpoint = endpointFor(this.options, region);
    const limits = resolveCallLimits(this.options.limits);
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const message = timedOut
      ? `CloudTrail${endpoint ? ` at ${endpoint}` : ''} did not answer in ${region} within ${limits.requestTimeoutMs / 1000} s, ${limits.maxAttempts} attempt${limits.maxAttempts === 1 ? '' : 's'}. Check the network or the endpoint, then retry.`
      : classifyAwsError(err, { region, ...(this.options.profile ? { profile: this.options.profile } : {}), ...(endpoint ? { endpoint } : {}) }).message;
    const kept = state.delivered > 0 ? ` Kept the ${state.delivered} event${state.delivered === 1 ? '' : 's'} received before.` : '';
    return { region, message: `${message}${kept}`, reason: timedOut ? 'timeout' : 'error', eventsBefore: state.delivered, resumable: true, ...(state.nextToken !== undefined ? { resumeToken: state.nextToken } : {}) };
  }

  private merged(): TrailEvent[] {
    return this.regions.flatMap((r) => r.buffer).sort(compareNewestFirst);
  }

  private async fetchRegion(
    state: RegionState,
    account: string,
    limit: number,
    counters: Counters,
    errors: NormalizeError[],
    regionErrors: RegionFailure[],
    report: (final: boolean) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { region } = state;
    const limiter = (this.options.limiter ?? sharedRateLimiters).get(account, region);
    // A resumed scan must send exactly the parameters of the first page: the same frozen query.
    const pages = lookupPages(
      this.clientFor(region),
      {
        region,
        start: this.query.start,
        end: this.query.end,
        limiter,
        maxResults: this.options.pageSize ?? 50,
        ...(this.options.maxEmptyPages !== undefined ? { maxEmptyPages: this.options.maxEmptyPages } : {}),
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
          state.delivered++;
        }
        state.buffer.sort(compareNewestFirst);
        if (page.nextToken) state.nextToken = page.nextToken;
        else {
          delete state.nextToken;
          state.done = true;
          state.active = false;
        }
        if (state.buffer.length >= limit) state.active = false;
        this.options.onPage?.({ region, query: this.query, ...(this.plan.server ? { server: this.plan.server } : {}), events: page.events, frontier: state.done ? this.query.start : state.frontier, done: state.done });
        report(false);
        if (!state.active) break;
      }
    } catch (err) {
      if (isAbortError(err) || signal?.aborted) return;
      regionErrors.push(this.failRegion(state, err));
    } finally {
      state.active = false;
    }
  }
}
