/**
 * What a query (or a union of queries) scanned, in one sentence a person can check: the window, the
 * regions, what was sent to the server and what was kept locally, and how many events came back —
 * `scanned 7 days of us-east-1 for Username=root: 0 events`. An empty result then says what was
 * searched instead of showing a blank list or chart.
 */
import { planQueryFilters } from './filters';
import type { EventMatch } from './investigationTypes';
import type { AttributeFilter, EventQuery, QueryStats } from './query';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `7 days`, `24 hours`, `90 minutes`: the length of a window, in the largest whole unit. */
export function formatWindow(ms: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (!Number.isFinite(ms) || ms <= 0) return 'an empty window';
  if (ms >= 2 * DAY && ms % DAY === 0) return plural(ms / DAY, 'day');
  if (ms >= 2 * HOUR && ms % HOUR === 0) return plural(ms / HOUR, 'hour');
  if (ms >= 2 * DAY) return plural(Math.round(ms / DAY), 'day');
  if (ms >= 2 * HOUR) return plural(Math.round(ms / HOUR), 'hour');
  return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
}

function list(items: readonly string[], joiner: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1] ?? ''}`;
}

function serverPart(queries: readonly EventQuery[]): string {
  const servers = queries.map((q) => planQueryFilters(q).server);
  const sent = servers.filter((f): f is AttributeFilter => f !== undefined);
  if (sent.length === 0) return 'every event (no lookup attribute selects these)';
  const key = sent[0]?.key ?? '';
  if (sent.every((f) => f.key === key)) return `for ${key}=${list([...new Set(sent.map((f) => f.value))], 'or')}`;
  return `for ${list(sent.map((f) => `${f.key}=${f.value}`), 'or')}`;
}

function localPart(match: EventMatch | undefined): string {
  if (match === undefined) return '';
  const kept: string[] = [];
  if (match.eventNames !== undefined) kept.push(`events named ${list(match.eventNames, 'or')}`);
  if (match.errorCodes !== undefined) kept.push(`failed calls with ${list(match.errorCodes, 'or')}`);
  if (match.principalTypes !== undefined) kept.push(`${list(match.principalTypes, 'or')} callers`);
  if (match.signIn === 'failedOrNoMfa') kept.push('sign-ins that failed or did not use MFA');
  return kept.length === 0 ? '' : `, keeping ${list(kept, 'and')}`;
}

/**
 * One sentence on what `queries` (one query, or the union an investigation runs) scanned, with the
 * outcome when `stats` is given: `scanned 30 days of us-east-1 for EventName=StopLogging, … or
 * StopEventDataStoreIngestion: 0 events (8 requests)`. `match` adds what was kept locally. An empty
 * region list reads "every region" (trail logs on disk). Never throws.
 */
export function describeScan(queries: readonly EventQuery[], stats?: Pick<QueryStats, 'events' | 'requests'>, match?: EventMatch): string {
  const first = queries.at(0);
  if (first === undefined) return 'scanned nothing';
  const regions = [...new Set(queries.flatMap((q) => q.regions))];
  const where = regions.length === 0 ? 'every region' : list(regions, 'and');
  const server = serverPart(queries);
  const what = server.startsWith('for ') ? ` ${server}` : `, ${server}`;
  let sentence = `scanned ${formatWindow(first.end - first.start)} of ${where}${what}${localPart(match)}`;
  if (stats !== undefined) {
    sentence += `: ${stats.events} event${stats.events === 1 ? '' : 's'}`;
    if (stats.requests > 1) sentence += ` (${stats.requests} requests)`;
  }
  return sentence;
}
