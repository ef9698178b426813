import * as vscode from 'vscode';

/** Activation builds the services and registers the UI; it does no network or credential work. */
export function activate(_context: vscode.ExtensionContext): void {
  // Areas register here (views, panels, commands, editor integration).
}

export function deactivate(): void {
  // Disposables are released through context.subscriptions.
}
