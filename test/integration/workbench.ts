// What a user sees and does, for the integration suites: prompts answered and notifications read by
// stubbing `vscode.window` in the extension host (the extension and these tests share one `vscode`
// API object), tree items read through the TestApi's providers the way the workbench reads them, and
// the Events view driven through its commands and settings. Nothing here reaches into the extension.
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import type { TestApi, TreeProvider } from '../../src/host/testApi';
import type { TreeNode } from '../../src/host/tree/treeNodes';

/** An answer to the next prompt: a label (or several), the text to type, a choice among the offered labels, or undefined to dismiss. */
export type Answer = string | readonly string[] | undefined | ((labels: readonly string[], options: { readonly title?: string; readonly value?: string }) => string | readonly string[] | undefined);

/** A notification the user was shown. */
export interface Shown {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

/**
 * The stubbed prompts and the recorded notifications of one suite. `install()` in `before`,
 * `restore()` in `after`. A prompt with no queued answer is dismissed (as Escape would), and
 * recorded in `unanswered`, so a test never hangs on a prompt it did not expect.
 */
export class WorkbenchUi {
  private readonly sandbox = sinon.createSandbox();
  private readonly answers: Answer[] = [];
  private cancelAfterEvents: number | undefined;
  /** Labels offered by the most recent quick pick. */
  offered: readonly string[] = [];
  /** Titles of every prompt shown, oldest first (a quick pick's title is what the user reads first). */
  readonly titles: string[] = [];
  /** Titles of prompts that came with no queued answer (and were dismissed). */
  readonly unanswered: string[] = [];
  /** What input boxes showed while validating typed text, oldest first. */
  readonly validationMessages: string[] = [];
  /** Notifications shown, oldest first. */
  readonly shown: Shown[] = [];
  /** URLs the extension asked the OS to open (none is opened). */
  readonly opened: string[] = [];

  install(): this {
    const { window } = vscode;
    this.sandbox.stub(window, 'showQuickPick').callsFake(((items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) =>
      this.pick(items, options)) as never);
    this.sandbox.stub(window, 'showInputBox').callsFake(((options?: vscode.InputBoxOptions) => this.input(options ?? {})));
    this.sandbox.stub(window, 'createQuickPick').callsFake(() => this.quickPick());
    for (const [name, level] of [
      ['showInformationMessage', 'info'],
      ['showWarningMessage', 'warning'],
      ['showErrorMessage', 'error'],
    ] as const) {
      this.sandbox.stub(window, name).callsFake(((text: string) => {
        this.shown.push({ level, text });
        return Promise.resolve(undefined);
      }));
    }
    this.sandbox.stub(vscode.env, 'openExternal').callsFake((uri: vscode.Uri) => {
      this.opened.push(uri.toString(true));
      return Promise.resolve(true);
    });
    const withProgress = window.withProgress.bind(window);
    this.sandbox.stub(window, 'withProgress').callsFake(((options: vscode.ProgressOptions, task: Parameters<typeof window.withProgress>[1]) =>
      withProgress(options, (progress, token) => this.watchProgress(progress, token, task))));
    return this;
  }

  restore(): void {
    this.sandbox.restore();
  }

  /** Queues answers for the next prompts, in order. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  /** Presses Cancel on the next cancellable progress notification once its message counts this many events. */
  cancelNextAfter(events: number): void {
    this.cancelAfterEvents = events;
  }

  /** Notifications shown since `from` (an index into `shown`), as text. */
  shownSince(from: number, level?: Shown['level']): string[] {
    return this.shown.slice(from).filter((s) => level === undefined || s.level === level).map((s) => s.text);
  }

  private next(title: string | undefined): Answer | { readonly none: true } {
    this.titles.push(title ?? '');
    if (this.answers.length === 0) {
      this.unanswered.push(title ?? '(untitled)');
      return { none: true };
    }
    return this.answers.shift();
  }

  private async pick(items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options: vscode.QuickPickOptions = {}): Promise<unknown> {
    const all = await items;
    const offered = all.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    this.offered = offered.map((i) => i.label);
    const answer = this.next(options.title);
    if (answer !== undefined && typeof answer === 'object' && 'none' in answer) return undefined;
    const chosen = typeof answer === 'function' ? answer(this.offered, options.title !== undefined ? { title: options.title } : {}) : answer;
    if (chosen === undefined) return undefined;
    const labels = typeof chosen === 'string' ? [chosen] : chosen;
    const picked = offered.filter((i) => labels.includes(i.label));
    return options.canPickMany === true ? picked : picked[0];
  }

