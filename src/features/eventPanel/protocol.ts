/**
 * The message protocol between the event-details panel (host) and its webview (client). Shared by
 * both sides, so it imports nothing. Everything the client renders arrives as data in an
 * {@link EventView}; everything the client asks for is a {@link WebviewToHost} message that the host
 * validates with {@link parseWebviewMessage} before acting, because a compromised webview could send
 * anything.
 */

/** The webview panel's view type (also in package.json's `onWebviewPanel:` activation event). */
export const EVENT_PANEL_VIEW_TYPE = 'cloudtrailInvestigator.eventDetails';

/** Version of the state the client stores with `setState`; the serializer drops other versions. */
export const PANEL_STATE_VERSION = 1;

/** A link the host resolved; the client shows it and asks the host to open it. */
export interface ViewLink {
  readonly label: string;
  readonly url: string;
  /** Shown on hover (the full URL or what kind of page it is). */
  readonly title?: string;
}

/** How a summary value is shown. */
export type ValueTone = 'error' | 'warning' | 'success' | 'muted';

/** One line of the summary header: a label and its value. */
export interface SummaryRow {
  readonly label: string;
  readonly value: string;
  /** Monospace (ARNs, ids, IPs, user agents). */
  readonly mono?: boolean;
  readonly tone?: ValueTone;
  /** An AWS link next to the value (console page of a resource, sign-in page…). */
  readonly link?: ViewLink;
  /** When set, the client shows this instant (epoch ms) in the user's local time zone instead of `value`. */
  readonly localTime?: number;
}

/** The five questions the header answers. */
export type SummarySectionId = 'who' | 'what' | 'when' | 'where' | 'onWhat';

export interface SummarySection {
  readonly id: SummarySectionId;
  readonly title: string;
  readonly rows: readonly SummaryRow[];
}

/** A related lookup the host can run; the client only echoes its id back. */
export interface RelatedLookupView {
  readonly id: string;
  readonly label: string;
  readonly title: string;
}

/** A key path into the record: object keys and array indexes from the root. */
export type RecordPath = readonly (string | number)[];

/** A place where the host shortened the record; the client offers "Show all" and the host sends the rest. */
export interface ClipMarkView {
  readonly path: RecordPath;
  /** `string`: a long string cut short; `deep`: a container nested too deeply to show. */
  readonly kind: 'string' | 'deep';
  /** The size badge: `97.7 KB`, `3 keys`. */
  readonly badge: string;
}

/** What the host left out of {@link EventView.raw} so the panel stays fast. */
export interface ClipView {
  readonly marks: readonly ClipMarkView[];
  /** One line above the JSON, e.g. `30 long values shortened (record 2.9 MB): Show all fetches one.`; empty when nothing was cut. */
  readonly summary: string;
}

/** Everything the client needs to render one event: plain, serializable, already labelled. */
export interface EventView {
  readonly eventId: string;
  /** e.g. `RunInstances · 2026-11-21 10:04:05 UTC` */
  readonly title: string;
  /** Action name, the big heading. */
  readonly heading: string;
  /** One line under the heading: service, result, time. */
  readonly subheading: string;
  /** `error` when the call failed, `write` or `read` otherwise (drives the badge). */
  readonly outcome: 'error' | 'write' | 'read' | 'unknown';
  readonly sections: readonly SummarySection[];
  /** API reference and Service Authorization Reference pages. */
  readonly docLinks: readonly ViewLink[];
  readonly related: readonly RelatedLookupView[];
  /** The raw record, shortened where {@link clip} says, rendered as a collapsible JSON tree. */
  readonly raw: unknown;
  readonly clip: ClipView;
  /** Notes shown above the JSON (e.g. "summary only: the CSV export has no full record"). */
  readonly notes: readonly string[];
}

/** Messages from the host to the webview. */
export interface ShowEventMessage {
  readonly type: 'showEvent';
  readonly view: EventView;
  /** What the client stores verbatim with `setState`, so the host can restore the panel after a reload. */
  readonly state: PanelState;
}

/** The whole value at a clipped path, sent when the user asked for it ("Show all"). */
export interface FullValueMessage {
  readonly type: 'fullValue';
  readonly path: RecordPath;
  /** The string itself, or a container's JSON text. */
  readonly text: string;
}

/** Messages from the host to the webview. */
export type HostToWebview = ShowEventMessage | FullValueMessage;

