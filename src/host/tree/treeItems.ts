import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { TrailEvent } from '../../core/model';
import { isFailed } from '../../core/outcome';
import { plainText } from '../../core/safeText';
import type { IntegrityIndex } from '../../core/provenance';
import { integrityBadge } from './integrityBadge';
import { ContextValues, eventContextValue } from './contextValues';
import { eventAccessibilityLabel, eventDescription, eventTooltipMarkdown, groupLabel, type GroupDimension } from '../../core/presentation';
import type { EventNode, GroupNode, LoadMoreNode, MessageNode, TreeNode } from './treeNodes';

const GROUP_ICONS: Readonly<Record<GroupDimension, string>> = {
  service: 'server-process',
  eventName: 'symbol-method',
  principal: 'person',
  resource: 'package',
  region: 'globe',
  channel: 'tools',
  human: 'account',
};

/** Maps a node to its TreeItem; `now` is passed in so one render uses one clock. */
export function toTreeItem(node: TreeNode, now: number, integrity?: IntegrityIndex): vscode.TreeItem {
  switch (node.kind) {
    case 'group':
      return groupItem(node);
    case 'event':
      return eventItem(node, now, integrity);
    case 'loadMore':
      return loadMoreItem(node);
    case 'message':
      return messageItem(node);
    case 'resultSet':
      // The Results provider renders result sets itself; this keeps the switch exhaustive.
      return new vscode.TreeItem(plainText(node.setId));
  }
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(groupLabel(node)), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.dimension]);
  item.contextValue = `${ContextValues.group}:${node.dimension}`;
  item.tooltip = plainText(`${node.label}: ${node.count.toLocaleString('en-US')} event${node.count === 1 ? '' : 's'}`);
  item.accessibilityInformation = { label: `${node.dimension} ${node.label}, ${node.count} events` };
  return item;
}

function eventItem(node: EventNode, now: number, integrity: IntegrityIndex | undefined): vscode.TreeItem {
  const e = node.event;
  const item = new vscode.TreeItem(plainText(e.name), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const badge = integrityBadge(e, integrity);
  item.description = plainText(badge === undefined ? eventDescription(e, node.shown, now) : `${badge} · ${eventDescription(e, node.shown, now)}`);
  item.iconPath = badge === undefined ? eventIcon(e) : new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
  item.contextValue = eventContextValue({
    failed: isFailed(e),
    hasResource: e.resources.length > 0,
    hasAccessKey: e.principal.accessKeyId !== undefined,
    hasArn: e.principal.arn !== undefined || e.resources.some((r) => r.arn !== undefined),
    hasUserName: e.principal.userName !== undefined,
  });
  item.accessibilityInformation = { label: eventAccessibilityLabel(e, now), role: 'treeitem' };
  item.command = { command: CommandIds.showEventDetails, title: 'Show Event Details', arguments: [e] };
  return item;
}

/**
 * The Markdown tooltip, built only when the item is hovered (`resolveTreeItem`): rendering it for
 * every item of a large group was most of the cost of opening it.
 */
export function resolveEventTooltip(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
  if (node.kind === 'event' && item.tooltip === undefined) {
    const tooltip = new vscode.MarkdownString(eventTooltipMarkdown(node.event, Date.now()));
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
  }
  return item;
}

function eventIcon(e: TrailEvent): vscode.ThemeIcon {
  if (isFailed(e)) return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  // Read-only calls rarely matter in an investigation: a dim icon keeps them quieter than writes.
  if (e.readOnly === true) return new vscode.ThemeIcon('eye', new vscode.ThemeColor('disabledForeground'));
  return new vscode.ThemeIcon('symbol-event');
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.loading ? 'Loading more…' : 'Load more…', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = plainText(`${node.loaded.toLocaleString('en-US')} loaded`);
  item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'ellipsis');
  item.contextValue = ContextValues.loadMore;
  if (!node.loading) {
    const command = node.target === 'events' ? CommandIds.eventsLoadMore : CommandIds.resultsLoadMore;
    item.command = { command, title: 'Load More', arguments: node.target === 'events' ? [] : [node.target] };
  }
  return item;
}

const MESSAGE_ICONS: Readonly<Record<MessageNode['severity'], vscode.ThemeIcon>> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')),
  info: new vscode.ThemeIcon('info'),
  action: new vscode.ThemeIcon('play'),
};

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(plainText(node.label), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  if (node.description !== undefined) item.description = plainText(node.description);
  item.tooltip = plainText(node.tooltip ?? node.label, { multiline: true, maxLength: 2000 });
  item.iconPath = node.icon !== undefined && node.severity !== 'error' ? new vscode.ThemeIcon(node.icon) : MESSAGE_ICONS[node.severity];
  item.contextValue =
    node.severity === 'error' ? ContextValues.messageError : node.severity === 'warning' ? ContextValues.messageWarning : ContextValues.messageInfo;
  if (node.command) item.command = { command: node.command.command, title: node.command.title, arguments: node.command.arguments ? [...node.command.arguments] : [] };
  return item;
}
