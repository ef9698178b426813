/**
 * JSON that is not a trail log file: `aws cloudtrail lookup-events` output
 * (`{"Events":[{…,"CloudTrailEvent":"<json>"}]}`) and the console's "Download events → JSON"
 * (no documented shape, facts §3.3: a bare array of records or of LookupEvents events).
 */
import { type LookupEventShape, normalizeLookupEvent, normalizeRecord } from '../core/event';
import type { NormalizeResult } from '../core/model';

/** True when the start of a (non-gzip) JSON file looks like lookup-events output or a bare array. */
export function looksLikeExportJson(head: string): boolean {
  const trimmed = head.trimStart();
  if (trimmed.startsWith('[')) return true;
  return /^\{\s*"(Events|NextToken)"\s*:/.test(trimmed);
}

/** The CLI prints `EventTime` as ISO text or epoch seconds; the core expects a Date. */
function toLookupEvent(item: Record<string, unknown>): LookupEventShape {
  const time = item.EventTime;
  const eventTime = typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : undefined;
  return { ...(item as LookupEventShape), ...(eventTime ? { EventTime: eventTime } : {}) };
}

/**
 * Normalizes every item of an export. Items that are LookupEvents events are unwrapped; anything
 * else is treated as a record. A file that is not JSON or has no event list yields one error.
 */
export function* readExportJson(text: string): Generator<NormalizeResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    yield { ok: false, error: { error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` } };
    return;
  }
  let items: unknown[] | undefined;
  if (Array.isArray(parsed)) items = parsed;
  else if (typeof parsed === 'object' && parsed !== null) {
    const { Events, Records } = parsed as { Events?: unknown; Records?: unknown };
    if (Array.isArray(Events)) items = Events;
    else if (Array.isArray(Records)) items = Records;
  }
  if (!items) {
    yield { ok: false, error: { error: 'Not a CloudTrail export: expected "Events", "Records" or an array of events' } };
    return;
  }
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (typeof item === 'object' && item !== null && 'CloudTrailEvent' in item) {
      yield normalizeLookupEvent(toLookupEvent(item), index);
    } else {
      yield normalizeRecord(item, index);
    }
  }
}
