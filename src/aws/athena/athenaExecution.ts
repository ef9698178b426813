/**
 * One Athena statement from start to its last result page: StartQueryExecution (with the workgroup,
 * output location and result reuse), GetQueryExecution polled with a growing interval while it is
 * QUEUED or RUNNING (each poll reported as progress), StopQueryExecution when the caller aborts,
 * then GetQueryResults pages as rows keyed by column name.
 */
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
  type Row,
} from '@aws-sdk/client-athena';

/** The states of an Athena query execution. */
export type AthenaQueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** Where and how a statement runs. */
export interface ExecutionTarget {
  readonly workGroup: string;
  /** Used when the workgroup does not enforce its own. */
  readonly outputLocation?: string;
  readonly database: string;
  readonly catalog?: string;
  /** Reuse the result of an identical query this recent (minutes); absent or 0: never. */
  readonly reuseMaxAgeMinutes?: number;
  /** First poll interval, default 500 ms, growing ×1.5 up to `maxPollMs` (default 3 s). */
  readonly pollMs?: number;
  readonly maxPollMs?: number;
}

/** What GetQueryExecution last said. */
export interface ExecutionStatus {
  readonly queryExecutionId: string;
  readonly state: AthenaQueryState;
  readonly reason?: string;
  readonly scannedBytes: number;
  readonly reused: boolean;
  readonly elapsedMs: number;
  /** SDK retries of throttled or failed calls so far. */
  readonly retries: number;
  /** API calls so far. */
  readonly requests: number;
}

function status(id: string, q: QueryExecution | undefined, startedAt: number, counters: { requests: number; retries: number }): ExecutionStatus {
  const state = (q?.Status?.State ?? 'QUEUED');
  const reason = q?.Status?.StateChangeReason ?? q?.Status?.AthenaError?.ErrorMessage;
  return {
    queryExecutionId: id,
    state,
    ...(reason !== undefined ? { reason } : {}),
    scannedBytes: q?.Statistics?.DataScannedInBytes ?? 0,
    reused: q?.Statistics?.ResultReuseInformation?.ReusedPreviousResult === true,
    elapsedMs: Date.now() - startedAt,
    retries: counters.retries,
    requests: counters.requests,
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) { resolve(); return; }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

function isTerminal(state: AthenaQueryState): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}

/**
 * Starts `sql` and waits for a terminal state. When `signal` aborts, the query is stopped
 * (StopQueryExecution, sent without the aborted signal) and the returned state is CANCELLED.
 * Throws what Start/Get throw (the caller classifies it).
 */
export async function executeStatement(
  client: AthenaClient,
  sql: string,
  target: ExecutionTarget,
  onStatus?: (s: ExecutionStatus) => void,
  signal?: AbortSignal,
): Promise<ExecutionStatus> {
  const startedAt = Date.now();
  const counters = { requests: 0, retries: 0 };
  const count = (meta: { attempts?: number }): void => {
    counters.requests++;
    counters.retries += Math.max(0, (meta.attempts ?? 1) - 1);
  };
  const reuse = target.reuseMaxAgeMinutes !== undefined && target.reuseMaxAgeMinutes > 0;
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: target.workGroup,
      QueryExecutionContext: { Database: target.database, ...(target.catalog ? { Catalog: target.catalog } : {}) },
      ...(target.outputLocation ? { ResultConfiguration: { OutputLocation: target.outputLocation } } : {}),
      ...(reuse ? { ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: target.reuseMaxAgeMinutes } } } : {}),
    }),
    signal ? { abortSignal: signal } : {},
  );
  count(started.$metadata);
  const id = started.QueryExecutionId ?? '';
  let last = status(id, undefined, startedAt, counters);
  onStatus?.(last);
  let wait = target.pollMs ?? 500;
  for (;;) {
    if (signal?.aborted) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      counters.requests++;
      last = { ...last, state: 'CANCELLED', reason: 'Cancelled', elapsedMs: Date.now() - startedAt, requests: counters.requests };
      onStatus?.(last);
      return last;
    }
    const got = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    count(got.$metadata);
    last = status(id, got.QueryExecution, startedAt, counters);
    onStatus?.(last);
    if (isTerminal(last.state)) return last;
    await sleep(wait, signal);
    wait = Math.min(target.maxPollMs ?? 3000, Math.round(wait * 1.5));
  }
}

/** One page of results. */
export interface ResultPage {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string | null>>[];
  readonly nextToken?: string;
}

function rowValues(row: Row): (string | null)[] {
  return (row.Data ?? []).map((d) => d.VarCharValue ?? null);
}

/**
 * Reads one page of a finished query. On the first page (no `nextToken`) the header row Athena puts
 * first is dropped; cells without `VarCharValue` are SQL NULL.
 */
export async function readResultPage(client: AthenaClient, id: string, maxResults: number, nextToken?: string, signal?: AbortSignal): Promise<ResultPage & { attempts: number }> {
  const out = await client.send(
    new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: maxResults, ...(nextToken ? { NextToken: nextToken } : {}) }),
    signal ? { abortSignal: signal } : {},
  );
  const columns = (out.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
  let rows = (out.ResultSet?.Rows ?? []).map(rowValues);
  const first = rows.at(0);
  if (nextToken === undefined && first?.length === columns.length && first.every((v, i) => v === columns[i])) rows = rows.slice(1);
  return {
    columns,
    rows: rows.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null]))),
    ...(out.NextToken ? { nextToken: out.NextToken } : {}),
    attempts: out.$metadata.attempts ?? 1,
  };
}
