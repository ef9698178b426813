/**
 * "Group By" as a pure key selector: each dimension maps an event to the group(s) it belongs to,
 * and {@link groupEvents} builds one level of groups. The tree calls it per expanded node, so
 * nested grouping stays lazy.
 */
import type { TrailEvent } from './model';

/** The dimensions events can be grouped by. */
export type GroupBy = 'service' | 'principal' | 'resource' | 'region';

/** Every {@link GroupBy} value, in menu order. */
export const GROUP_BY_DIMENSIONS: readonly GroupBy[] = ['service', 'principal', 'resource', 'region'];

/** True when `value` is a {@link GroupBy} (for settings read from outside). */
export function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUP_BY_DIMENSIONS as readonly string[]).includes(value);
}

/** One group an event belongs to: a stable key and a display label. */
export interface GroupKey {
  readonly key: string;
  readonly label: string;
}

/** One group of events. */
export interface EventGroup {
  /** Stable id independent of the label, e.g. `group/service/ec2.amazonaws.com`. */
  readonly id: string;
  readonly by: GroupBy;
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Time of the newest event in the group (epoch ms). */
  readonly latestTime: number;
  /** Newest first. */
  readonly events: readonly TrailEvent[];
}

/** Key used for events that have no value for a dimension (no resources, no region). */
export const NONE_GROUP_KEY = '(none)';

/**
 * The groups an event belongs to for a dimension. Exactly one for service, principal and region;
 * for resource, one per distinct resource (ARN when known, else the name), or the "no resource"
 * group when the event lists none.
 */
export function groupKeysOf(event: TrailEvent, by: GroupBy): readonly GroupKey[] {
  switch (by) {
    case 'service':
      return [{ key: event.service.source === '' ? event.service.key : event.service.source, label: event.service.label }];
    case 'principal':
      return [{ key: event.principal.key, label: event.principal.label }];
    case 'region':
      return [event.region === '' ? { key: NONE_GROUP_KEY, label: 'No region' } : { key: event.region, label: event.region }];
    case 'resource': {
      const seen = new Set<string>();
      const keys: GroupKey[] = [];
      for (const r of event.resources) {
        const key = r.arn ?? r.name;
        if (seen.has(key)) continue;
        seen.add(key);
        keys.push({ key, label: r.name });
      }
      return keys.length > 0 ? keys : [{ key: NONE_GROUP_KEY, label: 'No resource' }];
    }
  }
}

/** The stable tree id of a group. */
export function groupId(by: GroupBy, key: string): string {
  return `group/${by}/${key}`;
}

/**
 * Groups events by one dimension. Groups are sorted by most recent activity (ties by label), events
 * in each group newest first (ties by id, so the order is stable across refreshes). With `resource`,
 * an event that touched several resources appears under each of them.
 */
export function groupEvents(events: readonly TrailEvent[], by: GroupBy): EventGroup[] {
  // Sort once (stores usually hand events over already newest first), then bucket in order.
  const ordered = isSortedNewestFirst(events) ? events : [...events].sort(compareNewestFirst);
  const buckets = new Map<string, { label: string; events: TrailEvent[] }>();
  for (const event of ordered) {
    for (const { key, label } of groupKeysOf(event, by)) {
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = { label, events: [] };
        buckets.set(key, bucket);
      }
      bucket.events.push(event);
    }
  }
  const groups: EventGroup[] = [];
  for (const [key, bucket] of buckets) {
    groups.push({
      id: groupId(by, key),
      by,
      key,
      label: bucket.label,
      count: bucket.events.length,
      latestTime: bucket.events.at(0)?.time ?? 0,
      events: bucket.events,
    });
  }
  return groups.sort((a, b) => b.latestTime - a.latestTime || a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}

function isSortedNewestFirst(events: readonly TrailEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const previous = events[i - 1];
    const current = events[i];
    if (compareNewestFirst(previous, current) > 0) return false;
  }
  return true;
}

/** Newest first; ties broken by id so the order never flickers. */
export function compareNewestFirst(a: TrailEvent, b: TrailEvent): number {
  return b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
