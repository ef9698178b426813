/**
 * The words on tree items, as plain strings (no VS Code types) so they can be unit-tested and
 * benchmarked. Built on core/presentation (shared with the CLI and the panel); what is specific
 * to the tree lives here: descriptions that skip what the ancestors already show, and the
 * tooltip's who / what / when / where / source IP / user agent / result table.
 */
import {
  eventAccessibilityLabel as coreAccessibilityLabel,
  escapeMarkdownCell,
  formatEventTime,
  formatPrincipal,
  formatRelativeTime,
  groupLabel as coreGroupLabel,
} from '../core/presentation';
import type { TrailEvent } from '../core/model';
import type { GroupDimension, GroupNode } from './treeNodes';

export { formatRelativeTime };

/** The group label with its count, e.g. `S3 · 12`, `alice (IAMUser) · 7`, `PutObject · 3`. */
export function groupLabel(node: Pick<GroupNode, 'dimension' | 'key' | 'label' | 'count' | 'events'>): string {
  if (node.dimension === 'eventName') return `${node.label} · ${node.count}`;
  return coreGroupLabel({ id: '', by: node.dimension, key: node.key, label: node.label, count: node.count, latestTime: 0, events: node.events });
}

/**
 * `AccessDenied · alice · 5 min ago · us-east-1`: the error code of a failed call, the dimension
 * the ancestors do not already show (principal, else service), the relative time and the region.
 */
export function eventDescription(event: TrailEvent, shown: readonly GroupDimension[], now: number): string {
  const parts: string[] = [];
  if (event.errorCode !== undefined) parts.push(event.errorCode);
  parts.push(shown.includes('principal') ? event.service.label : event.principal.label);
  parts.push(formatRelativeTime(event.time, now));
  if (!shown.includes('region')) parts.push(event.region);
  return parts.join(' · ');
}

/** What a screen reader says for an event item: core's sentence plus the region and read-only. */
export function eventAccessibilityLabel(event: TrailEvent, now: number): string {
  return `${coreAccessibilityLabel(event, now)}, ${event.region}${event.readOnly === true ? ', read-only' : ''}`;
}

function row(name: string, value: string | undefined): string {
  return `| ${name} | ${value === undefined || value === '' ? '—' : escapeMarkdownCell(value)} |`;
}

/** The tooltip as a Markdown table: who, what, when, where, source IP, user agent, result. */
export function eventTooltipMarkdown(event: TrailEvent, now: number): string {
  const where = event.account !== undefined ? `${event.region} · account ${event.account}` : event.region;
  const result = event.errorCode !== undefined || event.errorMessage !== undefined ? `Failed: ${[event.errorCode, event.errorMessage].filter(Boolean).join(': ')}` : 'Success';
  const resources = [...new Set(event.resources.map((r) => r.arn ?? r.name))].join(', ');
  return [
    `**${escapeMarkdownCell(event.name)}** · ${escapeMarkdownCell(event.service.label)}${event.readOnly === true ? ' · read-only' : ''}`,
    '',
    '| | |',
    '|---|---|',
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
  ].join('\n');
}
