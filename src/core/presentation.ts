/**
 * Labels, descriptions and tooltips for events and groups, as pure functions of the model, so the
 * tree, the status bar and the CLI say the same things. Event fields are attacker-controlled
 * (anyone who can call an AWS API chooses user agents, session names, resource names, error
 * messages): everything that goes into Markdown passes through {@link escapeMarkdown}.
 */
import type { EventGroup, GroupBy } from './grouping';
import type { Principal, TrailEvent } from './model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Longest attacker-controlled value shown in a tooltip before it is cut with `…`. */
export const MAX_TOOLTIP_FIELD = 300;

/**
 * Relative time such as `just now`, `5 min ago`, `3 h ago`, `2 d ago`; older than 30 days (or in
 * the future by more than a minute) it gives the UTC date-time instead.
 */
export function formatRelativeTime(time: number, now: number): string {
  const delta = now - time;
  if (delta < -MINUTE || delta >= 30 * DAY) return formatEventTime(time);
  if (delta < MINUTE) return 'just now';
  if (delta < HOUR) return `${Math.floor(delta / MINUTE)} min ago`;
  if (delta < DAY) return `${Math.floor(delta / HOUR)} h ago`;
  return `${Math.floor(delta / DAY)} d ago`;
}

/** An event time as `2026-01-15 09:30:00 UTC`. */
export function formatEventTime(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A principal for display: `alice (IAMUser)`, `Deployer (AssumedRole) · session ci-42`. */
export function formatPrincipal(principal: Principal): string {
  const type = principal.type === 'Missing' ? '' : ` (${principal.type})`;
  const showSession = principal.sessionLabel !== undefined && principal.type === 'AssumedRole' && !principal.label.startsWith(principal.sessionLabel);
  return `${principal.label}${type}${showSession ? ` · session ${principal.sessionLabel ?? ''}` : ''}`;
}

/** The tree label of an event: its name. */
export function eventLabel(event: TrailEvent): string {
  return event.name;
}

/**
 * The tree description of an event: relative time plus the dimension the tree is not grouped by
 * (the principal under a service group, the service under a principal group), and the error code.
 */
export function eventDescription(event: TrailEvent, groupBy: GroupBy | undefined, now: number): string {
  const parts = [formatRelativeTime(event.time, now)];
  if (groupBy === 'principal') parts.push(event.service.label);
  else parts.push(event.principal.label);
  if (event.errorCode !== undefined) parts.push(event.errorCode);
  return parts.join(' · ');
}

/** A sentence for screen readers: `DeleteBucket by Deployer, S3, 3 h ago, failed: AccessDenied`. */
export function eventAccessibilityLabel(event: TrailEvent, now: number): string {
  const failed = event.errorCode ?? (event.errorMessage === undefined ? undefined : 'error');
  return `${event.name} by ${event.principal.label}, ${event.service.label}, ${formatRelativeTime(event.time, now)}${failed === undefined ? '' : `, failed: ${failed}`}`;
}

/** The plain-text tooltip of an event (also used for accessibility labels). */
export function eventTooltipText(event: TrailEvent, now: number): string {
  return eventFields(event, now)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * The Markdown tooltip of an event: a bold title and a two-column table. Every field is escaped,
 * flattened to one line and cut at {@link MAX_TOOLTIP_FIELD} characters.
 */
export function eventTooltipMarkdown(event: TrailEvent, now: number): string {
  const rows = eventFields(event, now).map(([name, value]) => `| ${name} | ${escapeMarkdownCell(value)} |`);
  return [`**${escapeMarkdownCell(event.name)}** · ${escapeMarkdownCell(event.service.label)}`, '', '| | |', '|---|---|', ...rows].join('\n');
}

/** A group's tree label with its count: `S3 · 12`, `alice (IAMUser) · 7`. */
export function groupLabel(group: EventGroup): string {
  let label = group.label;
  const type = group.by === 'principal' ? group.events[0]?.principal.type : undefined;
  if (type !== undefined && type !== 'Missing') label += ` (${type})`;
  return `${label} · ${group.count}`;
}

/** A group's tree description: when its latest event happened. */
export function groupDescription(group: EventGroup, now: number): string {
  return group.count === 0 ? '' : `latest ${formatRelativeTime(group.latestTime, now)}`;
}

/** A group's plain-text tooltip: what it is, how many events, the time span. */
export function groupTooltipText(group: EventGroup, now: number): string {
  const dimension = { service: 'Service', principal: 'Principal', resource: 'Resource', region: 'Region' }[group.by];
  const oldest = group.events.at(-1);
  const lines = [`${dimension}: ${group.label}`, `Key: ${group.key}`, `${group.count} event${group.count === 1 ? '' : 's'}`];
  if (group.count > 0) lines.push(`Latest: ${formatEventTime(group.latestTime)} (${formatRelativeTime(group.latestTime, now)})`);
  if (oldest !== undefined && group.count > 1) lines.push(`Earliest: ${formatEventTime(oldest.time)}`);
  return lines.join('\n');
}

/**
 * Escapes text for Markdown so it renders literally: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows that for all of them), which defuses emphasis, links,
 * images, HTML, autolinks (`https\://`, `www\.`) and command links.
 */
export function escapeMarkdown(text: string): string {
  return stripControl(text).replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '\\$&');
}

/** {@link escapeMarkdown} for a table cell: also one line and length-capped. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdown(truncate(text.replace(/\s*[\r\n]+\s*/g, ' '), MAX_TOOLTIP_FIELD));
}

function eventFields(event: TrailEvent, now: number): [string, string][] {
  const fields: [string, string][] = [
    ['Event', event.name],
    ['Time', `${formatEventTime(event.time)} (${formatRelativeTime(event.time, now)})`],
    ['Service', `${event.service.label}${event.service.source === '' ? '' : ` (${event.service.source})`}`],
    ['Principal', formatPrincipal(event.principal)],
  ];
  if (event.principal.arn !== undefined) fields.push(['Caller ARN', event.principal.arn]);
  if (event.region !== '') fields.push(['Region', event.region]);
  if (event.account !== undefined) fields.push(['Account', event.account]);
  if (event.sourceIp !== undefined) fields.push(['Source IP', event.sourceIp]);
  if (event.readOnly !== undefined) fields.push(['Read-only', event.readOnly ? 'yes' : 'no']);
  if (event.errorCode !== undefined || event.errorMessage !== undefined) {
    const message = event.errorMessage === undefined ? '' : `${event.errorCode === undefined ? '' : ': '}${event.errorMessage}`;
    fields.push(['Error', truncate(`${event.errorCode ?? ''}${message}`, MAX_TOOLTIP_FIELD)]);
  }
  if (event.resources.length > 0) {
    const names = event.resources.map((r) => r.arn ?? r.name);
    fields.push(['Resources', truncate([...new Set(names)].join(', '), MAX_TOOLTIP_FIELD)]);
  }
  if (event.userAgent !== undefined) fields.push(['User agent', truncate(event.userAgent, MAX_TOOLTIP_FIELD)]);
  fields.push(['Event ID', event.id]);
  return fields;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function stripControl(text: string): string {
  // Control characters (other than tab/newline) have no business in a tooltip and can hide text.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '');
}
