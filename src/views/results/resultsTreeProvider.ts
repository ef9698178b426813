import * as vscode from 'vscode';
import type { ComponentLogger } from '../../host/logger';
import { settings } from '../../host/settings';
import { ContextValues } from '../contextValues';
import type { FilterState } from '../filterState';
import { failureNodes, regionErrorNodes } from '../messageNodes';
import { GroupLimits } from '../groupLimits';
import { resolveEventTooltip, toTreeItem } from '../treeItems';
import { buildLevel, groupChildren, GROUPING_LEVELS, type ResultSetNode, type TreeNode } from '../treeNodes';
import { applyViewFilter, describeFilter } from '../viewFilter';
import { planDescription, resultSetDescription, statsDescription } from './resultSetText';
import type { ResultsStore } from './resultsStore';

export const RESULTS_VIEW_ID = 'cloudtrailInvestigator.results';

/**
 * The Results view: one expandable node per result set (titled by its query, closable), with
 * the plan and counters as its first child and the same grouping and items as the Events view.
 */
export class ResultsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<string, TreeNode>();
  private readonly disposables: { dispose(): void }[] = [];
  private readonly limits = new GroupLimits();

  constructor(
    private readonly store: ResultsStore,
    private readonly filter: FilterState,
    private readonly log: ComponentLogger,
  ) {
    const refresh = (): void => {
      this.changed.fire(undefined);
    };
    this.disposables.push(store.onDidChange(refresh), filter.onDidChange(refresh), settings.onDidChange(['groupBy'], refresh));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'resultSet') return toTreeItem(node, Date.now());
    const set = this.store.get(node.setId);
    const item = new vscode.TreeItem(set?.title ?? 'Closed result set', vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.iconPath = new vscode.ThemeIcon('search');
    if (set) {
      item.description = resultSetDescription(set);
      item.tooltip = `${set.title}\n${planDescription(set)}\n${statsDescription(set)}`;
      item.contextValue = ContextValues.resultSet;
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    try {
      if (node === undefined) {
        this.parents.clear();
        return this.store.list().map((set): ResultSetNode => ({ kind: 'resultSet', id: `results/${set.id}`, setId: set.id }));
      }
      const children = node.kind === 'resultSet' ? this.setChildren(node) : node.kind === 'group' ? groupChildren(node, this.limits.get(node.id)) : [];
      for (const child of children) this.parents.set(child.id, node);
      return children;
    } catch (err) {
      this.log.error('could not build the results tree', err);
      return failureNodes({ message: `Could not show results: ${err instanceof Error ? err.message : String(err)}` }, 'results/internal/');
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    return resolveEventTooltip(item, node);
  }

  /** "Show more…" under a big group. */
  showMore(groupId: string): void {
    this.limits.showMore(groupId);
    this.changed.fire(this.parents.get(`${groupId}/showMore`));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  private setChildren(node: ResultSetNode): TreeNode[] {
    const set = this.store.get(node.setId);
    if (!set) return [];
    const prefix = `results/${set.id}/`;
    const out: TreeNode[] = [
      { kind: 'message', id: `${prefix}message/plan`, severity: 'info', icon: 'filter', label: planDescription(set), description: statsDescription(set), tooltip: `${planDescription(set)}\n${statsDescription(set)}` },
      ...regionErrorNodes(set.result.regionErrors, prefix),
    ];
    const events = applyViewFilter(set.events, this.filter.value);
    if (events.length === 0) {
      const label = set.events.length > 0 ? `No events match the filter (${describeFilter(this.filter.value)}).` : 'No events matched this lookup.';
      out.push({ kind: 'message', id: `${prefix}message/empty`, severity: 'info', label });
    } else {
      out.push(...buildLevel(events, GROUPING_LEVELS[settings.groupBy()], 0, prefix));
    }
    if (set.result.loadMore) out.push({ kind: 'loadMore', id: `${prefix}loadMore`, target: set.id, loading: set.loadingMore, loaded: set.events.length });
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
