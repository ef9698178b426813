import * as vscode from 'vscode';

/**
 * Quick picks and input boxes, behind one typed seam (single and multiple picks differ in type). It
 * calls `vscode.window` directly: integration tests read and answer the prompts by stubbing those
 * functions in the extension host, so nothing here knows about tests.
 */
export interface Prompter {
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
}

export const windowPrompter: Prompter = {
  pickOne: async (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: false }),
  pickMany: async (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  input: async (options) => vscode.window.showInputBox(options),
};
