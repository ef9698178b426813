/**
 * The seam between event sources (the LookupEvents API in `src/aws`, trail files in `src/archive`)
 * and the VS Code layers. Types only: both sources implement {@link TrailEventSource}; views and
 * commands depend on nothing else.
 */
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
  /** Keep only failed calls (`errorCode` present). */
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
  readonly regionErrors: readonly { readonly region: string; readonly message: string }[];
}

/** Anything that answers event queries: the LookupEvents API for a profile, or trail files on disk. */
export interface TrailEventSource {
  readonly kind: 'api' | 'archive';
  /** Human label, e.g. `prod-admin @ us-east-1, eu-west-1` or `logs/ (1,204 files)`. */
  readonly label: string;
  query(query: EventQuery, options?: QueryOptions): Promise<QueryResult>;
  /**
   * The time window views search by default, for sources whose events are not "the last hours"
   * (trail files on disk may be years old). Absent or undefined: the views use their lookback setting.
   */
  defaultWindow?(): { readonly start: number; readonly end: number; readonly label: string } | undefined;
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
