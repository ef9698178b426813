import * as vscode from 'vscode';
import { safeMessage } from '../core/safeText';
import { isCancellation } from './cancellation';
import type { ComponentLogger } from './logger';

/**
 * Registers a command with uniform error handling: cancellations are silent, any other failure is
 * logged once and shown with a "Show Logs" action; the message is shown as text (links in it stay inert). Handlers stay plain async functions.
 */
export function registerCommand(
  id: string,
  handler: (...args: never[]) => unknown,
  deps: { log: ComponentLogger; showLogs: () => void; title?: string },
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    deps.log.debug(`run ${id}`);
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      if (isCancellation(err)) return undefined;
      deps.log.error(`${id} failed`, err);
      const message = err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(safeMessage`${deps.title ?? 'CloudTrail'}: ${message}`, 'Show Logs').then((choice) => {
        if (choice === 'Show Logs') deps.showLogs();
      });
      return undefined;
    }
  });
}
