// What of a record the panel sends to its webview: the record shortened where it is huge or nested
// too deeply (so no event freezes the panel or the workbench), the marks that let the user ask for
// the rest ("Show all"), and the full values the host sends back on request.
import { formatBytes } from '../../core/athena/cost';
import { clipJson, stringifyJson, valueAtPath, type ClipLimits, type ClipMark } from '../../core/jsonText';
import type { TrailEvent } from '../../core/model';
import type { ClipMarkView, ClipView, RecordPath } from './protocol';

/** Strings longer than this, and containers deeper than this, are shortened in the panel. */
export const PANEL_CLIP_LIMITS: ClipLimits = { maxDepth: 24, maxStringLength: 2000 };

/** The record as the panel shows it, and what was left out. */
export interface ClippedRecord {
  readonly raw: unknown;
  readonly clip: ClipView;
  /** True when anything was shortened. */
  readonly clipped: boolean;
}

function badge(mark: ClipMark): string {
  if (mark.kind === 'string') return formatBytes(mark.length);
  return `${mark.length.toLocaleString('en-US')} ${mark.length === 1 ? 'entry' : 'entries'}`;
}

function markView(mark: ClipMark): ClipMarkView {
  return { path: mark.path, kind: mark.kind, badge: badge(mark) };
}

function summaryOf(longStrings: number, deepNodes: number, recordChars: number): string {
  if (longStrings + deepNodes === 0) return '';
  const parts: string[] = [];
  if (longStrings > 0) parts.push(`${longStrings.toLocaleString('en-US')} long value${longStrings === 1 ? '' : 's'} shortened`);
  if (deepNodes > 0) parts.push(`${deepNodes.toLocaleString('en-US')} deeply nested part${deepNodes === 1 ? '' : 's'} folded`);
  return `${parts.join(', ')} (record ${formatBytes(recordChars)}): "Show all" fetches one; Open as JSON shows the whole record.`;
}

/** Shortens a record for the panel (iteratively: any size, any depth). Never throws for parsed JSON. */
export function clipRecord(raw: unknown, limits: ClipLimits = PANEL_CLIP_LIMITS): ClippedRecord {
  const clipped = clipJson(raw, limits);
  const cut = clipped.longStrings + clipped.deepNodes > 0;
  const recordChars = cut ? stringifyJson(raw).length : 0;
  return { raw: clipped.value, clip: { marks: clipped.marks.map(markView), summary: summaryOf(clipped.longStrings, clipped.deepNodes, recordChars) }, clipped: cut };
}

/** The event as the panel's saved state keeps it: with the shortened record when the full one was cut. */
export function stateEvent(event: TrailEvent, record: ClippedRecord): TrailEvent {
  return record.clipped ? { ...event, raw: record.raw as TrailEvent['raw'] } : event;
}

/** The whole value at `path` as text (a string as is, a container as indented JSON), or undefined when the path leads nowhere. */
export function fullValueText(raw: unknown, path: RecordPath): string | undefined {
  const value = valueAtPath(raw, path);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : stringifyJson(value, 2);
}
