import * as vscode from 'vscode';
import { settings, type GroupByKey } from '../host/settings';
import { EVENTS_VIEW_ID } from './eventsModel';
import type { ScriptedAnswer } from './prompter';
import type { RESULTS_VIEW_ID } from './results/resultsTreeProvider';
import type { NewResultSet } from './results/resultsStore';
import type { TreeNode } from './treeNodes';
import type { ViewFilter } from './viewFilter';
import type { ViewsHandle } from './registerViews';

/** One rendered tree item, as a test sees it. */
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

/** The views' part of the TestApi (`api.views`). */
export interface ViewsTestApi {
  /** Renders a view's items, expanding collapsible ones down to `depth` levels (1 = root only). */
  getTreeSnapshot(viewId: typeof EVENTS_VIEW_ID | typeof RESULTS_VIEW_ID, depth?: number): Promise<TreeSnapshotItem[]>;
  /** Writes the groupBy setting (as the Group By submenu does) and waits until the trees re-render. */
  setGroupBy(key: GroupByKey): Promise<void>;
  /** A full load of the Events view, awaited. */
  reloadEvents(): Promise<void>;
  /** The Refresh button (newer events only, merged), awaited. */
  refreshEvents(): Promise<void>;
  /** "Load more…", awaited; concurrent calls share one request. */
  loadMore(): Promise<void>;
  /** Waits until no load, refresh or load more runs. */
  whenIdle(): Promise<void>;
  eventCount(): number;
  getStatusBarText(): Promise<string>;
  /** Queues an answer for the next quick pick / input box the views show. */
  queuePromptAnswer(answer: ScriptedAnswer): void;
  /** Labels offered by the last quick pick. */
  lastPromptLabels(): readonly string[];
  setFilter(filter: Partial<ViewFilter>): Promise<void>;
  addResultSet(set: NewResultSet): string;
}

export function createViewsTestApi(views: ViewsHandle): ViewsTestApi {
  const providerFor = (viewId: string): vscode.TreeDataProvider<TreeNode> => (viewId === EVENTS_VIEW_ID ? views.eventsTree : views.resultsTree);
  const snapshot = async (provider: vscode.TreeDataProvider<TreeNode>, node: TreeNode | undefined, depth: number): Promise<TreeSnapshotItem[]> => {
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
        ...(collapsible && depth > 1 ? { children: await snapshot(provider, child, depth - 1) } : {}),
      });
    }
    return out;
  };
  return {
    getTreeSnapshot: (viewId, depth = 1) => snapshot(providerFor(viewId), undefined, depth),
    async setGroupBy(key) {
      const rendered = new Promise<void>((resolve) => {
        if (settings.groupBy() === key) {
          resolve();
          return;
        }
        const listener = views.eventsTree.onDidChangeTreeData(() => {
          listener.dispose();
          resolve();
        });
      });
      await settings.update('groupBy', key);
      await rendered;
    },
    reloadEvents: () => views.events.load(),
    refreshEvents: () => views.events.refresh(),
    loadMore: () => views.events.loadMore(),
    whenIdle: () => views.events.whenIdle(),
    eventCount: () => views.events.events.length,
    async getStatusBarText() {
      await views.statusBar.update();
      return views.statusBar.text;
    },
    queuePromptAnswer: (answer) => {
      views.prompter.queue(answer);
    },
    lastPromptLabels: () => views.prompter.lastOffered,
    setFilter: (filter) => views.filter.set(filter),
    addResultSet: (set) => views.results.add(set),
  };
}
