// What the results summary panel shows for a result set: the title, the one-line answer, where each
// filter ran, the timeline bars and the newest events. Plain data (it crosses postMessage); pure.
import { formatPrincipal } from './presentation';
import type { TrailEvent } from './model';
import { failureOf, isFailed } from './outcome';
import type { EventQuery, QueryResult } from './query';
import { buildTimeline, describeInterval } from './timelineBuckets';
import { describeScan } from './scanDescription';

/** One bar, ready to draw. */
export interface TimelineBar {
  readonly label: string;
  readonly total: number;
  readonly errors: number;
}

/** One event row of the panel. */
export interface TimelineEventRow {
  readonly id: string;
  readonly time: string;
  readonly name: string;
  readonly principal: string;
  readonly region: string;
  readonly error?: string;
}

/** The panel's content. */
export interface TimelineModel {
  readonly title: string;
  readonly headline?: string;
  readonly summary: string;
  readonly plan: string;
  readonly interval: string;
  readonly bars: readonly TimelineBar[];
  readonly maxTotal: number;
  readonly range: { readonly start: string; readonly end: string };
  readonly events: readonly TimelineEventRow[];
  readonly moreEvents: number;
  /** Set when nothing matched: what was searched, shown instead of an empty chart. */
  readonly empty?: string;
}

/** `2026-01-15 09:30Z`: bars and range ends need minutes, not milliseconds. */
function formatMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

/** `2026-01-15 09:30:12Z` for event rows. */
function formatSecond(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Rows shown under the timeline; the Results view has all of them. */
export const MAX_EVENT_ROWS = 100;

function planText(result: QueryResult): string {
  const server = result.plan.server ? `${result.plan.server.key} = ${result.plan.server.value} on the server` : 'no filter on the server';
  const local = result.plan.local.length > 0 ? `; ${result.plan.local.map((f) => `${f.key} = ${f.value}`).join(', ')} locally` : '';
  return `${server}${local}`;
}

/** Builds the panel model from a result set. */
export function buildTimelineModel(set: { title: string; query: EventQuery; result: QueryResult; events: readonly TrailEvent[] }, headline?: string): TimelineModel {
  const { events, query, result } = set;
  const timeline = buildTimeline(events, query.start, query.end);
  const errors = events.filter(isFailed).length;
  const parts = [`${events.length.toLocaleString('en-US')} event${events.length === 1 ? '' : 's'}`, `${errors} error${errors === 1 ? '' : 's'}`, `in ${result.query.regions.join(', ')}`];
  if (result.cancelled) parts.push('cancelled: partial results');
  if (result.loadMore) parts.push('more available in the Results view');
  return {
    title: set.title,
    ...(headline !== undefined ? { headline } : {}),
    summary: parts.join(' · '),
    plan: planText(result),
    interval: describeInterval(timeline.intervalMs),
    bars: timeline.buckets.map((b) => ({ label: formatMinute(b.start), total: b.total, errors: b.errors })),
    maxTotal: timeline.maxTotal,
    range: { start: formatMinute(query.start), end: formatMinute(query.end) },
    events: events.slice(0, MAX_EVENT_ROWS).map((e) => rowOf(e)),
    moreEvents: Math.max(0, events.length - MAX_EVENT_ROWS),
    ...(events.length === 0 ? { empty: emptyText(result) } : {}),
  };
}

/** `No events matched. Scanned 7 days of us-east-1 for Username=alice, from … to ….` */
function emptyText(result: QueryResult): string {
  const scanned = describeScan([result.query]);
  const window = `from ${formatMinute(result.query.start)} to ${formatMinute(result.query.end)}`;
  const partial = result.cancelled ? ' The search was cancelled, so this is partial.' : result.loadMore ? ' More pages remain: Load more in the Results view.' : '';
  return `No events matched. ${scanned.charAt(0).toUpperCase()}${scanned.slice(1)}, ${window}.${partial}`;
}

function rowOf(e: TrailEvent): TimelineEventRow {
  const failure = failureOf(e);
  return {
    id: e.id,
    time: formatSecond(e.time),
    name: e.name,
    principal: formatPrincipal(e.principal),
    region: e.region,
    ...(failure !== undefined ? { error: failure.summary } : {}),
  };
}
