import * as vscode from 'vscode';
import { progressText } from '../core/safeText';

/** Bridges a VS Code cancellation token to an AbortSignal, so `core` and `aws` never see VS Code types. */
export function abortSignalFrom(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => {
    controller.abort();
  });
  return {
    signal: controller.signal,
    dispose: () => {
      listener.dispose();
    },
  };
}

/**
 * Runs long work with a cancellable notification; `report` updates its message (e.g. a live count).
 * Title and messages are shown as text: links and `$(icon)` syntax in them stay inert.
 */
export async function withCancellableNotification<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressText(title), cancellable: true }, async (progress, token) => {
    const bridge = abortSignalFrom(token);
    try {
      return await work(bridge.signal, (message) => {
        progress.report({ message: progressText(message) });
      });
    } finally {
      bridge.dispose();
    }
  });
}

/** Shows progress on a view (the spinner in the view's title) while `work` runs. */
export async function withViewProgress<T>(viewId: string, work: () => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: { viewId } }, work);
}
