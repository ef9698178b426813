/**
 * The seam between event sources (the LookupEvents API in `src/aws`, trail files in `src/archive`)
 * and the VS Code layers. Types only: both sources implement {@link TrailEventSource}; views and
 * commands depend on nothing else.
 */
import type { IntegrityIndex } from './provenance';
import type { NormalizeError, TrailEvent } from './model';

/** CloudTrail's eight lookup attributes, in the order of selectivity used to pick the server filter. */
export type LookupAttributeKey =
  | 'EventId'
  | 'AccessKeyId'
  | 'ResourceName'
  | 'Username'
  | 'EventName'
  | 'EventSource'
  | 'ResourceType'
  | 'ReadOnly';

/** One filter on a lookup attribute. `value` may contain `*` wildcards (then it always runs locally). */
export interface AttributeFilter {
  readonly key: LookupAttributeKey;
  readonly value: string;
}

/** Where each filter ran: at most one exact filter goes to the server, the rest run locally. */
export interface FilterPlan {
  readonly server?: AttributeFilter;
  readonly local: readonly AttributeFilter[];
}

/** A query over any event source. Times are epoch milliseconds, inclusive. */
export interface EventQuery {
  /** Regions to search; an API source fans out over them in parallel. */
  readonly regions: readonly string[];
  /** ANDed filters (any number). */
  readonly filters: readonly AttributeFilter[];
  readonly start: number;
  readonly end: number;
  /** When false, read-only events are dropped (locally, or on the server when no other filter needs it). */
  readonly includeReadOnly: boolean;
  /** Keep only failed calls (`isFailed` in core/outcome: errorCode, sign-in `Failure`, …). */
  readonly errorsOnly?: boolean;
  /** Upper bound on events returned by one call; the result keeps a continuation to load more. */
  readonly maxEvents: number;
  /** `insight` to look up Insights events instead of management events. */
  readonly category?: 'insight';
}

/** Counters reported while a query runs and when it ends. */
export interface QueryStats {
  readonly events: number;
  readonly pages: number;
  readonly requests: number;
  /** Throttling responses that were retried (never shown to the user as errors). */
  readonly throttlesRetried: number;
  /** Records that could not be normalized (listed in {@link QueryResult.errors}). */
  readonly badRecords: number;
  readonly elapsedMs: number;
}

/** Options for one run of a query. */
export interface QueryOptions {
  /** Stops the query at once; events received so far are kept in the result. */
  readonly signal?: AbortSignal;
  /** Called after every page with the new events (already filtered) and the running totals. */
  readonly onProgress?: (newEvents: readonly TrailEvent[], stats: QueryStats) => void;
}

/** Why a region's scan stopped before its end. */
export type RegionFailureReason = 'error' | 'timeout' | 'repeatedToken' | 'emptyPages';

/**
 * A region that stopped early: what the result is missing and why. The events it delivered before
 * stopping stay in the result. The views show one entry per failure (region, message, "Retry").
 */
export interface RegionFailure {
  readonly region: string;
  /** Actionable, secret-free text (already says which region and why). */
  readonly message: string;
  /** Absent for sources that only report a message. */
  readonly reason?: RegionFailureReason;
  /** Events this region had delivered (this batch and earlier ones) when it stopped. */
  readonly eventsBefore?: number;
  /** True when {@link QueryResult.retry} (and `loadMore`) resume this region from where it stopped. */
  readonly resumable?: boolean;
  /** The NextToken the resume starts from; absent when the region stopped before its first page. */
  readonly resumeToken?: string;
}

/** The outcome of a query: newest first, de-duplicated by event id. */
export interface QueryResult {
  readonly query: EventQuery;
  readonly events: readonly TrailEvent[];
  /** Records the source could not understand; never fatal. */
  readonly errors: readonly NormalizeError[];
  /** Which filter ran on the server and which ran locally. */
  readonly plan: FilterPlan;
  readonly stats: QueryStats;
  /** True when the query was cancelled; `events` holds what arrived before. */
  readonly cancelled: boolean;
  /** Present when more events exist beyond `maxEvents`: runs the same query further. */
  readonly loadMore?: (options?: QueryOptions) => Promise<QueryResult>;
  /** Per-region failures that did not stop the other regions (message already actionable). */
  readonly regionErrors: readonly RegionFailure[];
  /**
   * Present when a region failed resumably: fetches the failed regions again from where they stopped
   * (their saved NextToken), keeping what every region already returned.
   */
  readonly retry?: (options?: QueryOptions) => Promise<QueryResult>;
}

/**
 * One LookupEvents page as the API engine received it, before local filters: what a cache of
 * pages keeps (`aws/apiEventSource.ts` hands it out; `archive/store` stores it).
 */
export interface LookupPageSeen {
  readonly region: string;
  readonly query: EventQuery;
  readonly server?: AttributeFilter;
  readonly events: readonly TrailEvent[];
  /** Every event of `[frontier, query.end]` has been received (newest first); `query.start` when done. */
  readonly frontier: number;
  readonly done: boolean;
}

/** Anything that answers event queries: the LookupEvents API for a profile, trail files on disk, or Athena over the trail bucket. */
export interface TrailEventSource {
  readonly kind: 'api' | 'archive' | 'athena';
  /** Human label, e.g. `prod-admin @ us-east-1, eu-west-1` or `logs/ (1,204 files)`. */
  readonly label: string;
  query(query: EventQuery, options?: QueryOptions): Promise<QueryResult>;
  /**
   * The time window views search by default, for sources whose events are not "the last hours"
   * (trail files on disk may be years old). Absent or undefined: the views use their lookback setting.
   */
  defaultWindow?(): { readonly start: number; readonly end: number; readonly label: string } | undefined;
  /**
   * For trail files: the last integrity validation's results by file (undefined before one ran).
   * Views mark events with `integrityMark(event, source.integrity?.())` and filter with `isVerifiedEvent`.
   */
  integrity?(): IntegrityIndex | undefined;
  /**
   * For sources whose events are summaries (Athena selects only the columns the views need): the
   * event's whole record, for the event panel. Returns undefined at once, sending nothing, when
   * `event` is not one of this source's summaries; else the pending fetch (it rejects with a message
   * for the user). The panel calls it once per panel and keeps the summary when it fails.
   */
  loadFullEvent?(event: TrailEvent, options?: { readonly signal?: AbortSignal }): Promise<FullEventLoad> | undefined;
}

/** An event's whole record, fetched because the source had given only its summary. */
export interface FullEventLoad {
  readonly event: TrailEvent;
  /** Where it came from and what fetching it cost, e.g. `Athena · 1.2 KB scanned · $0.00000001`. */
  readonly detail: string;
}

/**
 * The argument of the internal command `_cloudtrailInvestigator.runLookup`: how the tree's item menus
 * and the event panel's related-lookup buttons ask the palette layer to run a query and show its results.
 */
export interface RunLookupArgs {
  readonly title: string;
  readonly filters: AttributeFilter[];
  readonly start?: number;
  readonly end?: number;
  readonly regions?: string[];
  readonly includeReadOnly?: boolean;
  /**
   * LookupEvents has no request-id attribute: the query runs on `filters` and the runner keeps only
   * events with this `requestID`.
   */
  readonly requestId?: string;
}
