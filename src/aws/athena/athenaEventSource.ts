/**
 * Athena over the trail bucket as a {@link TrailEventSource}: the same queries as the API and trail
 * files (filters with wildcards, time range, regions, accounts, investigations), compiled to SQL
 * that names its partitions, run in the chosen workgroup within its limits, with progress from the
 * query states, cancel through StopQueryExecution, results paged through GetQueryResults ("load
 * more" costs nothing), the cost estimated before and reported after, and each event's whole record
 * fetched on demand for the event panel. Import this module lazily: it pulls in the Athena SDK.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AthenaCompileError, compileEventQuery, compileRawRecordQuery, type AthenaEventQuery, type CompiledQuery, type RecordLocation } from '../../core/athena/compileQuery';
import { actualCost, estimateCost, formatBytes, TYPICAL_BYTES_PER_PARTITION, type QueryCost } from '../../core/athena/cost';
import type { PartitionPlan } from '../../core/athena/partitionPlan';
import type { TrailTableShape } from '../../core/athena/trailTable';
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryOptions, QueryResult, TrailEventSource } from '../../core/query';
import type { MfaCodeProvider } from '../credentials';
import { getWorkGroupLimits, type WorkGroupLimits } from './athenaCatalog';
import { createAthenaClient } from './athenaClient';
import { AthenaQueryError, athenaCallError } from './athenaErrors';
import { executeStatement, type AthenaQueryState, type ExecutionStatus, type ExecutionTarget } from './athenaExecution';
import { ResultPager, type PagerCounters } from './athenaResultPager';
import { fetchFullEvent, runSqlStatement, type SqlOptions, type SqlResult } from './athenaSql';
import type { AthenaQueryOptions } from './athenaTypes';

export type { AthenaProgress, AthenaQueryOptions, StatementRunner } from './athenaTypes';

/** How to reach Athena and which table to query. */
export interface AthenaSourceOptions {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly mfaCodeProvider?: MfaCodeProvider;
  readonly workGroup: string;
  /** Result location for workgroups that do not enforce (or lack) one, e.g. `s3://bucket/athena/`. */
  readonly outputLocation?: string;
  readonly table: TrailTableShape;
  /** Accounts searched when a query names none (needed for tables that inject accounts). */
  readonly accounts?: readonly string[];
  /** Reuse identical results this recent (minutes); default 60, 0 never. */
  readonly reuseMaxAgeMinutes?: number;
  /** GetQueryResults page size, 1–1000; default 1000. */
  readonly pageSize?: number;
  /** Rows one query may produce (its SQL LIMIT); default 10,000. */
  readonly resultLimit?: number;
  readonly pollMs?: number;
  readonly maxPollMs?: number;
  readonly deliveryLagMs?: number;
  /** Clock for partition plans; default `Date.now`. */
  readonly now?: () => number;
}


/** What a query did on Athena: its SQL, partitions, the cost before and after. */
export interface AthenaRunInfo {
  readonly sql: string;
  readonly partitions: PartitionPlan;
  readonly estimate?: QueryCost;
  readonly queryExecutionId?: string;
  readonly state?: AthenaQueryState;
  readonly cost?: QueryCost;
  readonly reused: boolean;
  /** The estimate is above the workgroup's per-query cutoff (Athena would cancel the query). */
  readonly exceedsCutoff: boolean;
}

/** A query result with its Athena run information. */
export interface AthenaQueryResult extends QueryResult {
  readonly athena: AthenaRunInfo;
}

/** An event's whole record and what fetching it did. */
export interface FullRecordResult {
  readonly event: TrailEvent;
  /** The narrow query by event id and partition. */
  readonly sql: string;
  readonly queryExecutionId: string;
  readonly cost: QueryCost;
  /** Served from this source's memory: no query ran this time. */
  readonly cached: boolean;
}

/** The plan shown before a query runs. */
export interface AthenaQueryPlan {
  readonly sql: string;
  readonly partitions: PartitionPlan;
  readonly estimate?: QueryCost;
}

/** Athena as an event source; see the module comment. */
export interface AthenaEventSource extends TrailEventSource {
  readonly kind: 'athena';
  readonly table: TrailTableShape;
  readonly workGroup: string;
  /** The SQL, partitions and cost estimate of a query, without running it. Throws for a query the table cannot answer. */
  plan(query: AthenaEventQuery): AthenaQueryPlan;
  query(query: EventQuery | AthenaEventQuery, options?: AthenaQueryOptions): Promise<AthenaQueryResult>;
  /** The workgroup's limits (cached after the first call). */
  workGroupLimits(): Promise<WorkGroupLimits>;
  /** True when `event` is a summary row of this source's queries whose whole record it has not given yet. */
  isSummary(event: TrailEvent): boolean;
  /** The event with its whole record (a small query by event id in its partitions; cached). */
  loadFullRecord(event: TrailEvent, options?: AthenaQueryOptions): Promise<FullRecordResult>;
  /** Runs the user's own SQL (or reviewed DDL) in the same workgroup and database. */
  runSql(sql: string, options?: SqlOptions): Promise<SqlResult>;
  dispose(): void;
}

