/**
 * Labels, descriptions and tooltips for events and groups, as pure functions of the model, so the
 * tree, the status bar and the CLI say the same things. Event fields are attacker-controlled
 * (anyone who can call an AWS API chooses user agents, session names, resource names, error
 * messages): everything that goes into Markdown passes through {@link escapeMarkdown}.
 */
import type { GroupBy } from './grouping';
import type { Principal, TrailEvent } from './model';
import { failureOf } from './outcome';
import { formatEventTime, formatRelativeTime } from './relativeTime';
import { joinMarkdown } from './safeMarkdown';
import { markdownText, safeMarkdown, type SafeText } from './safeText';

export { formatEventTime, formatRelativeTime } from './relativeTime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Longest attacker-controlled value shown in a tooltip before it is cut with `…`. */
export const MAX_TOOLTIP_FIELD = 300;

/** The long form for the event panel: `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`, `in 4 minutes` (clock skew). */
export function formatRelativeWords(time: number, now: number): string {
  const diff = now - time;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  const units: readonly [number, string][] = [
    [365 * DAY, 'year'],
    [30 * DAY, 'month'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  const [size, name] = units.find(([unit]) => abs >= unit) ?? [MINUTE, 'minute'];
  const n = Math.max(1, Math.round(abs / size));
  const phrase = `${n} ${name}${n === 1 ? '' : 's'}`;
  return diff >= 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** A principal for display: `alice (IAMUser)`, `Deployer (AssumedRole) · session ci-42`. */
export function formatPrincipal(principal: Principal): string {
  const type = principal.type === 'Missing' ? '' : ` (${principal.type})`;
  const showSession = principal.sessionLabel !== undefined && principal.type === 'AssumedRole' && !principal.label.startsWith(principal.sessionLabel);
  return `${principal.label}${type}${showSession ? ` · session ${principal.sessionLabel ?? ''}` : ''}`;
}

/** A grouping level of the trees: the four `groupBy` settings plus the event name under a service. */
export type GroupDimension = GroupBy | 'eventName';

/** A group's label with its count: `S3 · 12`, `alice (IAMUser) · 7`, `PutObject · 3`. */
export function groupLabel(group: { readonly dimension: GroupDimension; readonly label: string; readonly count: number; readonly events: readonly TrailEvent[] }): string {
  let label = group.label;
  const type = group.dimension === 'principal' ? group.events[0]?.principal.type : undefined;
  if (type !== undefined && type !== 'Missing') label += ` (${type})`;
  return `${label} · ${group.count}`;
}

/**
 * An event's tree description, `AccessDenied · alice · 5 min ago · us-east-1`: the error code of a
 * failed call, the dimension the ancestors (`shown`) do not show (principal, else service), the
 * relative time and the region unless grouped by it.
 */
export function eventDescription(event: TrailEvent, shown: readonly GroupDimension[], now: number): string {
  const parts: string[] = [];
  const failure = failureOf(event);
  if (failure !== undefined) parts.push(failure.summary);
  parts.push(shown.includes('principal') ? event.service.label : event.principal.label);
  parts.push(formatRelativeTime(event.time, now));
  if (!shown.includes('region')) parts.push(event.region);
  return parts.join(' · ');
}

/** A sentence for screen readers: `DeleteBucket by Deployer, S3, 3 h ago, failed: AccessDenied, us-east-1, read-only`. */
export function eventAccessibilityLabel(event: TrailEvent, now: number): string {
  const failed = failureOf(event)?.summary;
  const sentence = `${event.name} by ${event.principal.label}, ${event.service.label}, ${formatRelativeTime(event.time, now)}${failed === undefined ? '' : `, failed: ${failed}`}`;
  return `${sentence}, ${event.region}${event.readOnly === true ? ', read-only' : ''}`;
}

/** One table cell's text: flattened to one line and cut at {@link MAX_TOOLTIP_FIELD} (escaped by the tag). */
function flatCell(text: string): string {
  return truncate(text.replace(/\s*[\r\n]+\s*/g, ' '), MAX_TOOLTIP_FIELD);
}

function row(name: string, value: string | undefined): SafeText<'markdown'> {
  return value === undefined || value === '' ? safeMarkdown`| ${name} | — |` : safeMarkdown`| ${name} | ${flatCell(value)} |`;
}

/**
 * An event's Markdown tooltip: a bold title and a table of who, what, when, where, source IP, user
 * agent and result. Every field is escaped, flattened to one line and cut at {@link MAX_TOOLTIP_FIELD}.
 */
export function eventTooltipMarkdown(event: TrailEvent, now: number): SafeText<'markdown'> {
  const where = event.account !== undefined ? `${event.region} · account ${event.account}` : event.region;
  const failure = failureOf(event);
  const result = failure === undefined ? 'Success' : `Failed: ${[failure.code, event.errorMessage ?? (failure.code === undefined ? failure.summary : undefined)].filter(Boolean).join(': ')}`;
  const resources = [...new Set(event.resources.map((r) => r.arn ?? r.name))].join(', ');
  const title = event.readOnly === true ? safeMarkdown`**${flatCell(event.name)}** · ${flatCell(event.service.label)} · read-only` : safeMarkdown`**${flatCell(event.name)}** · ${flatCell(event.service.label)}`;
  return joinMarkdown([
    title,
    safeMarkdown``,
    safeMarkdown`| | |`,
    safeMarkdown`|---|---|`,
    row('Who', formatPrincipal(event.principal)),
    row('Caller ARN', event.principal.arn),
    row('What', `${event.service.source} ${event.name}`),
    row('Resources', resources),
    row('When', `${formatEventTime(event.time)} (${formatRelativeTime(event.time, now)})`),
    row('Where', where),
    row('Source IP', event.sourceIp),
    row('User agent', event.userAgent),
    row('Result', result),
    row('Event ID', event.id),
  ], '\n').value;
}

/**
 * Escapes text for Markdown so it renders literally (see {@link markdownText}): every ASCII
 * punctuation character is backslash-escaped, invisible and bidi characters are shown as `[U+…]`.
 */
export function escapeMarkdown(text: string): string {
  return markdownText(text, { multiline: true, maxLength: Number.MAX_SAFE_INTEGER });
}

/** {@link escapeMarkdown} for a table cell: also one line and length-capped. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdown(truncate(text.replace(/\s*[\r\n]+\s*/g, ' '), MAX_TOOLTIP_FIELD));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
