/**
 * "CloudTrail: Open Trail Logs…": turns trail log files, folders (the `AWSLogs/` layout) and
 * console/CLI exports into an archive event source and hands it to the views. Scanning only lists
 * files; they are read when the views query (so a narrow time range never opens the rest).
 * The views decide what to do with the source (`useSource`): this command does not touch them.
 */
import * as vscode from 'vscode';
import { type ArchiveEventSource, createArchiveEventSource } from '../archive/archiveEventSource';
import type { ComponentLogger } from '../host/logger';
import { withCancellableNotification } from '../host/progress';

/** What the command needs; the prompts are replaceable so tests can answer them. */
export interface OpenTrailLogsDeps {
  readonly log: ComponentLogger;
  /** Shows the new source in the tree (wired by the views). */
  useSource(source: ArchiveEventSource): void | Promise<void>;
  /** Asks for files or folders; undefined when the user cancels. Defaults to {@link pickTrailPaths}. */
  pickPaths?(): Promise<readonly string[] | undefined>;
  /** Reveals the log channel (for "Show Logs"). */
  showLogs?(): void;
}

/**
 * Asks whether to open a folder or files (one dialog cannot offer both on Windows and Linux), then
 * shows the open dialog.
 */
export async function pickTrailPaths(): Promise<readonly string[] | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(folder) Folder…', description: 'e.g. a copy of s3://bucket/AWSLogs/…', folders: true },
      { label: '$(file) Files…', description: '.json.gz / .json trail files, console CSV or JSON exports, lookup-events output', folders: false },
    ],
    { title: 'Open Trail Logs' },
  );
  if (!choice) return undefined;
  const uris = await vscode.window.showOpenDialog({
    canSelectFiles: !choice.folders,
    canSelectFolders: choice.folders,
    canSelectMany: true,
    openLabel: 'Open Trail Logs',
    ...(choice.folders ? {} : { filters: { 'Trail logs and exports': ['gz', 'json', 'jsonl', 'csv'], 'All files': ['*'] } }),
  });
  return uris?.map((uri) => uri.fsPath);
}

function pathsFromArgs(args: unknown[]): string[] {
  // Explorer context menus pass (clicked, allSelected).
  const all = Array.isArray(args[1]) ? (args[1] as unknown[]) : args.slice(0, 1);
  return all.filter((arg): arg is vscode.Uri => arg instanceof vscode.Uri && arg.scheme === 'file').map((uri) => uri.fsPath);
}

/** Runs the command; resolves with the new source, or undefined when cancelled or nothing was found. */
export async function openTrailLogs(deps: OpenTrailLogsDeps, ...args: unknown[]): Promise<ArchiveEventSource | undefined> {
  const given = pathsFromArgs(args);
  const paths = given.length > 0 ? given : await (deps.pickPaths ?? pickTrailPaths)();
  if (!paths || paths.length === 0) return undefined;
  const source = await withCancellableNotification('Opening trail logs', (signal) => createArchiveEventSource(paths, { signal }));
  for (const problem of source.problems) deps.log.warn(`${problem.path}: ${problem.message}`);
  deps.log.info(`opened ${source.label}: ${source.files.length} event files, ${source.digests.length} digest files`);
  if (source.files.length === 0) {
    void vscode.window.showWarningMessage(`No trail log files or exports found in ${paths.join(', ')}.`);
    return undefined;
  }
  await deps.useSource(source);
  if (source.problems.length > 0) {
    const choice = await vscode.window.showWarningMessage(`${source.problems.length} path(s) could not be read; the other files are open.`, 'Show Logs');
    if (choice === 'Show Logs') deps.showLogs?.();
  }
  return source;
}
