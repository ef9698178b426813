// Trail archives in the workbench: Open Trail Logs…, Back to AWS Event History, Validate Trail Log
// Integrity…, Show Trail Log Problems and the status-bar menu. Every handler goes through
// host/registerCommand; the views are reached only through services and the views handle.
import * as vscode from 'vscode';
import type { ArchiveEventSource } from '../archive/archiveEventSource';
import { createApiSourceProvider } from '../host/apiSource';
import { registerCommand } from '../host/registerCommand';
import type { Services } from '../host/services';
import { settings } from '../host/settings';
import type { ViewsHandle } from '../views/registerViews';
import { ArchiveSession } from './archiveSession';
import { CommandIds } from './commandIds';
import { openTrailLogs, problemFileCount } from './openTrailLogs';
import { ReportDocuments, REPORT_SCHEME } from './reportDocuments';
import { validateTrailLogs } from './validateTrailLogs';

/** The archive part of the TestApi (`api.archive`). */
export interface ArchiveTestApi {
  /** The open trail logs, or undefined while the LookupEvents API is the source. */
  active(): { readonly label: string; readonly files: number; readonly digests: number; readonly events: number; readonly problems: readonly { readonly path: string; readonly message: string }[]; readonly openMs: number } | undefined;
  /** The last read-only report shown (problems or integrity), with its text. */
  lastReport(): { readonly uri: string; readonly text: string } | undefined;
  /** Messages the archive commands showed as notifications, oldest first. */
  notices(): readonly string[];
}

function problemsText(source: ArchiveEventSource): string {
  const byPath = new Map<string, string[]>();
  for (const p of source.problems) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p.message]);
  const lines = [
    `Trail log problems — ${source.label}`,
    `${byPath.size} file${byPath.size === 1 ? '' : 's'} could not be read (fully). Every good record was loaded; what is listed here was not.`,
    '',
  ];
  for (const [path, messages] of byPath) lines.push(path, ...messages.map((m) => `    ${m}`), '');
  return lines.join('\n');
}

/** Registers the archive commands and returns the TestApi part. */
export function registerArchiveCommands(services: Services, views: ViewsHandle): ArchiveTestApi {
  const log = services.log('Archive');
  const subscriptions = services.context.subscriptions;
  const reports = new ReportDocuments();
  const session = new ArchiveSession(services, views, createApiSourceProvider(), log);
  const notices: string[] = [];
  const notice = (message: string): void => {
    notices.push(message);
  };
  const showProblems = async (source: ArchiveEventSource | undefined = session.active?.source): Promise<void> => {
    if (!source) {
      void vscode.window.showInformationMessage('CloudTrail: no trail logs are open.');
      return;
    }
    if (source.problems.length === 0) {
      void vscode.window.showInformationMessage(`CloudTrail: every file of ${source.label} was read.`);
      return;
    }
    await reports.show('trail-log-problems.txt', problemsText(source));
  };
  const archiveMenu = async (): Promise<void> => {
    const active = session.active;
    const bad = active ? problemFileCount(active.source) : 0;
    const items = [
      { label: '$(cloud) Back to AWS Event History', description: `profile ${settings.profile() || 'default chain'}`, id: CommandIds.backToAws },
      { label: '$(folder-opened) Open Other Trail Logs…', description: '', id: CommandIds.openTrailLogs },
      { label: '$(shield) Validate Trail Log Integrity…', description: active ? `${active.source.digests.length} digest files` : '', id: CommandIds.validateTrailLogs },
      ...(bad > 0 ? [{ label: '$(warning) Show Trail Log Problems', description: `${bad} file${bad === 1 ? '' : 's'}`, id: CommandIds.showTrailLogProblems }] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: active ? `CloudTrail: ${active.label}` : 'CloudTrail' });
    if (picked) await vscode.commands.executeCommand(picked.id);
  };
  const wrap = { log, showLogs: () => { services.logger.show(); }, title: 'CloudTrail' };
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [CommandIds.openTrailLogs, async (...args: unknown[]) => (await openTrailLogs({ log, useSource: (s, paths, ms) => session.use(s, paths, ms), showProblems, notice }, ...args)) !== undefined],
    [CommandIds.backToAws, () => session.backToAws()],
    [CommandIds.validateTrailLogs, (arg: unknown) => validateTrailLogs({ log, reports, active: () => session.active, notice }, arg)],
    [CommandIds.showTrailLogProblems, () => showProblems()],
    [CommandIds.archiveMenu, archiveMenu],
  ];
  for (const [id, handler] of table) subscriptions.push(registerCommand(id, handler, wrap));
  subscriptions.push(reports, vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports));

  return {
    active: () => {
      const a = session.active;
      if (!a) return undefined;
      return { label: a.label, files: a.source.files.length, digests: a.source.digests.length, events: a.source.stats().events, problems: [...a.source.problems], openMs: a.openMs };
    },
    lastReport: () => {
      const last = reports.lastShown;
      return last ? { uri: last.uri.toString(), text: last.text } : undefined;
    },
    notices: () => [...notices],
  };
}
