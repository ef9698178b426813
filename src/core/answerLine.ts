// The one-line answer of "Who changed this?" and the message for an empty result. Pure (no VS Code),
// unit-tested.
import type { TrailEvent } from './model';
import { failureOf } from './outcome';
import { formatPrincipal, formatRelativeTime } from './presentation';
import { formatInstant } from './timeRange';

/**
 * "Last changed by alice (IAMUser) 3 h ago: AuthorizeSecurityGroupIngress from 203.0.113.7" for the
 * newest write event (events are newest first); undefined when there is none. A failed newest call
 * says so, since it changed nothing.
 */
export function lastChangedLine(events: readonly TrailEvent[], now: number): string | undefined {
  const event = events.find((e) => e.readOnly !== true);
  if (event === undefined) return undefined;
  const from = event.sourceIp !== undefined ? ` from ${event.sourceIp}` : '';
  const failure = failureOf(event);
  const failed = failure !== undefined ? ` (failed: ${failure.summary})` : '';
  const verb = failure !== undefined ? 'Last change attempted by' : 'Last changed by';
  const relative = formatRelativeTime(event.time, now);
  // Older than 30 days the relative form is a date: "on 2026-09-22 02:00:00 UTC".
  const when = relative.endsWith(' ago') || relative === 'just now' ? relative : `on ${relative}`;
  return `${verb} ${formatPrincipal(event.principal)} ${when}: ${event.name}${from}${failed}`;
}

/** What was searched, for an empty result: every candidate and region, and the range. */
export function nothingFoundMessage(subject: string, searched: { candidates: readonly string[]; regions: readonly string[]; start: number; end: number; includeReadOnly: boolean }): string {
  const what = searched.includeReadOnly ? 'events' : 'write events';
  const names = searched.candidates.map((c) => `"${c}"`).join(', ');
  return `No ${what} found for ${subject} between ${formatInstant(searched.start)} and ${formatInstant(searched.end)}. Searched ResourceName ${names} in ${searched.regions.join(', ')}.`;
}
