import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { TrailEvent } from '../core/model';
import type { ComponentLogger } from '../host/logger';
import { settings } from '../host/settings';
import type { EventsModel } from './eventsModel';
import type { FilterState } from './filterState';
import { emptyNodes, failureNodes, regionErrorNodes } from './messageNodes';
import { GroupLimits } from './groupLimits';
import { resolveEventTooltip, toTreeItem } from './treeItems';
import { buildLevel, groupChildren, GROUPING_LEVELS, type MessageNode, type TreeNode } from './treeNodes';
import { applyViewFilter } from './viewFilter';

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
  private readonly limits = new GroupLimits();

  constructor(
    private readonly model: EventsModel,
    private readonly filter: FilterState,
    private readonly log: ComponentLogger,
    /** Called when the tree is first shown while nothing was loaded; resolves to false when no profile exists. */
    private readonly ensureStarted: () => void,
  ) {
    this.disposables.push(
      model.onDidChange(() => {
        this.refresh();
      }),
      filter.onDidChange(() => {
        this.refresh();
      }),
      settings.onDidChange(['groupBy'], () => {
        this.refresh();
      }),
    );
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, Date.now());
  }

  getChildren(node?: TreeNode): TreeNode[] {
    try {
      const children = node === undefined ? this.rootNodes() : node.kind === 'group' ? groupChildren(node, this.limits.get(node.id)) : [];
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

  /** "Show more…" under a big group. */
  showMore(groupId: string): void {
    this.limits.showMore(groupId);
    this.refresh(this.parents.get(`${groupId}/showMore`));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  /** The events left after the filter box and errors-only toggle (cached until either changes). */
  visibleEvents(): readonly TrailEvent[] {
    const source = this.model.events;
    const filter = this.filter.value;
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
            filter: this.filter.value,
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
