// Turns a TrailEvent into the EventView the webview renders: every label, link and lookup decided on
// the host (pure, no vscode), so the client only builds DOM from data.
import type { TrailEvent } from '../../core/model';
import { consoleUrlForArn, consoleUrlForResource } from '../../core/consoleLinks';
import { tryParseArn } from '../../core/arn';
import { formatEventTime, formatRelativeTime } from '../../core/relativeTime';
import { changeChannelOf, isOutsideIac } from '../../core/changeChannel';
import { isChange } from '../../core/cloudBlame';
import type { HumanIndex } from '../../core/humanIndex';
import { recordHumanOf } from '../../core/human';
import { failureOf } from '../../core/outcome';
import { provenanceLine, provenanceOf, type IntegrityIndex } from '../../core/provenance';
import type { EventView, SummaryRow, SummarySection, ViewLink } from './protocol';
import type { RelatedLookup } from '../../core/relatedLookups';
import { safeTitle, titleText, type SafeText } from '../../core/safeText';
import { clipRecord, type ClippedRecord } from './recordClip';

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
  /** The record already shortened with {@link clipRecord} (the panel reuses it for its saved state). */
  readonly record?: ClippedRecord;
  /** The panel was restored after a reload from a shortened record. */
  readonly restoredClipped?: boolean;
  /** Role chains over the loaded events, for the human behind a role session; else the record's own. */
  readonly humans?: HumanIndex;
  /** The last integrity validation of the open trail logs, for the provenance line. */
  readonly integrity?: IntegrityIndex;
  /** What kind of source is active, for events that carry no file (API, Athena). */
  readonly sourceKind?: 'api' | 'archive' | 'athena';
}

const SOURCE_WORDS: Readonly<Record<NonNullable<EventViewContext['sourceKind']>, string>> = {
  api: 'CloudTrail event history (LookupEvents API)',
  athena: 'an Athena query of the trail bucket',
  archive: 'trail logs (the file was not recorded)',
};

function row(label: string, value: string | undefined, extra: Omit<SummaryRow, 'label' | 'value'> = {}): SummaryRow[] {
  return value === undefined || value === '' ? [] : [{ label, value, ...extra }];
}

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'Yes' : 'No';
}

function consoleLink(url: string | undefined, what: string): ViewLink | undefined {
  return url === undefined ? undefined : { label: 'Console', url, title: `Open ${what} in the AWS console` };
}

function whoSection(event: TrailEvent, humans: HumanIndex | undefined): SummarySection {
  const p = event.principal;
  const human = humans?.humanOf(event) ?? recordHumanOf(event);
  const issuerArn = tryParseArn(p.sessionIssuerArn);
  const issuerLink = consoleLink(issuerArn ? consoleUrlForArn(issuerArn) : undefined, 'the session issuer');
  return {
    id: 'who',
    title: 'Who',
    rows: [
      { label: 'Principal', value: p.label },
      ...row('Human', human.label === p.label ? undefined : human.label),
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

/** `console — outside Terraform`, `Terraform 1.7.5`, `AWS CLI`: how the call was made; changes outside IaC say so. */
export function channelText(event: TrailEvent): string {
  const channel = changeChannelOf(event);
  const name = channel.kind === 'console' ? 'console' : channel.kind === 'unknown' ? 'unknown' : channel.label;
  const detail = channel.detail !== undefined && channel.kind !== 'unknown' && channel.kind !== 'sdk' ? ` ${channel.detail}` : '';
  return `${name}${detail}${isOutsideIac(event) && isChange(event) ? ' — outside Terraform' : ''}`;
}

/** The whole error message (the failure's summary is cut short), unless the Result row already says it. */
function errorMessageOf(event: TrailEvent, failure: ReturnType<typeof failureOf>): string | undefined {
  const message = event.errorMessage ?? failure?.message;
  return message === undefined || message === failure?.summary ? undefined : message;
}

function whatSection(event: TrailEvent): SummarySection {
  const failure = failureOf(event);
  const channel = changeChannelOf(event);
  const kind = [event.eventType, event.category].filter((v) => v !== undefined && v !== '').join(' · ');
  return {
    id: 'what',
    title: 'What',
    rows: [
      { label: 'Action', value: event.name, mono: true },
      { label: 'Service', value: `${event.service.label} (${event.service.source})` },
      { label: 'Access', value: accessLabel(event.readOnly), ...(event.readOnly === undefined ? { tone: 'muted' as const } : {}) },
      failure ? { label: 'Result', value: `Failed: ${failure.summary}`, tone: 'error' } : { label: 'Result', value: 'Succeeded', tone: 'success' },
      ...row('Error message', errorMessageOf(event, failure), { tone: 'error' }),
      { label: 'Channel', value: channelText(event), ...(isOutsideIac(event) && isChange(event) ? { tone: 'warning' as const } : channel.kind === 'unknown' ? { tone: 'muted' as const } : {}) },
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
      { label: 'UTC', value: formatEventTime(event.time), mono: true },
      // The client formats local time itself: the webview knows the user's time zone.
      { label: 'Local', value: new Date(event.time).toISOString(), localTime: event.time },
      { label: 'Relative', value: formatRelativeTime(event.time, now) },
    ],
  };
}

/** Where the event came from: its trail file, record and integrity verdict, else the active source. */
function sourceRow(event: TrailEvent, context: EventViewContext): SummaryRow[] {
  const provenance = provenanceOf(event, context.integrity);
  if (provenance !== undefined) {
    const status = provenance.integrity?.status;
    const tone = status === 'verified' ? 'success' : status === 'altered' || status === 'unverified' ? 'error' : 'warning';
    return [{ label: 'Source', value: provenanceLine(provenance), tone }];
  }
  if (event.partial === true || context.sourceKind === undefined) return [];
  return [{ label: 'Source', value: `From ${SOURCE_WORDS[context.sourceKind]}, ${event.region}` }];
}

function whereSection(event: TrailEvent, context: EventViewContext): SummarySection {
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
      ...sourceRow(event, context),
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

/** The title of an event's panel: action and time (the action is attacker-chosen text: one short visible line). */
export function panelTitle(event: TrailEvent): SafeText<'title'> {
  return safeTitle`${titleText(event.name, { maxLength: 60 })} · ${formatEventTime(event.time).slice(0, 16)} UTC`;
}

/** Builds the view of one event. Never throws for any TrailEvent. */
export function buildEventView(event: TrailEvent, context: EventViewContext): EventView {
  const failure = failureOf(event);
  const outcome = failure ? 'error' : event.readOnly === undefined ? 'unknown' : event.readOnly ? 'read' : 'write';
  const result = failure ? `failed (${failure.code ?? failure.summary})` : accessLabel(event.readOnly).toLowerCase();
  const notes: string[] = [];
  if (event.partial === true) notes.push('Summary only: this source (a console CSV export) holds no full record, so some fields are unknown.');
  if (context.restoredClipped === true) notes.push('Restored after a reload with long values shortened: open the event again from the CloudTrail view for the whole record.');
  const record = context.record ?? clipRecord(event.raw);
  return {
    eventId: event.id,
    title: panelTitle(event),
    heading: event.name,
    subheading: `${event.service.label} · ${result} · ${event.principal.label} · ${formatRelativeTime(event.time, context.now)}`,
    outcome,
    sections: [whoSection(event, context.humans), whatSection(event), whenSection(event, context.now), whereSection(event, context), onWhatSection(event)],
    docLinks: docLinks(event, context.docs),
    related: (context.related ?? []).map(({ id, label, title }) => ({ id, label, title })),
    raw: record.raw,
    clip: record.clip,
    notes,
  };
}
