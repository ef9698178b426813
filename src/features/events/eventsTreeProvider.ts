import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import type { TrailEvent } from '../../core/model';
import type { ComponentLogger } from '../../host/logger';
import { settings } from '../../host/settings';
import type { EventsModel } from './eventsModel';
import { emptyNodes, failureNodes, regionErrorNodes, retryRegionsNode } from '../../host/tree/messageNodes';
import type { TreeState } from '../../host/tree/treeState';
import { resolveEventTooltip, toTreeItem } from '../../host/tree/treeItems';
import { buildLevel, groupChildren, GROUPING_LEVELS, type MessageNode, type TreeNode } from '../../host/tree/treeNodes';
import { applyViewFilter } from '../../core/viewFilter';

/**
 * Maps the EventsModel to tree items. Groups are built lazily (root on change, children on
 * expand) and `getChildren` never throws: failures become an error item with "Show Logs".
 */
export class EventsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<string, TreeNode>();
  private filtered: { source: readonly TrailEvent[]; filter: unknown; events: readonly TrailEvent[] } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly model: EventsModel,
    private readonly trees: TreeState,
    private readonly log: ComponentLogger,
    /** Called when the tree is first shown while nothing was loaded; resolves to false when no profile exists. */
    private readonly ensureStarted: () => void,
  ) {
    this.disposables.push(
      model.onDidChange(() => {
        this.refresh();
      }),
      trees.filter.onDidChange(() => {
        this.refresh();
      }),
      settings.onDidChange(['groupBy'], () => {
        this.refresh();
      }),
      trees.limits.onDidShowMore((groupId) => {
        // Only groups of this tree have a parent here; the Results tree refreshes its own.
        const parent = this.parents.get(`${groupId}/showMore`);
        if (parent) this.refresh(parent);
      }),
    );
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, Date.now(), this.trees.filter.value.integrity);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    try {
      const children = node === undefined ? this.rootNodes() : node.kind === 'group' ? groupChildren(node, this.trees.limits.get(node.id)) : [];
      if (node !== undefined) for (const child of children) this.parents.set(child.id, node);
      return children;
    } catch (err) {
      this.log.error('could not build the tree', err);
      return failureNodes({ message: `Could not show events: ${err instanceof Error ? err.message : String(err)}` }, 'internal/', CommandIds.eventsRefresh);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    return resolveEventTooltip(item, node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  /** The events left after the filter box and errors-only toggle (cached until either changes). */
  visibleEvents(): readonly TrailEvent[] {
    const source = this.model.events;
    const filter = this.trees.filter.value;
    if (this.filtered?.source !== source || this.filtered.filter !== filter) {
      this.filtered = { source, filter, events: applyViewFilter(source, filter) };
    }
    return this.filtered.events;
  }

  private rootNodes(): TreeNode[] {
    this.parents.clear();
    const model = this.model;
    if (model.state === 'idle') {
      this.ensureStarted();
      return [];
    }
    if (model.state === 'failed' && model.loadFailure) {
      return [...failureNodes(model.loadFailure, '', CommandIds.eventsRefresh), ...regionErrorNodes(model.regionErrors, '')];
    }
    const events = this.visibleEvents();
    const head: TreeNode[] = regionErrorNodes(model.regionErrors, '');
    if (model.canRetry) head.push(retryRegionsNode('', CommandIds.eventsRetry));
    if (model.state === 'loading' && model.events.length === 0) {
      return [...head, loadingNode(model.progress)];
    }
    if (model.cancelled) {
      head.push({ kind: 'message', id: 'message/cancelled', severity: 'warning', label: `Loading was cancelled: showing ${model.events.length.toLocaleString('en-US')} events.`, command: { command: CommandIds.eventsRefresh, title: 'Refresh' }, description: 'click to load again' });
    }
    if (events.length === 0 && model.state !== 'loading') {
      const search = model.lastSearch;
      const fallback = search && search.query.regions.length > 0 ? search.query.regions.join(', ') : 'the profile region';
      return [
        ...head,
        ...emptyNodes(
          {
            lookbackHours: settings.lookbackHours(),
            regions: search?.query.regions ?? settings.regions(),
            includeReadOnly: search?.query.includeReadOnly ?? settings.includeReadOnly(),
            loaded: model.events.length,
            filter: this.trees.filter.value,
          },
          '',
          fallback,
        ),
        ...(model.canLoadMore ? [this.loadMoreNode()] : []),
      ];
    }
    const groups = buildLevel(events, GROUPING_LEVELS[settings.groupBy()], 0, '');
    return [...head, ...groups, ...(model.canLoadMore ? [this.loadMoreNode()] : [])];
  }

  private loadMoreNode(): TreeNode {
    return { kind: 'loadMore', id: 'loadMore', target: 'events', loading: this.model.loadingMore, loaded: this.model.events.length };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

function loadingNode(count: number): MessageNode {
  return {
    kind: 'message',
    id: 'message/loading',
    severity: 'info',
    label: count > 0 ? `Loading events… ${count.toLocaleString('en-US')} so far` : 'Loading events…',
    icon: 'loading~spin',
    description: 'click to cancel',
    command: { command: CommandIds.eventsCancel, title: 'Cancel' },
  };
}