/** Creates the source; the client and the workgroup lookup are created on first use. */
export function createAthenaEventSource(options: AthenaSourceOptions): AthenaEventSource {
  return new AthenaSource(options);
}

class AthenaSource implements AthenaEventSource {
  readonly kind = 'athena';
  readonly label: string;
  readonly table: TrailTableShape;
  readonly workGroup: string;
  private clientValue: AthenaClient | undefined;
  private limits: Promise<WorkGroupLimits> | undefined;
  private readonly locations = new Map<string, RecordLocation>();
  private readonly fullEvents = new Map<string, FullRecordResult>();
  private bytesPerPartition = TYPICAL_BYTES_PER_PARTITION;

  constructor(readonly options: AthenaSourceOptions) {
    this.table = options.table;
    this.workGroup = options.workGroup;
    this.label = `Athena ${options.table.database}.${options.table.table} (${options.workGroup} @ ${options.region})`;
  }

  private get client(): AthenaClient {
    this.clientValue ??= createAthenaClient({
      region: this.options.region,
      ...(this.options.profile ? { profile: this.options.profile } : {}),
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
      ...(this.options.mfaCodeProvider ? { mfaCodeProvider: this.options.mfaCodeProvider } : {}),
    });
    return this.clientValue;
  }

  private context(): { region: string; profile?: string; endpoint?: string } {
    return { region: this.options.region, ...(this.options.profile ? { profile: this.options.profile } : {}), ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}) };
  }

  workGroupLimits(): Promise<WorkGroupLimits> {
    this.limits ??= getWorkGroupLimits(this.client, this.workGroup).catch((err: unknown) => {
      this.limits = undefined;
      throw athenaCallError(err, this.context());
    });
    return this.limits;
  }

  /** Where a statement runs, within the workgroup's limits. */
  async target(): Promise<ExecutionTarget> {
    const limits = await this.workGroupLimits();
    if (!limits.enabled) throw new AthenaQueryError('AthenaRequestRefused', `The Athena workgroup ${limits.name} is disabled.`);
    const own = limits.enforced ? undefined : this.options.outputLocation;
    if (own === undefined && limits.outputLocation === undefined) {
      throw new AthenaQueryError('AthenaRequestRefused', `The Athena workgroup ${limits.name} has no query result location: choose an S3 location for results.`);
    }
    // Athena reuses results up to 7 days old (MaxAgeInMinutes ≤ 10080).
    const reuse = Math.min(10_080, Math.max(0, Math.floor(this.options.reuseMaxAgeMinutes ?? 60)));
    return {
      workGroup: this.workGroup,
      database: this.table.database,
      ...(this.table.catalog ? { catalog: this.table.catalog } : {}),
      ...(own !== undefined ? { outputLocation: own } : {}),
      ...(reuse > 0 ? { reuseMaxAgeMinutes: reuse } : {}),
      ...(this.options.pollMs !== undefined ? { pollMs: this.options.pollMs } : {}),
      ...(this.options.maxPollMs !== undefined ? { maxPollMs: this.options.maxPollMs } : {}),
    };
  }

  private compile(query: AthenaEventQuery): CompiledQuery {
    const scoped: AthenaEventQuery = (query.accounts ?? []).length === 0 && this.options.accounts ? { ...query, accounts: this.options.accounts } : query;
    try {
      return compileEventQuery(scoped, this.table, {
        now: (this.options.now ?? Date.now)(),
        limit: this.options.resultLimit ?? 10_000,
        ...(this.options.deliveryLagMs !== undefined ? { deliveryLagMs: this.options.deliveryLagMs } : {}),
      });
    } catch (err) {
      if (err instanceof AthenaCompileError) throw new AthenaQueryError('AthenaCompile', err.message, undefined, err);
      throw err;
    }
  }

  plan(query: AthenaEventQuery): AthenaQueryPlan {
    const compiled = this.compile(query);
    const estimate = estimateCost(compiled.partitions, this.bytesPerPartition);
    return { sql: compiled.sql, partitions: compiled.partitions, ...(estimate ? { estimate } : {}) };
  }

  /** Runs a statement, reporting its states; throws for refusals, failures and the scan cutoff. */
  async execute(sql: string, options: AthenaQueryOptions, estimate?: QueryCost): Promise<ExecutionStatus> {
    const target = await this.target();
    const counters = { requests: 0 };
    let status: ExecutionStatus;
    try {
      status = await executeStatement(
        this.client,
        sql,
        target,
        (s) => {
          counters.requests = s.requests;
          const cost = s.scannedBytes > 0 || s.state === 'SUCCEEDED' ? actualCost(s.scannedBytes, s.reused) : estimate;
          options.onAthenaProgress?.({ state: s.state, queryExecutionId: s.queryExecutionId, elapsedMs: s.elapsedMs, scannedBytes: s.scannedBytes, ...(cost ? { cost } : {}) });
          options.onProgress?.([], { events: 0, pages: 0, requests: s.requests, throttlesRetried: s.retries, badRecords: 0, elapsedMs: s.elapsedMs });
        },
        options.signal,
      );
    } catch (err) {
      // Cancelled before Athena gave the query an id: nothing runs, nothing to stop.
      if (options.signal?.aborted === true) return { queryExecutionId: '', state: 'CANCELLED', scannedBytes: 0, reused: false, elapsedMs: 0, retries: 0, requests: counters.requests };
      throw athenaCallError(err, this.context());
    }
    if (status.state === 'FAILED') throw new AthenaQueryError('AthenaQueryFailed', `The Athena query failed: ${status.reason ?? 'no reason given'}`, status.queryExecutionId);
    if (status.state === 'CANCELLED' && options.signal?.aborted !== true) {
      const limits = await this.workGroupLimits();
      const cutoff = limits.bytesScannedCutoffPerQuery;
      const limit = cutoff !== undefined ? ` of ${formatBytes(cutoff)}` : '';
      throw new AthenaQueryError(
        'AthenaScanLimit',
        `Athena cancelled the query: it reached the workgroup ${limits.name}'s per-query scan limit${limit}. Narrow the time range, regions or accounts. (${status.reason ?? 'cancelled'})`,
        status.queryExecutionId,
      );
    }
    return status;
  }

  async query(query: EventQuery | AthenaEventQuery, options: AthenaQueryOptions = {}): Promise<AthenaQueryResult> {
    const compiled = this.compile(query);
    const estimate = estimateCost(compiled.partitions, this.bytesPerPartition);
    const limits = await this.workGroupLimits();
    const cutoff = limits.bytesScannedCutoffPerQuery;
    const base = { sql: compiled.sql, partitions: compiled.partitions, ...(estimate ? { estimate } : {}), exceedsCutoff: cutoff !== undefined && estimate !== undefined && estimate.scannedBytes > cutoff };
    const status = await this.execute(compiled.sql, options, estimate);
    const info: AthenaRunInfo = { ...base, queryExecutionId: status.queryExecutionId, state: status.state, cost: actualCost(status.scannedBytes, status.reused), reused: status.reused };
    if (status.state === 'CANCELLED') {
      return { query, events: [], errors: [], plan: { local: compiled.localFilters }, stats: { events: 0, pages: 0, requests: status.requests, throttlesRetried: status.retries, badRecords: 0, elapsedMs: status.elapsedMs }, cancelled: true, regionErrors: [], athena: { ...info, cost: actualCost(status.scannedBytes) } };
    }
    const selected = compiled.partitions.selected;
    if (!status.reused && selected !== undefined && selected > 0 && status.scannedBytes > 0) this.bytesPerPartition = status.scannedBytes / selected;
    const counters: PagerCounters = { requests: status.requests, retries: status.retries, pages: 0, rows: 0 };
    const pager = new ResultPager({
      client: this.client,
      queryExecutionId: status.queryExecutionId,
      query,
      compiled,
      pageSize: this.options.pageSize ?? 1000,
      region: this.options.region,
      counters,
      remember: (location) => this.locations.set(location.eventId, location),
      finish: (result) => withInfo(result, info),
      progress: { state: status.state, queryExecutionId: status.queryExecutionId, elapsedMs: status.elapsedMs, scannedBytes: status.scannedBytes, cost: info.cost },
    });
    return (await pager.next(options)) as AthenaQueryResult;
  }

  isSummary(event: TrailEvent): boolean {
    return this.locations.has(event.id) && this.fullEvents.get(event.id)?.event !== event;
  }

  async loadFullRecord(event: TrailEvent, options: AthenaQueryOptions = {}): Promise<FullRecordResult> {
    const cached = this.fullEvents.get(event.id);
    if (cached) return { ...cached, cached: true };
    const location = this.locations.get(event.id) ?? { eventId: event.id, time: event.time, ...(event.account ? { account: event.account } : {}), ...(event.region ? { region: event.region } : {}) };
    const sql = compileRawRecordQuery(location, this.table, this.options.deliveryLagMs);
    const fetched = await fetchFullEvent(this, this.client, sql, event.id, options);
    const full: FullRecordResult = { ...fetched, sql, cached: false };
    if (this.fullEvents.size >= 100) this.fullEvents.delete(this.fullEvents.keys().next().value ?? '');
    this.fullEvents.set(event.id, full);
    return full;
  }

  runSql(sql: string, options: SqlOptions = {}): Promise<SqlResult> {
    return runSqlStatement(this, this.client, sql, options);
  }

  dispose(): void {
    this.clientValue?.destroy();
    this.clientValue = undefined;
  }
}

/** Adds the run information to a batch result, and to every "load more" after it. */
function withInfo(result: QueryResult, info: AthenaRunInfo): AthenaQueryResult {
  const { loadMore } = result;
  return { ...result, athena: info, ...(loadMore ? { loadMore: async (o?: QueryOptions) => withInfo(await loadMore(o), info) } : {}) };
}
