// Values offered for an attribute: what the user has already seen (principals, resources, access
// keys of loaded events, most frequent first) and the catalog of known actions per service.
// Pure, so the ranking is unit-tested.
import type { TrailEvent } from './model';
import type { LookupAttributeKey } from './query';

/** One suggested value. */
export interface ValueSuggestion {
  readonly value: string;
  /** Why it is offered: `seen 12×`, or the service for catalog event names. */
  readonly detail: string;
  readonly source: 'seen' | 'catalog';
}

/** The catalog the suggestions draw on (the API documentation index). */
export interface EventCatalog {
  knownEventSources(): readonly string[];
  knownEventNames(eventSource: string): readonly string[];
}

function valuesOf(event: TrailEvent, key: LookupAttributeKey): (string | undefined)[] {
  switch (key) {
    case 'Username':
      return [event.principal.userName];
    case 'AccessKeyId':
      return [event.principal.accessKeyId];
    case 'ResourceName':
      return event.resources.map((r) => r.name);
    case 'ResourceType':
      return event.resources.map((r) => r.type);
    case 'EventName':
      return [event.name];
    case 'EventSource':
      return [event.service.source];
    case 'EventId':
      return [event.id];
    case 'ReadOnly':
      return [];
  }
}

/** Values of `key` in events already loaded, most frequent first (ties alphabetically), at most `limit`. */
export function seenValues(events: Iterable<TrailEvent>, key: LookupAttributeKey, limit = 200): ValueSuggestion[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    for (const value of new Set(valuesOf(event, key))) {
      if (value === undefined || value === '') continue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, count]) => ({ value, detail: `seen ${count}×`, source: 'seen' }));
}

/**
 * Catalog values: every known event name with its service (EventName), or every known event source
 * (EventSource). Names already in `exclude` are left out; names shared by several services list them.
 */
export function catalogValues(catalog: EventCatalog, key: LookupAttributeKey, exclude: ReadonlySet<string> = new Set()): ValueSuggestion[] {
  if (key === 'EventSource') {
    return catalog
      .knownEventSources()
      .filter((s) => !exclude.has(s))
      .map((value) => ({ value, detail: 'known service', source: 'catalog' }));
  }
  if (key !== 'EventName') return [];
  const sourcesByName = new Map<string, string[]>();
  for (const source of catalog.knownEventSources()) {
    for (const name of catalog.knownEventNames(source)) {
      if (exclude.has(name)) continue;
      const list = sourcesByName.get(name);
      if (list) list.push(source);
      else sourcesByName.set(name, [source]);
    }
  }
  return [...sourcesByName.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([value, sources]) => ({ value, detail: sources.length <= 2 ? sources.join(', ') : `${sources.slice(0, 2).join(', ')} +${sources.length - 2}`, source: 'catalog' }));
}

/** Seen values first, then the catalog's (without repeating a seen value). */
export function suggestValues(events: Iterable<TrailEvent>, key: LookupAttributeKey, catalog: EventCatalog | undefined): ValueSuggestion[] {
  const seen = seenValues(events, key);
  const catalogItems = catalog ? catalogValues(catalog, key, new Set(seen.map((s) => s.value))) : [];
  return [...seen, ...catalogItems];
}
