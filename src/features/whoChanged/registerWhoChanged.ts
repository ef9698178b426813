// "Who changed this?": the command, the editor context key that shows it in the context menu, and
// the ARN hover. Every handler goes through host/registerCommand.
import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import type { TestApi } from '../../host/testApi';
import { hasTargetAt, registerArnAtCursorContext } from './arnAtCursorContext';
import { ArnHoverProvider } from './arnHover';
import { DOCUMENT_SELECTOR } from './supportedDocuments';
import { whoChanged } from './whoChanged';
import type { WhoChangedDeps } from './whoChangedDeps';

/** The part of the TestApi this feature answers. */
export type WhoChangedTestApi = Pick<TestApi, 'arnAtCursor'>;

/** Registers the command, the context key and the hover. */
export function registerWhoChanged(services: Services): WhoChangedTestApi {
  const log = services.log('WhoChanged');
  const deps: WhoChangedDeps = { services, prompter: services.prompter, log, history: services.history, now: () => services.now() };
  services.context.subscriptions.push(
    registerCommand(CommandIds.whoChanged, (arg: unknown) => whoChanged(deps, arg), { log, showLogs: () => { services.logger.show(); } }),
    ...registerArnAtCursorContext(),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new ArnHoverProvider()),
  );
  return { arnAtCursor: () => hasTargetAt(vscode.window.activeTextEditor) };
}
