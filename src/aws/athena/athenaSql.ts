/**
 * Statements that are not an event query: the power user's own SQL ("Run Athena SQL…"), the
 * reviewed CREATE TABLE, and the small query that fetches one event's whole record for the panel.
 * Rows come back as text keyed by column; when the columns are those of trail records (at least
 * `eventid`, `eventname`, `eventtime`), they are also given as events for the Results view.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import { actualCost, type QueryCost } from '../../core/athena/cost';
import { recordFromRow } from '../../core/athena/resultColumns';
import { normalizeRecord } from '../../core/event';
import type { TrailEvent } from '../../core/model';
import type { AthenaQueryOptions, StatementRunner } from './athenaTypes';
import { AthenaQueryError } from './athenaErrors';
import { readResultPage } from './athenaExecution';

/** Options of a user statement. */
export interface SqlOptions extends AthenaQueryOptions {
  /** Rows read per call (further rows through `loadMore`); default 1000. */
  readonly maxRows?: number;
}

/** The result of a user statement. */
export interface SqlResult {
  readonly queryExecutionId: string;
  readonly cost: QueryCost;
  readonly cancelled: boolean;
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string | null>>[];
  /** The rows as events, when the columns fit and every row is a readable record. */
  readonly events?: readonly TrailEvent[];
  readonly loadMore?: (options?: SqlOptions) => Promise<SqlResult>;
}

const EVENT_COLUMNS = ['eventid', 'eventname', 'eventtime'];

function asEvents(columns: readonly string[], rows: readonly Readonly<Record<string, string | null>>[]): TrailEvent[] | undefined {
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  if (!EVENT_COLUMNS.every((c) => lower.has(c))) return undefined;
  const events: TrailEvent[] = [];
  for (const [i, row] of rows.entries()) {
    const lowered = Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
    const result = normalizeRecord(recordFromRow(lowered), i);
    if (!result.ok) return undefined;
    events.push(result.event);
  }
  return events;
}

async function readRows(client: AthenaClient, id: string, cost: QueryCost, maxRows: number, token: string | undefined, options: SqlOptions): Promise<SqlResult> {
  const rows: Readonly<Record<string, string | null>>[] = [];
  let columns: readonly string[] = [];
  let next = token;
  let first = true;
  while ((first || next !== undefined) && rows.length < maxRows && options.signal?.aborted !== true) {
    first = false;
    const page = await readResultPage(client, id, Math.min(1000, Math.max(1, maxRows - rows.length)), next, options.signal);
    columns = page.columns;
    rows.push(...page.rows);
    next = page.nextToken;
  }
  const events = asEvents(columns, rows);
  const after = next;
  return {
    queryExecutionId: id,
    cost,
    cancelled: options.signal?.aborted === true,
    columns,
    rows,
    ...(events ? { events } : {}),
    ...(after !== undefined ? { loadMore: (o?: SqlOptions) => readRows(client, id, cost, o?.maxRows ?? maxRows, after, o ?? {}) } : {}),
  };
}

/** Runs one statement and reads its first rows. DDL returns no rows. */
export async function runSqlStatement(runner: StatementRunner, client: AthenaClient, sql: string, options: SqlOptions): Promise<SqlResult> {
  if (sql.trim() === '') throw new AthenaQueryError('AthenaRequestRefused', 'The SQL statement is empty.');
  const status = await runner.execute(sql, options);
  const cost = actualCost(status.scannedBytes, status.reused);
  if (status.state === 'CANCELLED') return { queryExecutionId: status.queryExecutionId, cost, cancelled: true, columns: [], rows: [] };
  return readRows(client, status.queryExecutionId, cost, options.maxRows ?? 1000, undefined, options);
}

/** One event's whole record and the query that fetched it. */
export interface FetchedRecord {
  readonly event: TrailEvent;
  readonly queryExecutionId: string;
  readonly cost: QueryCost;
}

/** Runs the raw-record query of one event and normalizes the record it returns. */
export async function fetchFullEvent(runner: StatementRunner, client: AthenaClient, sql: string, eventId: string, options: AthenaQueryOptions): Promise<FetchedRecord> {
  const result = await runSqlStatement(runner, client, sql, { ...options, maxRows: 1 });
  const row = result.rows.at(0);
  if (result.cancelled) throw new AthenaQueryError('AthenaQueryFailed', 'Loading the event record was cancelled.', result.queryExecutionId);
  if (!row) throw new AthenaQueryError('AthenaNotFound', `Athena found no record with event id ${eventId} in its partitions.`, result.queryExecutionId);
  const normalized = normalizeRecord(recordFromRow(row));
  if (!normalized.ok) throw new AthenaQueryError('AthenaQueryFailed', `The record of event ${eventId} could not be read: ${normalized.error.error}`, result.queryExecutionId);
  return { event: normalized.event, queryExecutionId: result.queryExecutionId, cost: result.cost };
}