  /**
   * A quick pick the extension drives itself (createQuickPick), answered like a user would: an answer
   * that is one of the offered labels is chosen with the arrow keys; any other text is typed into the
   * box (value change events fire, the extension may rebuild its items) and Enter accepts the row the
   * quick pick then has active — its first — as the real one does.
   */
  private quickPick(): vscode.QuickPick<vscode.QuickPickItem> {
    const value = new vscode.EventEmitter<string>();
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const state = { items: [] as readonly vscode.QuickPickItem[], active: [] as readonly vscode.QuickPickItem[], value: '', title: undefined as string | undefined };
    const pick = {
      get items() { return state.items; },
      set items(items: readonly vscode.QuickPickItem[]) { state.items = items; state.active = items.slice(0, 1); },
      get activeItems() { return state.active; },
      set activeItems(items: readonly vscode.QuickPickItem[]) { state.active = items; },
      get selectedItems() { return state.active; },
      get value() { return state.value; },
      set value(text: string) { state.value = text; },
      get title() { return state.title; },
      set title(text: string | undefined) { state.title = text; },
      onDidChangeValue: value.event,
      onDidAccept: accept.event,
      onDidHide: hide.event,
      show: () => {
        setImmediate(() => {
          this.offered = state.items.map((i) => i.label);
          const answer = this.next(state.title);
          if (answer !== undefined && typeof answer === 'object' && 'none' in answer) {
            hide.fire();
            return;
          }
          const chosen = typeof answer === 'function' ? answer(this.offered, state.title !== undefined ? { title: state.title } : {}) : answer;
          const text = typeof chosen === 'string' ? chosen : chosen?.[0];
          if (text === undefined) {
            hide.fire();
            return;
          }
          const offered = state.items.find((i) => i.label === text);
          if (offered) state.active = [offered];
          else {
            state.value = text;
            value.fire(text);
          }
          accept.fire();
        });
      },
      hide: () => { hide.fire(); },
      dispose: () => { value.dispose(); accept.dispose(); hide.dispose(); },
    };
    return pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  }

  /** Like the real input box: a value its validation refuses shows the message and is typed again (the next answer). */
  private async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    for (;;) {
      const answer = this.next(options.title);
      if (answer !== undefined && typeof answer === 'object' && 'none' in answer) return undefined;
      const typed = typeof answer === 'function' ? answer([], { ...(options.title !== undefined ? { title: options.title } : {}), ...(options.value !== undefined ? { value: options.value } : {}) }) : answer;
      const value = typed === undefined || typeof typed === 'string' ? typed : typed[0];
      if (value === undefined) return undefined;
      const check = await options.validateInput?.(value);
      const message = typeof check === 'string' ? check : check?.message;
      if (message === undefined || message === '') return value;
      this.validationMessages.push(message);
    }
  }

  private watchProgress<R>(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken, task: (p: vscode.Progress<{ message?: string; increment?: number }>, t: vscode.CancellationToken) => Thenable<R>): Thenable<R> {
    const limit = this.cancelAfterEvents;
    if (limit === undefined) return task(progress, token);
    this.cancelAfterEvents = undefined;
    const cancel = new vscode.CancellationTokenSource();
    token.onCancellationRequested(() => {
      cancel.cancel();
    });
    return task(
      {
        report: (value) => {
          progress.report(value);
          const count = /^([\d,]+) events?\b/.exec(value.message ?? '');
          if (count && Number(count[1].replace(/,/g, '')) >= limit) cancel.cancel();
        },
      },
      cancel.token,
    );
  }
}

/** One rendered tree item, as the workbench would show it. */
export interface TreeSnapshotItem {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly contextValue?: string;
  readonly icon?: string;
  readonly command?: string;
  readonly collapsible: boolean;
  readonly children?: readonly TreeSnapshotItem[];
}

/** Every item of a snapshot, depth first (a parent before its children). */
export function walkSnapshot(items: readonly TreeSnapshotItem[]): TreeSnapshotItem[] {
  return items.flatMap((i) => [i, ...walkSnapshot(i.children ?? [])]);
}

