import * as vscode from 'vscode';

/** Opens a terminal and runs `aws sso login --profile X` so the user can finish the browser flow. */
export function runSsoLogin(profile?: unknown): void {
  if (typeof profile !== 'string' || !/^[\w.@+-]+$/.test(profile)) throw new Error('No valid profile name was given for aws sso login.');
  const terminal = vscode.window.createTerminal({ name: `aws sso login (${profile})` });
  terminal.show();
  terminal.sendText(`aws sso login --profile ${profile}`);
}
