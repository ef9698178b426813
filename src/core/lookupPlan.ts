/**
 * Where each filter of a LookupEvents query runs: one exact filter on the server, the rest locally.
 * Shared by the API engine and the store's cached lookups, so both plan the same way.
 */
import { isWildcard, planFilters, planQueryFilters } from './filters';
import type { EventQuery, FilterPlan, LookupAttributeKey } from './query';

/**
 * The plan for a query. With `serverAttributeKey`, an exact filter on that key goes to the server
 * even if another is more selective. When read-only events are excluded, `ReadOnly=false` joins the
 * local filters (or goes to the server when nothing else does); Insights lookups do not support
 * that attribute, so there the read-only switch stays local.
 */
export function planLookup(query: EventQuery, serverAttributeKey?: LookupAttributeKey): FilterPlan {
  const preferred = serverAttributeKey ? query.filters.find((f) => f.key === serverAttributeKey && f.value !== '' && !isWildcard(f.value)) : undefined;
  if (preferred) {
    const local = query.filters.filter((f) => f !== preferred);
    const readOnly = !query.includeReadOnly && !local.some((f) => f.key === 'ReadOnly') && preferred.key !== 'ReadOnly';
    return { server: preferred, local: readOnly ? [...local, { key: 'ReadOnly', value: 'false' }] : local };
  }
  return query.category === 'insight' ? planFilters(query.filters) : planQueryFilters(query);
}
