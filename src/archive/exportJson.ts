/**
 * JSON that is not a trail log file: `aws cloudtrail lookup-events` output
 * (`{"Events":[{…,"CloudTrailEvent":"<json>"}]}`, several outputs concatenated or gzipped) and the
 * console's "Download events → JSON" (no documented shape, facts §3.3: a list of records or of
 * LookupEvents events). The record reader finds the items; this module normalizes one.
 */
import { type LookupEventShape, normalizeLookupEvent, normalizeRecord } from '../core/event';
import { parseEpochSeconds, parseIsoTime } from '../core/eventTime';
import type { NormalizeResult } from '../core/model';

/** The CLI prints `EventTime` as ISO text or epoch seconds; the core expects a Date (invalid when unusable). */
function toLookupEvent(item: Readonly<Record<string, unknown>>): LookupEventShape {
  const time = item.EventTime;
  const parsed = typeof time === 'number' ? parseEpochSeconds(time) : typeof time === 'string' ? parseIsoTime(time) : undefined;
  const eventTime = parsed === undefined ? undefined : new Date(parsed.ok ? parsed.ms : Number.NaN);
  const { EventTime: _time, ...rest } = item;
  return { ...(rest as LookupEventShape), ...(eventTime ? { EventTime: eventTime } : {}) };
}

/** True for a LookupEvents `Event` (it carries the record as a `CloudTrailEvent` string). */
export function isLookupEventItem(item: unknown): item is Readonly<Record<string, unknown>> {
  return typeof item === 'object' && item !== null && 'CloudTrailEvent' in item;
}

/** Normalizes one item of an export: a LookupEvents event is unwrapped, anything else is a record. */
export function normalizeExportItem(item: unknown, index: number): NormalizeResult {
  return isLookupEventItem(item) ? normalizeLookupEvent(toLookupEvent(item), index) : normalizeRecord(item, index);
}
