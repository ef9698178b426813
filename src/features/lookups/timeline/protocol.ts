/**
 * The message protocol between the results timeline panel (host) and its webview (client). Shared by
 * both sides, so it imports only pure core types. The host sends the model as data; the client only
 * asks to open an event by id, which the host looks up in the shown result set before acting: a
 * compromised webview could send anything, so every message is validated on arrival.
 */
import type { TimelineBar, TimelineEventRow, TimelineModel } from '../../../core/timelineModel';

/** The panel's view type (also in package.json's `onWebviewPanel:` activation event). */
export const TIMELINE_VIEW_TYPE = 'cloudtrailInvestigator.timeline';

/** Version of the state the client stores with `setState`; the serializer drops other versions. */
export const TIMELINE_STATE_VERSION = 1;

/** What the client keeps with `setState`, so the panel can be restored after a reload. */
export interface TimelineState {
  readonly version: typeof TIMELINE_STATE_VERSION;
  readonly model: TimelineModel;
}

/** Messages from the host to the webview. */
export interface ShowTimelineMessage {
  readonly type: 'show';
  readonly model: TimelineModel;
  /** Stored verbatim by the client with `setState`. */
  readonly state: TimelineState;
}

export type HostToTimeline = ShowTimelineMessage;

/** Messages from the webview to the host. */
export type TimelineToHost = { readonly type: 'ready' } | { readonly type: 'openEvent'; readonly id: string };

/** Upper bounds on what the host accepts from the webview. */
export const TIMELINE_LIMITS = { eventId: 200, bars: 1000, rows: 1000, text: 10_000 } as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= TIMELINE_LIMITS.text;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function parseBar(value: unknown): TimelineBar | undefined {
  if (!isRecord(value) || !isText(value.label) || !isCount(value.total) || !isCount(value.errors)) return undefined;
  return { label: value.label, total: value.total, errors: value.errors };
}

function parseRow(value: unknown): TimelineEventRow | undefined {
  if (!isRecord(value)) return undefined;
  const { id, time, name, principal, region, error } = value;
  if (!isText(id) || !isText(time) || !isText(name) || !isText(principal) || !isText(region)) return undefined;
  if (error !== undefined && !isText(error)) return undefined;
  return { id, time, name, principal, region, ...(error !== undefined ? { error } : {}) };
}

function parseList<T>(value: unknown, max: number, item: (v: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  const out: T[] = [];
  for (const v of value as unknown[]) {
    const parsed = item(v);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

/** Checks a model field by field; `undefined` for anything of another shape. Returns a fresh copy. */
export function parseTimelineModel(value: unknown): TimelineModel | undefined {
  if (!isRecord(value)) return undefined;
  const { title, headline, summary, plan, interval, maxTotal, range, moreEvents, empty } = value;
  if (!isText(title) || !isText(summary) || !isText(plan) || !isText(interval) || !isCount(maxTotal) || !isCount(moreEvents)) return undefined;
  if (headline !== undefined && !isText(headline)) return undefined;
  if (empty !== undefined && !isText(empty)) return undefined;
  if (!isRecord(range) || !isText(range.start) || !isText(range.end)) return undefined;
  const bars = parseList(value.bars, TIMELINE_LIMITS.bars, parseBar);
  const events = parseList(value.events, TIMELINE_LIMITS.rows, parseRow);
  if (!bars || !events) return undefined;
  return { title, ...(headline !== undefined ? { headline } : {}), summary, plan, interval, bars, maxTotal, range: { start: range.start, end: range.end }, events, moreEvents, ...(empty !== undefined ? { empty } : {}) };
}

/** Reads a stored panel state (it comes back from the webview); `undefined` when missing, malformed or of another version. */
export function parseTimelineState(state: unknown): TimelineState | undefined {
  if (!isRecord(state) || state.version !== TIMELINE_STATE_VERSION) return undefined;
  const model = parseTimelineModel(state.model);
  return model ? { version: TIMELINE_STATE_VERSION, model } : undefined;
}

/** Validates a message from the webview; a fresh object with the known fields, or `undefined`. */
export function parseTimelineMessage(message: unknown): TimelineToHost | undefined {
  if (!isRecord(message)) return undefined;
  if (message.type === 'ready') return { type: 'ready' };
  if (message.type === 'openEvent' && typeof message.id === 'string' && message.id.length > 0 && message.id.length <= TIMELINE_LIMITS.eventId) return { type: 'openEvent', id: message.id };
  return undefined;
}

/** Validates a message from the host (the client trusts the host, but not blindly). */
export function parseTimelineHostMessage(message: unknown): HostToTimeline | undefined {
  if (!isRecord(message) || message.type !== 'show') return undefined;
  const model = parseTimelineModel(message.model);
  const state = parseTimelineState(message.state);
  return model && state ? { type: 'show', model, state } : undefined;
}
