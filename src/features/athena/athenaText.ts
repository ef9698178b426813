// The Athena feature's texts and pure decisions, without VS Code: the status-bar line of a running or
// finished query, when a query must ask before it runs, statements of a SQL document, and the
// "Create Athena Table" prompts' validation (by the DDL generator's own rules).
import type { QueryCost } from '../../core/athena/cost';
import { formatBytes } from '../../core/athena/cost';
import { buildTrailTableDdl, DdlInputError, type TrailTableDdlOptions } from '../../core/athena/createTableDdl';
import { safeStatusBar, type SafeText } from '../../core/safeText';

/** What the last query did, for the status bar's tooltip and the TestApi. */
export interface LastRun {
  readonly queryExecutionId: string;
  readonly state: string;
  readonly scannedBytes: number;
  readonly estimate?: string;
  readonly cost?: string;
  readonly sql?: string;
  readonly cancelled: boolean;
}

/** What the status bar shows of one query. */
export interface RunView {
  /** Athena's state (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), or undefined before it has an id. */
  readonly state?: string;
  readonly elapsedMs: number;
  readonly scannedBytes: number;
  /** The estimate before Athena reports bytes, the actual cost after. */
  readonly cost?: QueryCost;
  /** Result rows read so far, once the query has succeeded and its pages are read. */
  readonly rowsRead?: number;
}

/** `$(sync~spin) Athena RUNNING · 3 s · 1.2 MB` while a query runs (`starting` before it has a state). */
export function runningText(run: RunView, others = 0): SafeText<'statusBar'> {
  const seconds = Math.round(run.elapsedMs / 1000);
  const scanned = run.scannedBytes > 0 ? formatBytes(run.scannedBytes) : (run.cost?.label ?? 'estimating');
  const more = others > 0 ? ` (+${String(others)})` : '';
  if (run.rowsRead !== undefined) return safeStatusBar`$(sync~spin) Athena reading results · ${run.rowsRead.toLocaleString('en-US')} rows · ${seconds} s · ${scanned}${more}`;
  return safeStatusBar`$(sync~spin) Athena ${run.state ?? 'starting'} · ${seconds} s · ${scanned}${more}`;
}

/** `$(database) Athena security.cloudtrail_org` while connected and idle. */
export function idleText(database: string, table: string): SafeText<'statusBar'> {
  return safeStatusBar`$(database) Athena ${database}.${table}`;
}

/**
 * The cost line of a finished query. A reused result also says what it saved: the estimate of
 * running it afresh (`reused a previous result · $0, saved ≈ 1.2 MB scanned · ≈ $0.000048`).
 */
export function costText(cost: QueryCost, estimate?: QueryCost): string {
  if (cost.reused !== true || estimate === undefined) return cost.label;
  return `${cost.label}, saved ${estimate.label.replace(/ \(estimate\)$/, '')}`;
}

/** Whether a query must ask first: its estimate is over the user's threshold or the workgroup's cutoff. */
export function needsConfirmation(estimate: QueryCost | undefined, confirmAboveBytes: number, exceedsCutoff: boolean): boolean {
  return exceedsCutoff || (estimate !== undefined && estimate.scannedBytes > confirmAboveBytes);
}

/**
 * The statements of a SQL text, split at `;` outside quotes, quoted identifiers and comments;
 * blank statements are dropped and each is trimmed (Athena runs one statement per request).
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i] ?? '';
    if (quote !== undefined) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
      current += c;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      current += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === ';') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, '').trim() !== '');
}

/** Valid values for every field, so one field at a time can be checked by the generator. */
const VALID: TrailTableDdlOptions = { database: 'cloudtrail', table: 'cloudtrail_logs', bucket: 'trail-bucket', accounts: ['123456789012'], regions: ['us-east-1'], firstDay: '2026/01/01' };

/** The generator's message for one field's value, or undefined when the value is usable. */
export function ddlFieldError(patch: Partial<TrailTableDdlOptions>): string | undefined {
  try {
    buildTrailTableDdl({ ...VALID, ...patch });
    return undefined;
  } catch (err) {
    if (err instanceof DdlInputError) return err.message;
    throw err;
  }
}

/** A comma- or space-separated list, trimmed, without empties. */
export function parseList(text: string): string[] {
  return text.split(/[\s,]+/).map((v) => v.trim()).filter((v) => v !== '');
}