/** Messages from the webview to the host. */
export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'openLink'; readonly url: string }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'openRawJson' }
  | { readonly type: 'compareWith' }
  | { readonly type: 'relatedLookup'; readonly id: string }
  | { readonly type: 'showAll'; readonly path: RecordPath }
  | { readonly type: 'copyValue'; readonly path: RecordPath };

/** What the client keeps with `setState` so the panel can be restored after a reload. */
export interface PanelState {
  readonly version: typeof PANEL_STATE_VERSION;
  readonly eventId: string;
  /** The event as the host sent it (a `TrailEvent`); the host re-validates it on restore. */
  readonly event: unknown;
  /** True when `event.raw` is the shortened record (a huge or deeply nested one): the restored panel says so. */
  readonly clipped?: boolean;
}

/** Upper bounds on what the host accepts from the webview. */
export const MESSAGE_LIMITS = { url: 2048, copyText: 1_000_000, lookupId: 200, pathLength: 256, pathKey: 100_000 } as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** A fresh copy of a record path, or undefined unless every key is a bounded string or a non-negative integer. */
export function parseRecordPath(value: unknown): RecordPath | undefined {
  if (!Array.isArray(value) || value.length > MESSAGE_LIMITS.pathLength) return undefined;
  const path: (string | number)[] = [];
  for (const key of value as unknown[]) {
    if (typeof key === 'number' ? Number.isSafeInteger(key) && key >= 0 : typeof key === 'string' && key.length <= MESSAGE_LIMITS.pathKey) path.push(key as string | number);
    else return undefined;
  }
  return path;
}

/**
 * Validates a message from the webview. Returns a fresh object holding only the known fields, or
 * `undefined` for anything malformed (unknown type, missing or oversized fields).
 */
export function parseWebviewMessage(message: unknown): WebviewToHost | undefined {
  if (!isRecord(message) || typeof message.type !== 'string') return undefined;
  switch (message.type) {
    case 'ready':
    case 'openRawJson':
    case 'compareWith':
      return { type: message.type };
    case 'openLink':
      return boundedString(message.url, MESSAGE_LIMITS.url) ? { type: 'openLink', url: message.url } : undefined;
    case 'copy':
      return typeof message.text === 'string' && message.text.length <= MESSAGE_LIMITS.copyText ? { type: 'copy', text: message.text } : undefined;
    case 'relatedLookup':
      return boundedString(message.id, MESSAGE_LIMITS.lookupId) ? { type: 'relatedLookup', id: message.id } : undefined;
    case 'showAll':
    case 'copyValue': {
      const path = parseRecordPath(message.path);
      return path ? { type: message.type, path } : undefined;
    }
    default:
      return undefined;
  }
}

/** Validates a "Show all" answer from the host; undefined for anything else. */
export function parseFullValueMessage(message: unknown): FullValueMessage | undefined {
  if (!isRecord(message) || message.type !== 'fullValue' || typeof message.text !== 'string') return undefined;
  const path = parseRecordPath(message.path);
  return path ? { type: 'fullValue', path, text: message.text } : undefined;
}

/** Validates a message from the host (the client trusts the host but not blindly: wrong shapes are ignored). */
export function parseHostMessage(message: unknown): ShowEventMessage | undefined {
  if (!isRecord(message) || message.type !== 'showEvent' || !isRecord(message.view)) return undefined;
  const view = message.view;
  if (typeof view.eventId !== 'string' || typeof view.heading !== 'string' || !Array.isArray(view.sections)) return undefined;
  const state = parsePanelState(message.state);
  if (!state) return undefined;
  // A view without clip marks (nothing was shortened, or an older host) renders as is.
  const clip = isRecord(view.clip) && Array.isArray(view.clip.marks) && typeof view.clip.summary === 'string' ? view.clip : { marks: [], summary: '' };
  return { type: 'showEvent', view: { ...(view as unknown as EventView), clip: clip as unknown as EventView['clip'] }, state };
}

/** Reads a stored panel state; `undefined` when missing or of another version. */
export function parsePanelState(state: unknown): PanelState | undefined {
  if (!isRecord(state) || state.version !== PANEL_STATE_VERSION || typeof state.eventId !== 'string' || state.eventId === '') return undefined;
  if (!isRecord(state.event)) return undefined;
  return { version: PANEL_STATE_VERSION, eventId: state.eventId, event: state.event, ...(state.clipped === true ? { clipped: true } : {}) };
}
