/**
 * The trees' nodes as plain data, built lazily: a level is grouped only when its parent is
 * expanded, so 20,000 events cost one pass for the root and one pass per opened group.
 * Shared by the Events view and the Results view (which prefixes ids with its result set).
 */
import { CommandIds } from '../commandIds';
import { groupEvents } from '../../core/grouping';
import type { TrailEvent } from '../../core/model';
import type { GroupDimension } from '../../core/presentation';
import type { GroupByKey } from '../settingsTypes';

export type { GroupDimension } from '../../core/presentation';

/** Levels below the root for each `groupBy` setting; events hang under the last level. */
export const GROUPING_LEVELS: Readonly<Record<GroupByKey, readonly GroupDimension[]>> = {
  service: ['service', 'eventName'],
  principal: ['principal', 'service'],
  resource: ['resource'],
  region: ['region', 'service'],
  channel: ['channel', 'service'],
  human: ['human', 'service'],
};

export interface GroupNode {
  readonly kind: 'group';
  /** Stable across refreshes (built from keys, never labels), so expansion state survives. */
  readonly id: string;
  readonly dimension: GroupDimension;
  readonly key: string;
  readonly label: string;
  readonly count: number;
  readonly events: readonly TrailEvent[];
  readonly levels: readonly GroupDimension[];
  readonly depth: number;
  readonly parentId?: string;
}

export interface EventNode {
  readonly kind: 'event';
  readonly id: string;
  readonly event: TrailEvent;
  /** Dimensions the ancestors already show, so the description names the others. */
  readonly shown: readonly GroupDimension[];
  readonly parentId?: string;
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  /** `events`, or the id of a result set. */
  readonly target: string;
  readonly loading: boolean;
  readonly loaded: number;
}

export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info' | 'action';
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: string;
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  readonly parentId?: string;
}

/** A result set of the Results view (its payload lives in the ResultsStore). */
export interface ResultSetNode {
  readonly kind: 'resultSet';
  readonly id: string;
  readonly setId: string;
}

export type TreeNode = GroupNode | EventNode | LoadMoreNode | MessageNode | ResultSetNode;

/**
 * The nodes one level below `parent` (or the root when `parent` is undefined): groups of the next
 * dimension, or the events themselves under the last level.
 */
export function buildLevel(
  events: readonly TrailEvent[],
  levels: readonly GroupDimension[],
  depth: number,
  idPrefix: string,
  parentId?: string,
): (GroupNode | EventNode)[] {
  const shown = levels.slice(0, depth);
  const base = parentId ?? `${idPrefix}group`;
  if (depth >= levels.length) {
    return events.map((event) => ({ kind: 'event', id: parentId ? `${parentId}/event/${event.id}` : `${idPrefix}event/${event.id}`, event, shown, ...(parentId ? { parentId } : {}) }));
  }
  const dimension = levels[depth];
  return groupBy(events, dimension).map((g) => ({
    kind: 'group',
    id: `${base}/${dimension}/${g.key}`,
    dimension,
    key: g.key,
    label: g.label,
    count: g.events.length,
    events: g.events,
    levels,
    depth,
    ...(parentId ? { parentId } : {}),
  }));
}

/** Event items shown at once under one group; more come in steps of this size ("Show more…"). */
export const GROUP_PAGE_SIZE = 500;

/**
 * The children of a group node. A group of events (the last level) shows at most `limit` of them
 * and then a "Show more…" item, so opening a 20,000-event group does not render 20,000 items.
 */
export function groupChildren(group: GroupNode, limit = GROUP_PAGE_SIZE): (GroupNode | EventNode | MessageNode)[] {
  const leaves = group.depth + 1 >= group.levels.length;
  if (!leaves || group.events.length <= limit) return buildLevel(group.events, group.levels, group.depth + 1, '', group.id);
  const rest = group.events.length - limit;
  return [
    ...buildLevel(group.events.slice(0, limit), group.levels, group.depth + 1, '', group.id),
    {
      kind: 'message',
      id: `${group.id}/showMore`,
      severity: 'action',
      label: `Show more… (${rest.toLocaleString('en-US')} of ${group.events.length.toLocaleString('en-US')} not shown)`,
      icon: 'ellipsis',
      command: { command: CommandIds.showMoreInGroup, title: 'Show More', arguments: [group.id] },
      parentId: group.id,
    },
  ];
}

interface Bucket {
  readonly key: string;
  readonly label: string;
  readonly events: readonly TrailEvent[];
}

function groupBy(events: readonly TrailEvent[], dimension: GroupDimension): readonly Bucket[] {
  if (dimension !== 'eventName') return groupEvents(events, dimension);
  // Event names only make sense inside one service, so core's grouping does not offer them.
  const byName = new Map<string, TrailEvent[]>();
  for (const e of events) {
    const list = byName.get(e.name);
    if (list) list.push(e);
    else byName.set(e.name, [e]);
  }
  // Events arrive newest first, so first-seen order is most-recent-activity order, as in core.
  return [...byName.entries()].map(([name, list]) => ({ key: name, label: name, events: list }));
}
