import * as vscode from 'vscode';
import type { ComponentLogger } from '../../../host/logger';
import { settings } from '../../../host/settings';
import { ContextValues } from '../../../host/tree/contextValues';
import { failureNodes, regionErrorNodes, retryRegionsNode } from '../../../host/tree/messageNodes';
import type { TreeState } from '../../../host/tree/treeState';
import { resolveEventTooltip, toTreeItem } from '../../../host/tree/treeItems';
import { buildLevel, groupChildren, GROUPING_LEVELS, type ResultSetNode, type TreeNode } from '../../../host/tree/treeNodes';
import { applyViewFilter, describeFilter } from '../../../core/viewFilter';
import { plainText } from '../../../core/safeText';
import { emptyResultText, planDescription, resultSetDescription, statsDescription } from './resultSetText';
import { CommandIds } from '../../../host/commandIds';
import type { ResultsStore } from './resultsStore';

/**
 * The Results view: one expandable node per result set (titled by its query, closable), with
 * the plan and counters as its first child and the same grouping and items as the Events view.
 */
export class ResultsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<string, TreeNode>();
  private readonly disposables: { dispose(): void }[] = [];

  constructor(
    private readonly store: ResultsStore,
    private readonly trees: TreeState,
    private readonly log: ComponentLogger,
  ) {
    const refresh = (): void => {
      this.changed.fire(undefined);
    };
    this.disposables.push(
      store.onDidChange(refresh),
      trees.filter.onDidChange(refresh),
      settings.onDidChange(['groupBy'], refresh),
      trees.limits.onDidShowMore((groupId) => {
        // Only groups of this tree have a parent here; the Events tree refreshes its own.
        const parent = this.parents.get(`${groupId}/showMore`);
        if (parent) this.changed.fire(parent);
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'resultSet') return toTreeItem(node, Date.now(), this.trees.filter.value.integrity);
    const set = this.store.get(node.setId);
    const item = new vscode.TreeItem(set ? plainText(set.title) : 'Closed result set', vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.iconPath = new vscode.ThemeIcon('search');
    if (set) {
      item.description = plainText(resultSetDescription(set));
      item.tooltip = plainText(`${set.title}\n${planDescription(set)}\n${statsDescription(set)}`, { multiline: true });
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
      const children = node.kind === 'resultSet' ? this.setChildren(node) : node.kind === 'group' ? groupChildren(node, this.trees.limits.get(node.id)) : [];
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
    // A region that stopped mid-scan kept what it delivered; Retry resumes it from where it stopped.
    if (set.result.retry !== undefined && !set.loadingMore) {
      out.push(retryRegionsNode(prefix, CommandIds.resultsRetry, [set.id]));
    }
    const events = applyViewFilter(set.events, this.trees.filter.value);
    if (events.length === 0) {
      const label = set.events.length > 0 ? `No events match the filter (${describeFilter(this.trees.filter.value)}).` : emptyResultText(set);
      out.push({ kind: 'message', id: `${prefix}message/empty`, severity: 'info', label, tooltip: label });
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
