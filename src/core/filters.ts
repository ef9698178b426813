/**
 * Lookup-attribute filters: CloudTrail's match semantics applied locally, and the plan that sends at
 * most one exact filter to the server (LookupEvents accepts only one attribute per call) while the
 * rest run on the events that come back.
 */
import { changeChannelOf } from './changeChannel';
import { recordHumanOf } from './human';
import type { TrailEvent } from './model';
import { isFailed } from './outcome';
import type { AttributeFilter, EventQuery, FilterPlan, LookupAttributeKey } from './query';

/** The eight lookup attributes, most selective first: the first exact filter in this order goes to the server. */
export const LOOKUP_ATTRIBUTE_KEYS: readonly LookupAttributeKey[] = [
  'EventId',
  'AccessKeyId',
  'ResourceName',
  'Username',
  'EventName',
  'EventSource',
  'ResourceType',
  'ReadOnly',
];

/** True when `key` is one of CloudTrail's lookup attribute names (exact spelling). */
export function isLookupAttributeKey(key: string): key is LookupAttributeKey {
  return (LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key);
}

/** True when a filter value contains a `*` wildcard (such filters always run locally). */
export function isWildcard(value: string): boolean {
  return value.includes('*');
}

/**
 * Whether an event matches one attribute filter, as LookupEvents would: case-sensitive, exact
 * unless the value holds `*` wildcards (each matches any run of characters, anywhere).
 *
 * - `Username`: the user name / role session name LookupEvents reports (`principal.userName`).
 * - `ResourceName`: any resource's name or ARN. `ResourceType`: any resource's type.
 * - `ReadOnly`: `"true"` or `"false"`; an event whose record does not say counts as not read-only.
 */
export function matchesAttribute(event: TrailEvent, filter: AttributeFilter): boolean {
  const test = valueMatcher(filter.value);
  switch (filter.key) {
    case 'EventId':
      return test(event.id);
    case 'AccessKeyId':
      return test(event.principal.accessKeyId);
    case 'ResourceName':
      return event.resources.some((r) => test(r.name) || test(r.arn));
    case 'Username':
      return test(event.principal.userName);
    case 'EventName':
      return test(event.name);
    case 'EventSource':
      return test(event.service.source);
    case 'ResourceType':
      return event.resources.some((r) => test(r.type));
    case 'ReadOnly':
      return test(event.readOnly === true ? 'true' : 'false');
  }
}

/**
 * Splits ANDed filters into at most one server filter and local filters. The server gets the most
 * selective exact filter (order of {@link LOOKUP_ATTRIBUTE_KEYS}); wildcard and empty values always
 * run locally; a `ReadOnly` filter goes to the server only when no other filter does.
 */
export function planFilters(filters: readonly AttributeFilter[]): FilterPlan {
  let server: AttributeFilter | undefined;
  let serverRank = Number.POSITIVE_INFINITY;
  for (const filter of filters) {
    if (!canRunOnServer(filter)) continue;
    const rank = LOOKUP_ATTRIBUTE_KEYS.indexOf(filter.key);
    if (rank < serverRank) {
      server = filter;
      serverRank = rank;
    }
  }
  const local = filters.filter((f) => f !== server);
  return server === undefined ? { local } : { server, local };
}

/**
 * Plans a whole query: like {@link planFilters}, but when read-only events are excluded a
 * `ReadOnly=false` filter joins the filters (on the server if nothing else is sent there).
 */
export function planQueryFilters(query: Pick<EventQuery, 'filters' | 'includeReadOnly'>): FilterPlan {
  const hasReadOnlyFalse = query.filters.some((f) => f.key === 'ReadOnly' && f.value === 'false');
  const filters = query.includeReadOnly || hasReadOnlyFalse ? query.filters : [...query.filters, { key: 'ReadOnly' as const, value: 'false' }];
  return planFilters(filters);
}

/**
 * Whether an event passes the local part of a plan (the server filter is assumed already applied;
 * sources without a server, such as trail files, plan with `{ local: filters }`), the read-only
 * switch and the errors-only switch (failed calls by every signal, see `core/outcome.ts`).
 */
export function matchesQueryLocally(
  event: TrailEvent,
  plan: FilterPlan,
  query: Pick<EventQuery, 'includeReadOnly' | 'errorsOnly'>,
): boolean {
  if (!query.includeReadOnly && event.readOnly === true) return false;
  if (query.errorsOnly === true && !isFailed(event)) return false;
  return plan.local.every((f) => matchesAttribute(event, f));
}

/**
 * The tree's filter box: every whitespace-separated term must occur (case-insensitively) in the
 * event name, service, principal, resources, source IP, error code or failure, change channel
 * (`terraform`, `console`) or the human behind it. Each term must match within one field, never
 * across two. Empty text matches all.
 */
export function matchesText(event: TrailEvent, text: string): boolean {
  const terms = text.toLowerCase().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return true;
  const haystack = searchableText(event);
  return terms.every((t) => haystack.includes(t));
}

// Events are immutable, so the lower-cased text is computed once per event while the user types.
const searchableCache = new WeakMap<TrailEvent, string>();

function searchableText(event: TrailEvent): string {
  let text = searchableCache.get(event);
  if (text === undefined) {
    text = buildSearchableText(event);
    searchableCache.set(event, text);
  }
  return text;
}

function buildSearchableText(event: TrailEvent): string {
  const p = event.principal;
  const channel = changeChannelOf(event);
  const parts = [event.name, event.service.label, event.service.source, p.label, p.key, p.userName, p.sessionLabel, p.arn, event.sourceIp, event.errorCode, event.failure?.summary, channel.label, channel.detail, recordHumanOf(event).name];
  for (const r of event.resources) {
    parts.push(r.name, r.arn, r.type);
  }
  // A separator no term can contain keeps matches from spanning two fields.
  return parts.filter((s) => s !== undefined).join('\n').toLowerCase();
}

function canRunOnServer(filter: AttributeFilter): boolean {
  if (filter.value === '' || isWildcard(filter.value)) return false;
  if (filter.key === 'ReadOnly') return filter.value === 'true' || filter.value === 'false';
  return true;
}

function valueMatcher(pattern: string): (value: string | undefined) => boolean {
  if (!isWildcard(pattern)) {
    return (value) => value === pattern;
  }
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  const regex = new RegExp(`^${source}$`);
  return (value) => value !== undefined && regex.test(value);
}
