/**
 * "Group By" as a pure key selector: each dimension maps an event to the group(s) it belongs to,
 * and {@link groupEvents} builds one level of groups. The tree calls it per expanded node, so
 * nested grouping stays lazy.
 */
import { changeChannelOf } from './changeChannel';
import { recordHumanOf } from './human';
import { resolveHumans } from './humanIndex';
import { compareNewestFirst } from './eventOrder';
import type { TrailEvent } from './model';
import { resourceIdentitiesOf } from './resourceIdentity';
import { buildResourceIdentityIndex } from './resourceIdentityIndex';

/**
 * The dimensions events can be grouped by: `channel` is how the change was made (Terraform,
 * console…, `core/changeChannel.ts`), `human` the person or workload behind it with role chains
 * followed (`core/humanIndex.ts`).
 */
export type GroupBy = 'service' | 'principal' | 'resource' | 'region' | 'channel' | 'human';

/** Every {@link GroupBy} value, in menu order. */
export const GROUP_BY_DIMENSIONS: readonly GroupBy[] = ['service', 'principal', 'resource', 'region', 'channel', 'human'];

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
 * The groups an event belongs to for a dimension. Exactly one for service, principal, region,
 * channel and human (from the record alone here; {@link groupEvents} follows role chains);
 * for resource, one per real resource (its identity from `core/resourceIdentity.ts`: the canonical
 * ARN when it is given or can be built, else type + name; labelled with its best name), or the "no
 * resource" group when the event lists none. {@link groupEvents} also joins the forms a resource
 * takes across events (a web ACL's name in one, its ARN in another).
 */
export function groupKeysOf(event: TrailEvent, by: GroupBy): readonly GroupKey[] {
  switch (by) {
    case 'service':
      return [{ key: event.service.source === '' ? event.service.key : event.service.source, label: event.service.label }];
    case 'principal':
      return [{ key: event.principal.key, label: event.principal.label }];
    case 'region':
      return [event.region === '' ? { key: NONE_GROUP_KEY, label: 'No region' } : { key: event.region, label: event.region }];
    case 'resource':
      return resourceKeys(resourceIdentitiesOf(event));
    case 'channel': {
      const channel = changeChannelOf(event);
      return [{ key: channel.kind, label: channel.label }];
    }
    case 'human': {
      const human = recordHumanOf(event);
      return [{ key: human.key, label: human.name }];
    }
  }
}

function resourceKeys(identities: readonly { readonly key: string; readonly label: string }[]): readonly GroupKey[] {
  return identities.length > 0 ? identities.map(({ key, label }) => ({ key, label })) : [{ key: NONE_GROUP_KEY, label: 'No resource' }];
}

/** The stable tree id of a group. */
export function groupId(by: GroupBy, key: string): string {
  return `group/${by}/${key}`;
}

/**
 * Groups events by one dimension. Groups are sorted by most recent activity (ties by label), events
 * in each group newest first (ties by id, so the order is stable across refreshes). With `resource`,
 * an event that touched several resources appears under each of them, and every form of one
 * resource (id, name, ARN) across the events is one group.
 */
export function groupEvents(events: readonly TrailEvent[], by: GroupBy): EventGroup[] {
  // Sort once (stores usually hand events over already newest first), then bucket in order.
  const ordered = isSortedNewestFirst(events) ? events : [...events].sort(compareNewestFirst);
  const buckets = new Map<string, { label: string; events: TrailEvent[] }>();
  const keysOf = keySelectorFor(ordered, by);
  for (const event of ordered) {
    for (const { key, label } of keysOf(event)) {
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

/** The per-event key selector, joined over the whole set where a dimension needs it (resource identities). */
function keySelectorFor(events: readonly TrailEvent[], by: GroupBy): (event: TrailEvent) => readonly GroupKey[] {
  if (by === 'resource') {
    const index = buildResourceIdentityIndex(events);
    return (event) => resourceKeys(index.identitiesOf(event));
  }
  if (by === 'human') {
    // Role chains: a session's human is its issuer's caller, when the AssumeRole event is in the set.
    const humans = resolveHumans(events);
    return (event) => {
      const human = humans.humanOf(event);
      return [{ key: human.key, label: human.name }];
    };
  }
  return (event) => groupKeysOf(event, by);
}

function isSortedNewestFirst(events: readonly TrailEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const previous = events[i - 1];
    const current = events[i];
    if (compareNewestFirst(previous, current) > 0) return false;
  }
  return true;
}
