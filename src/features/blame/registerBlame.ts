// Cloud blame in Terraform (issue 18): the CodeLens and hover on `resource` blocks, the status-bar
// toggle, and the Drift Suspects view, sharing one cache of lookups. Every handler goes through
// host/registerCommand; nothing runs until a Terraform file is shown or a command is run.
import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import { SettingKeys, settings } from '../../host/settings';
import { BlameCache } from './blameCache';
import { BlameFileStore } from './blameStore';
import { BlameCodeLensProvider } from './blameCodeLens';
import { BlameContext } from './blameContext';
import { BlameHoverProvider } from './blameHover';
import { BlameStatusBar, toggleBlame } from './blameStatusBar';
import { DriftView } from './driftView';

/** The documents cloud blame may decorate; BlameContext.appliesTo decides per document (settings). */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.tf' }, { scheme: 'file', language: 'terraform' }];

/** Registers the feature. */
export function registerBlame(services: Services): void {
  const log = services.log('Blame');
  const deps = { log, showLogs: () => { services.logger.show(); } };
  const context = new BlameContext(services, log);
  // Lookups persist in global storage (events never change): reopening VS Code costs no request for covered windows.
  const cache = new BlameCache(new BlameFileStore(services.context.globalStorageUri.fsPath, (m) => { log.warn(m); }));
  const lenses = new BlameCodeLensProvider(context, cache);
  const status = new BlameStatusBar();
  const drift = new DriftView(context, cache, (m) => { log.info(m); });
  services.context.subscriptions.push(
    { dispose: () => { cache.flush(); } },
    lenses,
    status,
    drift,
    vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
    vscode.languages.registerHoverProvider(SELECTOR, new BlameHoverProvider(context, cache)),
    vscode.window.onDidChangeActiveTextEditor(() => { status.update(); }),
    vscode.workspace.onDidCloseTextDocument((doc) => { context.forget(doc); }),
    settings.onDidChange([SettingKeys.blameEnabled, SettingKeys.blameLanguages], () => {
      status.update();
      lenses.refresh();
    }),
    services.onDidChangeEventSource(() => {
      cache.clear();
      lenses.refresh();
    }),
    registerCommand(CommandIds.blameToggle, () => toggleBlame(), deps),
    registerCommand(CommandIds.blameRefresh, () => {
      cache.clear({ stored: true });
      lenses.refresh();
    }, deps),
    registerCommand(CommandIds.driftScan, (arg?: unknown) => drift.scan(arg), deps),
    registerCommand(CommandIds.driftCancel, () => { drift.cancel(); }, deps),
    registerCommand(CommandIds.driftExportCsv, (target?: unknown) => drift.exportCsv(target), deps),
  );
}
