/**
 * "CloudTrail: Open Trail Logs…": turns trail log files, folders (the `AWSLogs/` layout) and
 * console/CLI exports into an archive event source and hands it to the views. The files are indexed
 * up front under a cancellable notification with a live count, so the views' first load (the whole
 * archive) and every later query are answered from the index.
 * The views decide what to do with the source (`useSource`): this command does not touch them.
 */
import * as vscode from 'vscode';
import { type ArchiveEventSource, type ArchiveProgress, createArchiveEventSource } from '../../archive/archiveEventSource';
import type { ComponentLogger } from '../../host/logger';
import { withCancellableNotification } from '../../host/progress';
import { settings } from '../../host/settings';
import { safeMessage } from '../../core/safeText';

/** What the command needs; the prompts are replaceable so tests can answer them. */
export interface OpenTrailLogsDeps {
  readonly log: ComponentLogger;
  /** Shows the new source in the tree (wired by the archive session). */
  useSource(source: ArchiveEventSource, paths: readonly string[], openMs: number): void | Promise<void>;
  /** Asks for files or folders; undefined when the user cancels. Defaults to {@link pickTrailPaths}. */
  pickPaths?(): Promise<readonly string[] | undefined>;
  /** Opens the list of files that could not be read (for "Show Problems"). */
  showProblems?(source: ArchiveEventSource): void | Promise<void>;
}

/**
 * Asks whether to open a folder or files, then shows the open dialog. One dialog cannot offer both
 * on Windows and Linux (VS Code then shows a folder picker only), so the kind is asked first.
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

const isFileUri = (arg: unknown): arg is vscode.Uri => arg instanceof vscode.Uri && arg.scheme === 'file';

/** Paths from the arguments: an explorer context menu passes (clicked, allSelected); callers may pass a Uri or Uri[]. */
export function pathsFromArgs(args: readonly unknown[]): string[] {
  const [first, second] = args;
  const all = Array.isArray(second) ? (second as unknown[]) : Array.isArray(first) ? (first as unknown[]) : [first];
  return all.filter(isFileUri).map((uri) => uri.fsPath);
}

function progressText(p: ArchiveProgress): string {
  return `${p.filesDone.toLocaleString('en-US')} of ${p.filesTotal.toLocaleString('en-US')} files · ${p.events.toLocaleString('en-US')} events`;
}

/** Distinct paths among the problems (a file with several bad records counts once). */
export function problemFileCount(source: ArchiveEventSource): number {
  return new Set(source.problems.map((p) => p.path)).size;
}

/** How often the notification's message may change (each file indexed would redraw it). */
const REPORT_EVERY_MS = 100;

/** Runs the command; resolves with the new source, or undefined when cancelled or nothing was found. */
export async function openTrailLogs(deps: OpenTrailLogsDeps, ...args: unknown[]): Promise<ArchiveEventSource | undefined> {
  const given = pathsFromArgs(args);
  const paths = given.length > 0 ? given : await (deps.pickPaths ?? pickTrailPaths)();
  if (!paths || paths.length === 0) return undefined;
  const started = performance.now();
  const opened = await withCancellableNotification('CloudTrail: Opening trail logs', async (signal, report) => {
    report('listing files…');
    let lastReport = 0;
    const source = await createArchiveEventSource(paths, {
      signal,
      maxInflatedBytes: settings.maxInflatedBytes(),
      onProgress: (p) => {
        if (Date.now() - lastReport < REPORT_EVERY_MS && p.filesDone < p.filesTotal) return;
        lastReport = Date.now();
        report(progressText(p));
      },
    });
    report(`${source.files.length.toLocaleString('en-US')} files found, indexing…`);
    await source.indexAll(signal);
    return { source, cancelled: signal.aborted };
  });
  const { source } = opened;
  const openMs = Math.round(performance.now() - started);
  if (opened.cancelled) {
    deps.log.info(`opening ${source.label} cancelled after ${source.stats().filesIndexed} of ${source.files.length} files`);
    return undefined;
  }
  for (const problem of source.problems) deps.log.warn(`${problem.path}: ${problem.message}`);
  const stats = source.stats();
  deps.log.info(`opened ${source.label}: ${source.files.length} event files, ${stats.events} events, ${source.digests.length} digest files in ${openMs} ms`);
  if (source.files.length === 0) {
    void vscode.window.showWarningMessage(safeMessage`No trail log files or exports found in ${paths.join(', ')}.`);
    return undefined;
  }
  await deps.useSource(source, paths, openMs);
  const bad = problemFileCount(source);
  if (bad > 0) {
    // Not awaited: the command finishes while the message waits for the user.
    void vscode.window.showWarningMessage(safeMessage`CloudTrail: ${bad} file${bad === 1 ? '' : 's'} could not be read; every good record was loaded.`, 'Show Problems').then((choice) => {
      if (choice === 'Show Problems') void deps.showProblems?.(source);
    });
  }
  return source;
}