/** Renders a view's items through its provider, expanding collapsible ones down to `depth` levels (1 = root only). */
export async function treeSnapshot(provider: TreeProvider, depth = 1, node?: TreeNode): Promise<TreeSnapshotItem[]> {
  const children = (await provider.getChildren(node)) ?? [];
  const out: TreeSnapshotItem[] = [];
  for (const child of children) {
    const plain = await provider.getTreeItem(child);
    const item = provider.resolveTreeItem ? ((await provider.resolveTreeItem(plain, child, new vscode.CancellationTokenSource().token)) ?? plain) : plain;
    const collapsible = item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
    out.push({
      id: item.id ?? child.id,
      label,
      collapsible,
      ...(typeof item.description === 'string' ? { description: item.description } : {}),
      ...(tooltip !== undefined ? { tooltip } : {}),
      ...(item.contextValue !== undefined ? { contextValue: item.contextValue } : {}),
      ...(item.iconPath instanceof vscode.ThemeIcon ? { icon: item.iconPath.id } : {}),
      ...(item.command ? { command: item.command.command } : {}),
      ...(collapsible && depth > 1 ? { children: await treeSnapshot(provider, depth - 1, child) } : {}),
    });
  }
  return out;
}

/** Polls `condition` every 100 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('cloudtrailInvestigator');
}

/** The Events and Results views, driven through commands and settings as a user drives them. */
export class Views {
  constructor(
    private readonly api: TestApi,
    private readonly ui: WorkbenchUi,
  ) {}

  getTreeSnapshot(viewId: 'cloudtrailInvestigator.events' | 'cloudtrailInvestigator.results', depth = 1): Promise<TreeSnapshotItem[]> {
    return treeSnapshot(viewId === 'cloudtrailInvestigator.events' ? this.api.events.tree : this.api.results.tree, depth);
  }

  /** The Group By submenu: the command writes the setting; resolves once the Events tree re-rendered. */
  async setGroupBy(key: 'service' | 'principal' | 'resource' | 'region' | 'channel' | 'human'): Promise<void> {
    if (config().get('groupBy') === key) return;
    const rendered = new Promise<void>((resolve) => {
      const listener = this.api.events.tree.onDidChangeTreeData(() => {
        listener.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand(`cloudtrailInvestigator.events.groupBy.${key}`);
    await rendered;
  }

  /**
   * Opens the Events view, as clicking it in the activity bar does: the workbench renders it, reading
   * its root items, and that first read starts its first load. Resolves once that load finished (a view
   * already open loads nothing new). Suites call this before anything that expects loaded events.
   */
  async openEvents(): Promise<void> {
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.focus');
    // A view never shown has no items (not even "Loading…") until its first load starts.
    const deadline = Date.now() + 45_000;
    while ((await this.getTreeSnapshot('cloudtrailInvestigator.events')).length === 0) {
      if (Date.now() > deadline) throw new Error('timed out waiting until the opened Events view started loading');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.whenIdle();
  }

  /**
   * A full load of the Events view, as a change of the time window causes one: the window moves by an
   * hour and back at once, so one reload runs with the suite's setting.
   */
  async reloadEvents(): Promise<void> {
    const hours = config().inspect<number>('lookbackHours')?.globalValue;
    await config().update('lookbackHours', (hours ?? 24) + 1, vscode.ConfigurationTarget.Global);
    await config().update('lookbackHours', hours, vscode.ConfigurationTarget.Global);
    await this.settle();
  }

  /** Waits for a settings-triggered reload to be scheduled, start and finish. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await this.whenIdle();
  }

  /** The Refresh button. */
  async refreshEvents(): Promise<void> {
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.refresh');
  }

  /** "Load more…". */
  async loadMore(): Promise<void> {
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.loadMore');
  }

  whenIdle(): Promise<void> {
    return this.api.events.whenIdle();
  }

  eventCount(): number {
    return this.api.events.eventCount();
  }

  getStatusBarText(): Promise<string> {
    return this.api.statusBarText();
  }

  /** The title bar's filter box and errors-only toggle. */
  async setFilter(filter: { readonly text?: string; readonly errorsOnly?: boolean }): Promise<void> {
    if (filter.text === '' && filter.errorsOnly === false) {
      await vscode.commands.executeCommand('cloudtrailInvestigator.events.clearFilter');
      return;
    }
    if (filter.text !== undefined) {
      this.ui.answer(filter.text);
      await vscode.commands.executeCommand('cloudtrailInvestigator.events.filter');
    }
    if (filter.errorsOnly !== undefined) await vscode.commands.executeCommand(filter.errorsOnly ? 'cloudtrailInvestigator.events.showErrorsOnly' : 'cloudtrailInvestigator.events.showAllResults');
  }
}
