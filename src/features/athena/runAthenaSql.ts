// "CloudTrail: Run Athena SQL": runs the selection (or the whole document) of the active editor on
// Athena, one statement at a time, under a cancellable notification and the status-bar item. Rows
// with the columns of trail records become a result set in the Results view (with "load more" for
// the next rows); other rows open as CSV text; statements without rows report their cost.
import * as vscode from 'vscode';
import type { AthenaEventSource } from '../../aws/athena/athenaEventSource';
import type { SqlResult } from '../../aws/athena/athenaSql';
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryResult } from '../../core/query';
import { formatCsv } from '../../core/csv';
import { safeMessage, safePlain } from '../../core/safeText';
import { CommandIds } from '../../host/commandIds';
import { withCancellableNotification } from '../../host/progress';
import type { NewResultSet } from '../../host/resultSets';
import { bareTable, createSource, currentTarget } from './athenaConnection';
import type { AthenaSession } from './athenaSession';
import { splitStatements } from './athenaText';

export interface RunSqlDeps {
  readonly session: AthenaSession;
}

/** What the command did (also its return value). */
export interface RunSqlOutcome {
  readonly statements: number;
  readonly rows: number;
  readonly events?: number;
  readonly cost: string;
  readonly cancelled: boolean;
  readonly setId?: string;
}

function asQueryResult(query: EventQuery, sql: SqlResult, events: readonly TrailEvent[]): QueryResult {
  const { loadMore } = sql;
  return {
    query,
    events,
    errors: [],
    plan: { local: [] },
    stats: { events: events.length, pages: 1, requests: 0, throttlesRetried: 0, badRecords: 0, elapsedMs: 0 },
    cancelled: sql.cancelled,
    regionErrors: [],
    ...(loadMore
      ? {
          loadMore: async (options) => {
            const next = await loadMore(options ?? {});
            return asQueryResult(query, next, next.events ?? []);
          },
        }
      : {}),
  };
}

function csvText(result: SqlResult): string {
  return formatCsv([result.columns, ...result.rows.map((row) => result.columns.map((c) => row[c] ?? ''))]);
}

async function sourceFor(deps: RunSqlDeps): Promise<{ source: AthenaEventSource; region: string }> {
  const target = await currentTarget();
  return { source: deps.session.active ?? createSource(target, bareTable(target.settings.database, target.settings.table)), region: target.region };
}

/** Shows the last statement's rows. */
async function present(result: SqlResult, title: string, region: string): Promise<string | undefined> {
  const events = result.events ?? [];
  if (events.length > 0) {
    const times = events.map((e) => e.time);
    const query: EventQuery = { regions: [region], filters: [], start: Math.min(...times), end: Math.max(...times), includeReadOnly: true, maxEvents: events.length };
    const set: NewResultSet = { title: safePlain`Athena SQL · ${title}`, query, result: asQueryResult(query, result, events) };
    return vscode.commands.executeCommand<string>(CommandIds.showResults, set);
  }
  if (result.columns.length > 0) {
    const doc = await vscode.workspace.openTextDocument({ language: 'csv', content: csvText(result) });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  return undefined;
}

/** Runs the command on the active editor. */
export async function runAthenaSql(deps: RunSqlDeps): Promise<RunSqlOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('CloudTrail: open a SQL document (or select a statement) to run it on Athena.');
    return undefined;
  }
  const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
  const statements = splitStatements(text);
  if (statements.length === 0) {
    void vscode.window.showWarningMessage('CloudTrail: the document holds no SQL statement.');
    return undefined;
  }
  const { source, region } = await sourceFor(deps);
  const first = (statements[0] ?? '').split('\n')[0] ?? '';
  const title = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  const last = await withCancellableNotification(safeMessage`CloudTrail: Running Athena SQL (${statements.length} statement${statements.length === 1 ? '' : 's'})`, async (signal, report) => {
    let result: SqlResult | undefined;
    for (const [i, sql] of statements.entries()) {
      if (statements.length > 1) report(safeMessage`statement ${i + 1} of ${statements.length}`);
      result = await deps.session.track(undefined, signal, (tracked) => source.runSql(sql, tracked));
      deps.session.finish(result.queryExecutionId, result.cancelled ? 'CANCELLED' : 'SUCCEEDED', result.cost, undefined, sql, result.cancelled);
      if (result.cancelled) break;
    }
    return result;
  });
  if (!last) return undefined;
  const setId = last.cancelled ? undefined : await present(last, title, region);
  const outcome = { statements: statements.length, rows: last.rows.length, ...(last.events ? { events: last.events.length } : {}), cost: last.cost.label, cancelled: last.cancelled, ...(setId !== undefined ? { setId } : {}) };
  const summary = last.cancelled ? 'cancelled' : `${String(last.rows.length)} row${last.rows.length === 1 ? '' : 's'}`;
  void vscode.window.showInformationMessage(safeMessage`CloudTrail: Athena SQL ${summary} · ${last.cost.label}`);
  return outcome;
}
