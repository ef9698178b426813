import * as vscode from 'vscode';

/**
 * The prompts the views show, behind one seam: integration tests (which cannot stub the extension's
 * own `vscode` module from the outside) script the answers through the TestApi.
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

/** A scripted answer: given the offered items (labels), returns the labels to choose, or undefined to dismiss. */
export type ScriptedAnswer = (labels: readonly string[], options: { title?: string; value?: string }) => readonly string[] | string | undefined;

/** Wraps a prompter so queued answers are used first (tests), then falls back to the real UI. */
export class ScriptablePrompter implements Prompter {
  private readonly answers: ScriptedAnswer[] = [];
  /** Labels offered by the most recent prompt, for assertions. */
  lastOffered: readonly string[] = [];

  constructor(private readonly fallback: Prompter) {}

  queue(answer: ScriptedAnswer): void {
    this.answers.push(answer);
  }

  async pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const answer = this.next(items, options);
    if (!answer.scripted) return this.fallback.pickOne(items, options);
    const label = answer.labels?.[0];
    return items.find((i) => i.label === label);
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    const answer = this.next(items, options);
    if (!answer.scripted) return this.fallback.pickMany(items, options);
    const labels = answer.labels;
    if (labels === undefined) return undefined;
    return items.filter((i) => labels.includes(i.label));
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const answer = this.answers.shift();
    if (!answer) return this.fallback.input(options);
    const value = answer([], { ...(options.title ? { title: options.title } : {}), ...(options.value ? { value: options.value } : {}) });
    return value === undefined || typeof value === 'string' ? value : value[0];
  }

  private next(items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions): { scripted: false } | { scripted: true; labels: readonly string[] | undefined } {
    const answer = this.answers.shift();
    const offered = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label);
    this.lastOffered = offered;
    if (!answer) return { scripted: false };
    const value = answer(offered, options.title ? { title: options.title } : {});
    return { scripted: true, labels: typeof value === 'string' ? [value] : value };
  }
}
