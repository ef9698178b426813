/**
 * The words on tree items, as plain strings (no VS Code types) so they can be unit-tested and
 * benchmarked: labels, descriptions, the Markdown tooltip and the screen-reader label.
 */
import type { TrailEvent } from '../core/model';
import type { GroupDimension } from './treeNodes';

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`, then the date. */
export function formatRelativeTime(time: number, now: number): string {
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days <= 30) return `${days} d ago`;
  return new Date(time).toISOString().slice(0, 10);
}

/** The group label with its count, e.g. `S3 · 12`. */
export function groupLabel(label: string, count: number): string {
  return `${label} · ${count.toLocaleString('en-US')}`;
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

/** What a screen reader says for an event item. */
export function eventAccessibilityLabel(event: TrailEvent, now: number): string {
  const result = event.errorCode !== undefined ? `failed with ${event.errorCode}` : 'succeeded';
  const kind = event.readOnly === true ? 'read-only ' : '';
  return `${kind}${event.name} on ${event.service.label} by ${event.principal.label}, ${formatRelativeTime(event.time, now)} in ${event.region}, ${result}`;
}

/** Escapes text for Markdown, including table pipes, HTML and link syntax (event fields are untrusted). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function row(name: string, value: string | undefined): string {
  return `| ${name} | ${value === undefined || value === '' ? '—' : escapeMarkdown(value)} |`;
}

/** The tooltip as a Markdown table: who, what, when, where, source IP, user agent, result. */
export function eventTooltipMarkdown(event: TrailEvent): string {
  const p = event.principal;
  const who = p.type && p.type !== p.label ? `${p.label} (${p.type})` : p.label;
  const when = new Date(event.time).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
  const where = event.account !== undefined ? `${event.region} · account ${event.account}` : event.region;
  const result = event.errorCode !== undefined ? `❌ ${event.errorCode}${event.errorMessage ? `: ${event.errorMessage}` : ''}` : 'Success';
  const resources = event.resources.map((r) => r.arn ?? r.name).join(', ');
  const lines = [
    `**${escapeMarkdown(event.name)}** · ${escapeMarkdown(event.service.label)}${event.readOnly === true ? ' · read-only' : ''}`,
    '',
    '| | |',
    '|---|---|',
    row('Who', who),
    row('Caller ARN', p.arn),
    row('What', `${event.service.source} ${event.name}`),
    row('Resources', resources),
    row('When', when),
    row('Where', where),
    row('Source IP', event.sourceIp),
    row('User agent', event.userAgent),
    row('Result', result),
    row('Event ID', event.id),
  ];
  return lines.join('\n');
}
