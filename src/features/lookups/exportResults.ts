// Export a result set: JSON (the raw records, as in a trail file), JSON with each record's outcome,
// change channel and human beside it, or CSV with the console's columns
// plus what the investigator derives (outcome by every failure signal, change channel, the human
// behind the session), with formula-injection neutralization.
import * as vscode from 'vscode';
import { eventsToAnnotatedJson, eventsToExportCsv, eventsToRecordsJson } from '../../core/csv';
import type { ResultSet } from '../../host/resultSets';
import type { CommandDeps } from './lookupDeps';
import { UserCancelled } from '../../host/cancellation';
import { pickRequired } from '../../host/prompts';
import { quickPickText, safeMessage } from '../../core/safeText';

function setIdOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  const setId = (node as { setId?: unknown } | undefined)?.setId;
  return typeof setId === 'string' ? setId : undefined;
}

/** The result set a command is about: the tree node's, else the only or a picked one. */
export async function resolveResultSet(deps: CommandDeps, node: unknown): Promise<ResultSet> {
  const id = setIdOf(node);
  const sets = deps.results.list();
  const direct = id !== undefined ? deps.results.get(id) : sets.length === 1 ? sets[0] : undefined;
  if (direct) return direct;
  if (sets.length === 0) throw new Error('No results yet: run "CloudTrail: Look Up Events…" or an investigation first.');
  const picked = await pickRequired(deps, sets.map((s) => ({ label: quickPickText(s.title), description: `${s.events.length} events`, set: s })), { title: 'Which results?' });
  return picked.set;
}

function safeFileName(title: string): string {
  return title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'cloudtrail-events';
}

/** Writes the set as `format` to `target` (tests, other commands) or to a file the user picks. Returns the file. */
/** `json`: the raw records (a trail file); `annotatedJson`: each record beside its outcome, change channel and human; `csv`: console columns and those. */
export type ExportFormat = 'json' | 'annotatedJson' | 'csv';

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { json: 'json', annotatedJson: 'json', csv: 'csv' };

export async function exportResults(deps: CommandDeps, format: ExportFormat, node?: unknown, target?: unknown): Promise<vscode.Uri> {
  const set = await resolveResultSet(deps, node);
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
  if (uri === undefined) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${safeFileName(set.title)}${format === 'annotatedJson' ? '-annotated' : ''}.${EXTENSIONS[format]}`;
    uri = await vscode.window.showSaveDialog({
      title: `Export ${set.events.length} events as ${EXTENSIONS[format].toUpperCase()}`,
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters:
        format === 'csv'
          ? { 'CSV (console columns, outcome, channel, changed by)': ['csv'] }
          : format === 'annotatedJson'
            ? { 'Records with outcome, channel and changed by (JSON)': ['json'] }
            : { 'CloudTrail records (JSON)': ['json'] },
    });
    if (uri === undefined) throw new UserCancelled();
  }
  const text = format === 'csv' ? eventsToExportCsv(set.events) : format === 'annotatedJson' ? eventsToAnnotatedJson(set.events) : eventsToRecordsJson(set.events);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  deps.log.info(`exported ${set.events.length} events as ${format} to ${uri.fsPath}`);
  if (target === undefined) {
    void vscode.window.showInformationMessage(safeMessage`Exported ${set.events.length} events to ${uri.fsPath}.`, 'Open').then((c) => (c === 'Open' ? vscode.window.showTextDocument(uri) : undefined));
  }
  return uri;
}
