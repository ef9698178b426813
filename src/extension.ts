import * as vscode from 'vscode';
import { registerArchives } from './features/archives/registerArchives';
import { createTrailCache, registerBucket } from './features/bucket/registerBucket';
import { registerBlame } from './features/blame/registerBlame';
import { registerAthena } from './features/athena/registerAthena';
import { registerEventPanel } from './features/eventPanel/registerEventPanel';
import { registerEvents } from './features/events/registerEvents';
import { registerLookups } from './features/lookups/registerLookups';
import { registerProfile } from './features/profile/registerProfile';
import { registerWhoChanged } from './features/whoChanged/registerWhoChanged';
import { createApiSourceProvider } from './host/apiSource';
import { CommandIds } from './host/commandIds';
import { windowPrompter } from './host/prompter';
import { QueryHistory } from './host/queryHistory';
import { registerCommand } from './host/registerCommand';
import { createServices } from './host/services';
import { createTestApi, isTestMode, type TestApi } from './host/testApi';
import { TreeState } from './host/tree/treeState';

/** Activation builds the services and registers each feature; it does no network or credential work. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activationStart = performance.now();
  const history = new QueryHistory(context.globalState);
  // The trail store (global storage) opens on first use: a bucket, or lookups with trailCache.lookups on.
  const trailCache = createTrailCache(context);
  const services = createServices(context, { apiSource: createApiSourceProvider({ lookupStore: () => trailCache.open().store }), prompter: windowPrompter, history, trees: new TreeState() });
  const log = services.log('Extension');
  const showLogs = (): void => {
    services.logger.show();
  };
  context.subscriptions.push(registerCommand(CommandIds.showLogs, showLogs, { log, showLogs }));
  // Each feature registers its views, panels, commands and editor integration; none imports another.
  const profile = registerProfile(services);
  const events = registerEvents(services);
  const lookups = registerLookups(services);
  const whoChanged = registerWhoChanged(services);
  const eventPanel = registerEventPanel(services);
  const archive = registerArchives(services);
  registerBucket(services, trailCache);
  registerBlame(services);
  const athena = registerAthena(services);

  // Integration tests read the live instances through this (read-only); users never get it.
  if (!isTestMode()) return undefined;
  return createTestApi({ activationMs: performance.now() - activationStart, events, ...lookups, eventPanel, archive, athena, history: () => history.list(), ...whoChanged, ...profile });
}

export function deactivate(): void {
  // Disposables are released through context.subscriptions.
}
