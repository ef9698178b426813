// Turns a TrailEvent into the EventView the webview renders: every label, link and lookup decided on
// the host (pure, no vscode), so the client only builds DOM from data.
import type { TrailEvent } from '../core/model';
import { consoleUrlForArn, consoleUrlForResource } from './consoleLinks';
import { tryParseArn } from '../core/arn';
import type { EventView, SummaryRow, SummarySection, ViewLink } from './protocol';
import type { RelatedLookup } from './relatedLookups';

/** The documentation links the host resolves for an event (from core/apiDocs, when loaded). */
export interface DocLinkResolver {
  apiReferenceUrl(eventSource: string, eventName: string, apiVersion?: string): { readonly url: string; readonly kind: string } | undefined;
  serviceAuthorizationUrl(eventSource: string): string | undefined;
}

/** What besides the event goes into a view. */
export interface EventViewContext {
  /** "Now" for relative times (epoch ms). */
  readonly now: number;
  readonly docs?: DocLinkResolver;
  readonly related?: readonly RelatedLookup[];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-11-21 10:04:05 UTC` */
export function formatUtc(time: number): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return 'unknown time';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`, `in 4 minutes` (clock skew). */
export function formatRelative(time: number, now: number): string {
  const diff = now - time;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  const units: readonly [number, string][] = [
    [365 * 86_400_000, 'year'],
    [30 * 86_400_000, 'month'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (abs >= size || name === 'minute') {
      const n = Math.max(1, Math.round(abs / size));
      const phrase = `${n} ${name}${n === 1 ? '' : 's'}`;
      return diff >= 0 ? `${phrase} ago` : `in ${phrase}`;
    }
  }
  return 'just now';
}

function row(label: string, value: string | undefined, extra: Omit<SummaryRow, 'label' | 'value'> = {}): SummaryRow[] {
  return value === undefined || value === '' ? [] : [{ label, value, ...extra }];
}

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'Yes' : 'No';
}

function consoleLink(url: string | undefined, what: string): ViewLink | undefined {
  return url === undefined ? undefined : { label: 'Console', url, title: `Open ${what} in the AWS console` };
}

function whoSection(event: TrailEvent): SummarySection {
  const p = event.principal;
  const issuerArn = tryParseArn(p.sessionIssuerArn);
  const issuerLink = consoleLink(issuerArn ? consoleUrlForArn(issuerArn) : undefined, 'the session issuer');
  return {
    id: 'who',
    title: 'Who',
    rows: [
      { label: 'Principal', value: p.label },
      ...row('Type', p.type),
      ...row('ARN', p.arn, { mono: true }),
      ...row('Account', p.accountId, { mono: true }),
      ...row('Session', p.sessionLabel !== p.label && p.sessionLabel !== p.accessKeyId ? p.sessionLabel : undefined),
      ...row('Session issuer', p.sessionIssuerArn, { mono: true, ...(issuerLink ? { link: issuerLink } : {}) }),
      ...row('Access key', p.accessKeyId, { mono: true }),
      ...row('MFA used', yesNo(p.mfaAuthenticated), p.mfaAuthenticated === false ? { tone: 'warning' } : {}),
      ...row('Invoked by', p.invokedBy, { mono: true }),
    ],
  };
}

function accessLabel(readOnly: boolean | undefined): string {
  if (readOnly === undefined) return 'Not recorded';
  return readOnly ? 'Read-only' : 'Write';
}

function whatSection(event: TrailEvent): SummarySection {
  const failed = event.errorCode !== undefined || event.errorMessage !== undefined;
  const kind = [event.eventType, event.category].filter((v) => v !== undefined && v !== '').join(' · ');
  return {
    id: 'what',
    title: 'What',
    rows: [
      { label: 'Action', value: event.name, mono: true },
      { label: 'Service', value: `${event.service.label} (${event.service.source})` },
      { label: 'Access', value: accessLabel(event.readOnly), ...(event.readOnly === undefined ? { tone: 'muted' as const } : {}) },
      failed ? { label: 'Result', value: `Failed: ${event.errorCode ?? 'error'}`, tone: 'error' } : { label: 'Result', value: 'Succeeded', tone: 'success' },
      ...row('Error message', event.errorMessage, { tone: 'error' }),
      ...row('Event type', kind),
      ...row('Request id', event.requestId, { mono: true }),
      { label: 'Event id', value: event.id, mono: true },
    ],
  };
}

function whenSection(event: TrailEvent, now: number): SummarySection {
  return {
    id: 'when',
    title: 'When',
    rows: [
      { label: 'UTC', value: formatUtc(event.time), mono: true },
      // The client formats local time itself: the webview knows the user's time zone.
      { label: 'Local', value: new Date(event.time).toISOString(), localTime: event.time },
      { label: 'Relative', value: formatRelative(event.time, now) },
    ],
  };
}

function whereSection(event: TrailEvent): SummarySection {
  const callerAccount = event.principal.accountId;
  return {
    id: 'where',
    title: 'Where',
    rows: [
      { label: 'Region', value: event.region, mono: true },
      ...row('Source IP', event.sourceIp, { mono: true }),
      ...row('User agent', event.userAgent, { mono: true }),
      ...row('VPC endpoint', event.vpcEndpointId, { mono: true }),
      ...row('Recipient account', event.account !== callerAccount ? event.account : undefined, { mono: true }),
    ],
  };
}

function onWhatSection(event: TrailEvent): SummarySection {
  const rows: SummaryRow[] = event.resources.map((resource) => {
    const link = consoleLink(consoleUrlForResource(resource, event.region), resource.name);
    const value = resource.arn !== undefined && resource.arn !== '' ? resource.arn : resource.name;
    return { label: resource.type ?? 'Resource', value, mono: true, ...(link ? { link } : {}) };
  });
  return { id: 'onWhat', title: 'On what', rows: rows.length > 0 ? rows : [{ label: 'Resources', value: 'None recorded', tone: 'muted' }] };
}

function docLinks(event: TrailEvent, docs: DocLinkResolver | undefined): ViewLink[] {
  if (!docs) return [];
  const links: ViewLink[] = [];
  const apiVersion = typeof event.raw.apiVersion === 'string' ? event.raw.apiVersion : undefined;
  const page = docs.apiReferenceUrl(event.service.source, event.name, apiVersion);
  const sar = docs.serviceAuthorizationUrl(event.service.source) ?? (page?.kind === 'authorization' ? page.url : undefined);
  // When the resolver falls back to the authorization page, the second link already covers it.
  if (page && page.kind !== 'authorization') {
    const label = page.kind === 'api' ? `API reference: ${event.name}` : `Documentation: ${event.name}`;
    links.push({ label, url: page.url, title: page.url });
  }
  if (sar !== undefined) links.push({ label: `Service Authorization Reference: ${event.service.label}`, url: sar, title: sar });
  return links;
}

/** The title of an event's panel: action and time. */
export function panelTitle(event: TrailEvent): string {
  return `${event.name} · ${formatUtc(event.time).slice(0, 16)} UTC`;
}

/** Builds the view of one event. Never throws for any TrailEvent. */
export function buildEventView(event: TrailEvent, context: EventViewContext): EventView {
  const failed = event.errorCode !== undefined || event.errorMessage !== undefined;
  const outcome = failed ? 'error' : event.readOnly === undefined ? 'unknown' : event.readOnly ? 'read' : 'write';
  const result = failed ? `failed (${event.errorCode ?? 'error'})` : accessLabel(event.readOnly).toLowerCase();
  const notes: string[] = [];
  if (event.partial === true) notes.push('Summary only: this source (a console CSV export) holds no full record, so some fields are unknown.');
  return {
    eventId: event.id,
    title: panelTitle(event),
    heading: event.name,
    subheading: `${event.service.label} · ${result} · ${event.principal.label} · ${formatRelative(event.time, context.now)}`,
    outcome,
    sections: [whoSection(event), whatSection(event), whenSection(event, context.now), whereSection(event), onWhatSection(event)],
    docLinks: docLinks(event, context.docs),
    related: (context.related ?? []).map(({ id, label, title }) => ({ id, label, title })),
    raw: event.raw,
    notes,
  };
}
