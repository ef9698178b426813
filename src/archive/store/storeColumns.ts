/**
 * Every match of a query as the indexed columns only — no record read, no normalization: what a
 * table view or a count needs, and what the archive benchmark compares with DuckDB's table.
 */
import type { EventQuery } from '../../core/query';
import { selectSql, whereOf } from './storeQuery';
import type { TrailStore } from './trailStore';

/** The indexed columns of one event (see {@link queryColumns}). */
export interface EventColumns {
  readonly id: string;
  readonly time: number;
  readonly name: string;
  readonly source: string;
  readonly region: string;
  readonly userName: string | undefined;
  readonly readOnly: boolean | undefined;
  readonly errorCode: string | undefined;
}

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Every match of `query` as plain columns (no record read, no normalization), newest first and one
 * per event id: what a table view or a count needs, and what the benchmark compares with DuckDB.
 */
export function queryColumns(store: TrailStore, sourceId: number, query: EventQuery): EventColumns[] {
  const where = whereOf(sourceId, query);
  const statement = store.statement(selectSql(where, 'e.event_id, e.time, e.name, e.event_source, e.region, e.user_name, e.read_only, e.error_code'));
  // Arrays instead of one object per row where this Node has it (22.16+): about half the cost.
  const arrays = typeof (statement as { setReturnArrays?: unknown }).setReturnArrays === 'function';
  if (arrays) statement.setReturnArrays(true);
  let rows: unknown[][];
  try {
    rows = arrays
      ? (statement.all(...where.params, -1, 0) as unknown as unknown[][])
      : (statement.all(...where.params, -1, 0) as Row[]).map((r) => [r.event_id, r.time, r.name, r.event_source, r.region, r.user_name, r.read_only, r.error_code]);
  } finally {
    if (arrays) statement.setReturnArrays(false);
  }
  const seen = new Set<string>();
  const out: EventColumns[] = [];
  for (const [eventId, time, name, source, region, userName, readOnly, errorCode] of rows) {
    const id = String(eventId);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, time: num(time), name: String(name), source: String(source), region: String(region), userName: optStr(userName), readOnly: readOnly === null ? undefined : num(readOnly) === 1, errorCode: optStr(errorCode) });
  }
  return out;
}
