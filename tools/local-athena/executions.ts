/**
 * Query executions with Athena's life cycle: QUEUED, then RUNNING, then SUCCEEDED, FAILED or
 * CANCELLED, with the statistics GetQueryExecution reports (bytes scanned, engine and queue time,
 * result reuse). The workgroup's per-query cutoff cancels a query that would scan more, as Athena
 * does; a result reused from an identical recent query scans nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DuckEngine, ResultColumn } from './engine';

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface WorkGroupConfig {
  readonly name: string;
  readonly outputLocation?: string;
  readonly enforce?: boolean;
  readonly bytesScannedCutoffPerQuery?: number;
  readonly description?: string;
}

export interface Execution {
  readonly id: string;
  readonly sql: string;
  readonly database: string;
  readonly catalog: string;
  readonly workGroup: WorkGroupConfig;
  readonly outputLocation: string;
  readonly submitted: number;
  readonly reuseKey: string;
  /** The request's ResultReuseByAgeConfiguration, as GetQueryExecution describes it. */
  readonly reuse?: { readonly enabled: boolean; readonly maxAgeInMinutes?: number };
  kind: 'DDL' | 'DML';
  state: QueryState;
  reason?: string;
  errorCategory?: number;
  started?: number;
  completed?: number;
  scannedBytes: number;
  reused: boolean;
  columns: ResultColumn[];
  rows: (string | null)[][];
}

export interface Timing {
  /** Time in QUEUED before running; default 20 ms. */
  readonly queuedMs: number;
  /** Shortest time in RUNNING (real engines take seconds); default 40 ms. */
  readonly runningMs: number;
  /** Fault: a query whose SQL contains this text FAILS the way Athena fails on an unreadable trail file. */
  readonly failQueriesContaining?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function isTerminal(state: QueryState): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}

export class Executions {
  private readonly all = new Map<string, Execution>();
  private readonly byToken = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly engine: DuckEngine,
    private readonly timing: () => Timing,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): Execution | undefined {
    return this.all.get(id);
  }

  active(): number {
    return [...this.all.values()].filter((e) => !isTerminal(e.state)).length;
  }

  /** The execution a client token already started (StartQueryExecution is idempotent on it). */
  forToken(token: string | undefined): Execution | undefined {
    const id = token !== undefined ? this.byToken.get(token) : undefined;
    return id !== undefined ? this.all.get(id) : undefined;
  }

  start(init: { sql: string; database: string; catalog: string; workGroup: WorkGroupConfig; outputLocation: string; token?: string; reuse?: { enabled: boolean; maxAgeInMinutes?: number } }): Execution {
    const id = randomUUID();
    const execution: Execution = {
      id,
      sql: init.sql,
      database: init.database,
      catalog: init.catalog,
      workGroup: init.workGroup,
      outputLocation: `${init.outputLocation.replace(/\/?$/, '/')}${id}.csv`,
      submitted: this.now(),
      // Athena reuses a result of the same workgroup, query string, catalog, database and result configuration.
      reuseKey: JSON.stringify([init.workGroup.name, init.catalog, init.database, init.sql, init.outputLocation]),
      ...(init.reuse ? { reuse: init.reuse } : {}),
      kind: 'DML',
      state: 'QUEUED',
      scannedBytes: 0,
      reused: false,
      columns: [],
      rows: [],
    };
    this.all.set(id, execution);
    if (init.token !== undefined) this.byToken.set(init.token, id);
    void this.run(execution, init.reuse?.enabled === true ? (init.reuse.maxAgeInMinutes ?? 60) : undefined);
    return execution;
  }

  stop(execution: Execution): void {
    if (isTerminal(execution.state)) return;
    // The engine's statement (if any) runs to its end; its result is dropped.
    this.finish(execution, 'CANCELLED', 'Query was cancelled by the user');
  }

  close(): void {
    this.closed = true;
  }

  private finish(execution: Execution, state: QueryState, reason?: string, errorCategory?: number): void {
    if (isTerminal(execution.state)) return;
    execution.state = state;
    execution.completed = this.now();
    if (reason !== undefined) execution.reason = reason;
    if (errorCategory !== undefined) execution.errorCategory = errorCategory;
  }

  /** The newest result this execution may reuse: SELECTs only, not older than the maximum age (0: none). */
  private reusable(execution: Execution, maxAgeMinutes: number | undefined): Execution | undefined {
    if (maxAgeMinutes === undefined || maxAgeMinutes <= 0 || execution.kind !== 'DML') return undefined;
    const since = this.now() - maxAgeMinutes * 60_000;
    return [...this.all.values()].reverse().find((e) => e !== execution && e.reuseKey === execution.reuseKey && e.state === 'SUCCEEDED' && !e.reused && (e.completed ?? 0) >= since);
  }

  private async run(execution: Execution, reuseMaxAgeMinutes: number | undefined): Promise<void> {
    const { queuedMs, runningMs, failQueriesContaining } = this.timing();
    await sleep(queuedMs);
    if (this.closed || isTerminal(execution.state)) return;
    execution.state = 'RUNNING';
    execution.started = this.now();
    const minimum = sleep(runningMs);
    try {
      if (failQueriesContaining !== undefined && failQueriesContaining !== '' && execution.sql.includes(failQueriesContaining)) {
        throw new Error('HIVE_BAD_DATA: Error parsing field value for field 0: the trail file is not valid JSON');
      }
      const prepared = await this.engine.prepare(execution.sql, execution.database);
      execution.kind = prepared.kind;
      const previous = this.reusable(execution, reuseMaxAgeMinutes);
      if (previous) {
        await minimum;
        execution.columns = previous.columns;
        execution.rows = previous.rows;
        execution.reused = true;
        this.finish(execution, 'SUCCEEDED');
        return;
      }
      const cutoff = execution.workGroup.bytesScannedCutoffPerQuery;
      if (cutoff !== undefined && prepared.scannedBytes > cutoff) {
        await minimum;
        execution.scannedBytes = cutoff;
        this.finish(execution, 'CANCELLED', 'Query cancelled: the bytes scanned limit of the workgroup was exceeded (BytesScannedCutoffPerQuery)', 2);
        return;
      }
      const result = await prepared.run();
      await minimum;
      if (isTerminal(execution.state)) return;
      execution.scannedBytes = prepared.scannedBytes;
      execution.columns = result.columns;
      execution.rows = result.rows;
      this.finish(execution, 'SUCCEEDED');
    } catch (err) {
      await minimum;
      this.finish(execution, 'FAILED', err instanceof Error ? err.message : String(err), 2);
    }
  }
}
