/** Words for a result set's label line and its plan child item ("which filter ran where"). */
import type { AttributeFilter } from '../../../core/query';
import { describeScan } from '../../../core/scanDescription';
import type { ResultSet } from './resultsStore';

function formatFilter(f: AttributeFilter): string {
  return `${f.key} = ${f.value}`;
}

/** `42 events · 3 regions` (+ `· more available`, `· cancelled`). */
export function resultSetDescription(set: ResultSet): string {
  const parts = [`${set.events.length.toLocaleString('en-US')} event${set.events.length === 1 ? '' : 's'}`];
  const regions = set.result.query.regions;
  if (regions.length > 0) parts.push(regions.length <= 2 ? regions.join(', ') : `${regions.length} regions`);
  if (set.result.loadMore) parts.push('more available');
  if (set.result.cancelled) parts.push('cancelled');
  return parts.join(' · ');
}

/** `Server: Username = alice · local: EventName = Put*, read-only excluded`. */
export function planDescription(set: ResultSet): string {
  const plan = set.result.plan;
  const server = plan.server ? `Server: ${formatFilter(plan.server)}` : 'Server: no filter';
  const local = plan.local.length > 0 ? `local: ${plan.local.map(formatFilter).join(', ')}` : 'nothing filtered locally';
  return `${server} · ${local}`;
}

/** `12 requests, 6 pages, 2 throttles retried, 1.2 s`. */
export function statsDescription(set: ResultSet): string {
  const s = set.result.stats;
  const parts = [`${s.requests} request${s.requests === 1 ? '' : 's'}`, `${s.pages} page${s.pages === 1 ? '' : 's'}`];
  if (s.throttlesRetried > 0) parts.push(`${s.throttlesRetried} throttles retried`);
  if (s.badRecords > 0) parts.push(`${s.badRecords} unreadable records`);
  parts.push(`${(s.elapsedMs / 1000).toFixed(1)} s`);
  return parts.join(', ');
}

/**
 * What an empty set scanned, instead of a bare "0 events": `Nothing matched: scanned 7 days of
 * us-east-1 and eu-west-1 for Username=root, keeping Root callers: 0 events (2 requests).` When more
 * remains to scan, it says so and that Load more continues.
 */
export function emptyResultText(set: Pick<ResultSet, 'query' | 'queries' | 'match' | 'result'>): string {
  const more = set.result.loadMore !== undefined;
  const scan = describeScan(set.queries ?? [set.query], set.result.stats, set.match);
  return `Nothing matched${more ? ' yet' : ''}: ${scan}.${more ? ' More remains: Load more scans further back.' : ''}`;
}
