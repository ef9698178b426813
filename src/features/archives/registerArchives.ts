// Trail archives in the workbench: Open Trail Logs…, Back to AWS Event History, Validate Trail Log
// Integrity…, Show Trail Log Problems and the status-bar menu. Every handler goes through
// host/registerCommand; the views follow the source through services (no other feature is imported).
import * as vscode from 'vscode';
import type { ArchiveEventSource } from '../../archive/archiveEventSource';
import { safeMessage, safeQuickPick } from '../../core/safeText';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import type { ArchiveTestApi } from '../../host/testApi';
import { settings } from '../../host/settings';
import { ArchiveSession } from './archiveSession';
import { CommandIds } from '../../host/commandIds';
import { openTrailLogs, problemFileCount } from './openTrailLogs';
import { ReportDocuments, REPORT_SCHEME } from './reportDocuments';
import { exportEvidence } from './exportEvidence';
import { type ArchiveValidation, validateTrailLogs } from './validateTrailLogs';


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
export function registerArchives(services: Services): ArchiveTestApi {
  const log = services.log('Archive');
  const subscriptions = services.context.subscriptions;
  const reports = new ReportDocuments();
  const session = new ArchiveSession(services, log);
  const showProblems = async (source: ArchiveEventSource | undefined = session.active?.source): Promise<void> => {
    if (!source) {
      void vscode.window.showInformationMessage('CloudTrail: no trail logs are open.');
      return;
    }
    if (source.problems.length === 0) {
      void vscode.window.showInformationMessage(safeMessage`CloudTrail: every file of ${source.label} was read.`);
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
      { label: '$(package) Export Evidence…', description: 'events, their log and digest files, keys, report, SHA-256 manifest', id: CommandIds.exportEvidence },
      ...(bad > 0 ? [{ label: '$(warning) Show Trail Log Problems', description: `${bad} file${bad === 1 ? '' : 's'}`, id: CommandIds.showTrailLogProblems }] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: active ? safeQuickPick`CloudTrail: ${active.label}` : 'CloudTrail' });
    if (picked) await vscode.commands.executeCommand(picked.id);
  };
  // The last validation of each open source: its events carry the marks; Export Evidence reuses it.
  const validations = new WeakMap<ArchiveEventSource, ArchiveValidation>();
  const validateDeps = {
    log,
    reports,
    active: () => session.active,
    validated: (active: { source: ArchiveEventSource }, validation: ArchiveValidation) => {
      validations.set(active.source, validation);
      session.refresh();
    },
  };
  const wrap = { log, showLogs: () => { services.logger.show(); }, title: 'CloudTrail' };
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [CommandIds.openTrailLogs, async (...args: unknown[]) => (await openTrailLogs({ log, useSource: (s, paths, ms) => session.use(s, paths, ms), showProblems }, ...args)) !== undefined],
    [CommandIds.backToAws, () => session.backToAws()],
    [CommandIds.validateTrailLogs, (arg: unknown) => validateTrailLogs(validateDeps, arg)],
    [
      CommandIds.exportEvidence,
      (arg: unknown) =>
        exportEvidence({ log, active: () => session.active, validation: (a) => validations.get(a.source), validate: (keysFile) => validateTrailLogs(validateDeps, { useActive: true, ...(keysFile !== undefined ? { keysFile } : {}) }) }, arg),
    ],
    [CommandIds.showTrailLogProblems, () => showProblems()],
    [CommandIds.archiveMenu, archiveMenu],
  ];
  for (const [id, handler] of table) subscriptions.push(registerCommand(id, handler, wrap));
  subscriptions.push(reports, vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports));

  return {
    active: () => {
      const a = session.active;
      if (!a) return undefined;
      const integrity: Record<string, number> = {};
      for (const file of Object.values(a.source.integrity() ?? {})) integrity[file.status] = (integrity[file.status] ?? 0) + 1;
      return { label: a.label, files: a.source.files.length, digests: a.source.digests.length, events: a.source.stats().events, problems: [...a.source.problems], openMs: a.openMs, integrity };
    },
  };
}
