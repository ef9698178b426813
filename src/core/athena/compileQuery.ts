/**
 * The one query model compiled to Athena SQL. Every {@link EventQuery} (filters with `*` wildcards,
 * time range, regions, accounts, read-only and errors-only switches, an investigation's match)
 * becomes one SELECT that names its partitions (days, accounts, regions), compares the event time
 * as text (CloudTrail writes `yyyy-MM-ddTHH:mm:ssZ`, which sorts as it reads), and selects only the
 * summary columns. Pure: no I/O; every value is escaped by `sqlText.ts`.
 */
import type { EventMatch } from '../investigations';
import type { AttributeFilter, EventQuery } from '../query';
import { filterPredicate, matchPredicates, needsLocalCheck } from './compileFilters';
import { planPartitions, type PartitionPlan } from './partitionPlan';
import { pathExpression, rawSelections, selectList, summarySelections } from './resultColumns';
import { inList, qualifiedName, quoteIdentifier, stringLiteral } from './sqlText';
import { dayOf, type TrailTableShape } from './trailTable';

/** An event query with what only Athena can use: accounts to search and an investigation's match. */
export interface AthenaEventQuery extends EventQuery {
  /** 12-digit account ids; empty or absent: every account of the table. */
  readonly accounts?: readonly string[];
  /** An investigation's local match, compiled into the WHERE clause where SQL can express it. */
  readonly match?: EventMatch;
}

/** Options of {@link compileEventQuery}. */
export interface CompileOptions {
  /** Epoch ms "now", for the table size in the partition plan. */
  readonly now: number;
  readonly deliveryLagMs?: number;
  /** Row limit of the query (results beyond it are never produced); default none. */
  readonly limit?: number;
}

/** A compiled query. */
export interface CompiledQuery {
  readonly sql: string;
  readonly partitions: PartitionPlan;
  /** Filters the source must re-check on normalized events (their SQL is a superset). */
  readonly localFilters: readonly AttributeFilter[];
  readonly match?: EventMatch;
}

/** A query the table cannot answer, with a message for the user. */
export class AthenaCompileError extends Error {
  override readonly name = 'AthenaCompileError';
}

const ACCOUNT = /^\d{12}$/;

/** `yyyy-MM-ddTHH:mm:ssZ`: the text form of CloudTrail's eventTime, to the second. */
export function eventTimeText(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function tableName(shape: TrailTableShape): string {
  return shape.catalog !== undefined ? qualifiedName(shape.catalog, shape.database, shape.table) : qualifiedName(shape.database, shape.table);
}

function validate(query: AthenaEventQuery, shape: TrailTableShape): void {
  if (query.category === 'insight') throw new AthenaCompileError('Insights events are not in the CloudTrail table: open the CloudTrail-Insight folder as trail logs instead.');
  if (!Number.isFinite(query.start) || !Number.isFinite(query.end) || query.start > query.end) throw new AthenaCompileError('The time range is invalid: its start must be before its end.');
  for (const a of query.accounts ?? []) if (!ACCOUNT.test(a)) throw new AthenaCompileError(`"${a}" is not a 12-digit account id.`);
  if (shape.accountProjection === 'injected' && (query.accounts ?? []).length === 0) {
    throw new AthenaCompileError(`The table ${shape.database}.${shape.table} injects accounts: name the accounts to search.`);
  }
}

/** The partition and scope predicates: days, accounts, regions (as partitions where the table has them). */
function scopePredicates(shape: TrailTableShape, plan: PartitionPlan, query: AthenaEventQuery): string[] {
  const where: string[] = [];
  const { date, account, region } = shape.partitions;
  if (date !== undefined) where.push(`${quoteIdentifier(date)} BETWEEN ${stringLiteral(plan.firstDay)} AND ${stringLiteral(plan.lastDay)}`);
  if (plan.accounts) where.push(inList(account !== undefined ? quoteIdentifier(account) : pathExpression('recipientaccountid'), plan.accounts));
  if (plan.regions) where.push(inList(region !== undefined ? quoteIdentifier(region) : pathExpression('awsregion'), plan.regions));
  where.push(`${pathExpression('eventtime')} >= ${stringLiteral(eventTimeText(query.start))}`);
  where.push(`${pathExpression('eventtime')} <= ${stringLiteral(eventTimeText(query.end))}`);
  return where;
}

function partitionColumns(shape: TrailTableShape): string[] {
  const { date, account, region } = shape.partitions;
  return [account, region, date].filter((c): c is string => c !== undefined);
}

/** Compiles a query on `shape`; throws {@link AthenaCompileError} for a query the table cannot answer. */
export function compileEventQuery(query: AthenaEventQuery, shape: TrailTableShape, options: CompileOptions): CompiledQuery {
  validate(query, shape);
  const partitions = planPartitions(shape, {
    start: query.start,
    end: query.end,
    regions: query.regions,
    ...(query.accounts ? { accounts: query.accounts } : {}),
    now: options.now,
    ...(options.deliveryLagMs !== undefined ? { deliveryLagMs: options.deliveryLagMs } : {}),
  });
  const where = scopePredicates(shape, partitions, query);
  if (!query.includeReadOnly) where.push(`(${pathExpression('readonly')} IS NULL OR ${pathExpression('readonly')} <> 'true')`);
  if (query.errorsOnly === true) where.push(`(${pathExpression('errorcode')} IS NOT NULL AND ${pathExpression('errorcode')} <> '')`);
  for (const filter of query.filters) where.push(filterPredicate(filter));
  where.push(...matchPredicates(query.match));
  const limit = options.limit !== undefined ? `\nLIMIT ${Math.max(1, Math.floor(options.limit))}` : '';
  const sql = [
    `SELECT ${selectList(summarySelections(partitionColumns(shape)))}`,
    `FROM ${tableName(shape)}`,
    `WHERE ${where.join('\n  AND ')}`,
    `ORDER BY ${pathExpression('eventtime')} DESC, ${pathExpression('eventid')} ASC${limit}`,
  ].join('\n');
  return { sql, partitions, localFilters: query.filters.filter(needsLocalCheck), ...(query.match ? { match: query.match } : {}) };
}

/** Where one event's record lives: its id, time, and the partition values its summary row carried. */
export interface RecordLocation {
  readonly eventId: string;
  readonly time: number;
  readonly account?: string;
  readonly region?: string;
}

/**
 * The small second query that fetches one event's whole record for the event panel: every column,
 * narrowed to the event's partitions (its day and the next, for late delivery), by event id.
 */
export function compileRawRecordQuery(location: RecordLocation, shape: TrailTableShape, deliveryLagMs?: number): string {
  const { date, account, region } = shape.partitions;
  const where: string[] = [];
  if (date !== undefined) {
    const lag = deliveryLagMs ?? 2 * 60 * 60 * 1000;
    where.push(`${quoteIdentifier(date)} BETWEEN ${stringLiteral(dayOf(location.time))} AND ${stringLiteral(dayOf(location.time + lag))}`);
  }
  if (account !== undefined && location.account !== undefined) where.push(`${quoteIdentifier(account)} = ${stringLiteral(location.account)}`);
  if (region !== undefined && location.region !== undefined) where.push(`${quoteIdentifier(region)} = ${stringLiteral(location.region)}`);
  where.push(`${pathExpression('eventid')} = ${stringLiteral(location.eventId)}`);
  return [`SELECT ${selectList(rawSelections())}`, `FROM ${tableName(shape)}`, `WHERE ${where.join('\n  AND ')}`, 'LIMIT 1'].join('\n');
}
