import * as vscode from 'vscode';
import { createTestApi, isTestMode, type TestApi } from './testApi';
import { CommandIds } from './commands/commandIds';
import { registerCommand } from './host/registerCommand';
import { createServices } from './host/services';
import { createApiSourceProvider } from './host/apiSource';
import { registerCommands } from './commands/registerCommands';
import { registerArchiveCommands } from './commands/registerArchiveCommands';
import { registerViews } from './views/registerViews';
import { createViewsTestApi } from './views/viewsTestApi';
import { registerEventPanel } from './webview/registerEventPanel';

/** Activation builds the services and registers the UI; it does no network or credential work. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activationStart = performance.now();
  const services = createServices(context, createApiSourceProvider());
  const log = services.log('Extension');
  const showLogs = (): void => {
    services.logger.show();
  };
  context.subscriptions.push(registerCommand(CommandIds.showLogs, showLogs, { log, showLogs }));
  // Areas register here (views, panels, commands, editor integration).
  const views = registerViews(services);
  const eventPanel = registerEventPanel(services);
  const lookups = registerCommands(services, views);
  const archive = registerArchiveCommands(services, views);

  // Integration tests reach the live instances through this; users never get it.
  return isTestMode() ? createTestApi({ activationMs: performance.now() - activationStart, views: createViewsTestApi(views), eventPanel, lookups, archive }) : undefined;
}

export function deactivate(): void {
  // Disposables are released through context.subscriptions.
}
