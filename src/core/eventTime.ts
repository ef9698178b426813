/**
 * Strict event times. CloudTrail writes `eventTime` as ISO 8601 in UTC (`2024-05-01T12:00:00Z`);
 * the console's CSV export writes the same without always keeping the zone, and LookupEvents gives
 * epoch seconds. `Date.parse` is too lenient for evidence: it turns `2023-02-30` into March 2nd and
 * yields times that `toISOString()` later throws on. Every reader goes through this module, so a bad
 * time becomes a per-record error instead of a wrong date or a crash further on.
 */

/** Earliest accepted time: 1970-01-01T00:00:00Z (CloudTrail started in 2013; older is damage). */
export const MIN_EVENT_TIME = 0;

/** Latest accepted time: 9999-12-31T23:59:59.999Z, the last instant a four-digit ISO year can write. */
export const MAX_EVENT_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A parsed time (epoch milliseconds) or why the value is not one. */
export type TimeParseResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** True for epoch milliseconds inside [{@link MIN_EVENT_TIME}, {@link MAX_EVENT_TIME}]. */
export function isEventTimeInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_EVENT_TIME && ms <= MAX_EVENT_TIME;
}

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/**
 * Parses an ISO 8601 date or date-time. Without a zone the time is UTC (CloudTrail and the console
 * export write UTC). Calendar dates are checked (`2023-02-30` is refused), as are hours, minutes and
 * seconds, and the result must lie within {@link MIN_EVENT_TIME}…{@link MAX_EVENT_TIME}.
 */
export function parseIsoTime(text: string): TimeParseResult {
  const trimmed = text.trim();
  const m = ISO.exec(trimmed);
  if (!m) return { ok: false, reason: `${show(text)} is not an ISO 8601 date-time` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `${show(text)} is not a calendar date` };
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `${show(text)} is not a time of day` };
  const offset = offsetMinutes(zone);
  if (Math.abs(offset) > 18 * 60) return { ok: false, reason: `${show(text)} has an impossible time zone offset` };
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  if (!isEventTimeInRange(utc)) return { ok: false, reason: `${show(text)} is outside 1970–9999` };
  return { ok: true, ms: utc };
}

/** A record's `eventTime`: only strings are times (CloudTrail never writes numbers there). */
export function parseRecordTime(value: unknown): TimeParseResult {
  if (value === undefined || value === null) return { ok: false, reason: 'it has no eventTime' };
  if (typeof value !== 'string') return { ok: false, reason: `its eventTime is a ${Array.isArray(value) ? 'list' : typeof value}, not an ISO 8601 string` };
  const parsed = parseIsoTime(value);
  return parsed.ok ? parsed : { ok: false, reason: `its eventTime ${parsed.reason}` };
}

/** LookupEvents' `EventTime` in epoch seconds (the wire form and `aws cloudtrail lookup-events` output). */
export function parseEpochSeconds(value: number): TimeParseResult {
  const ms = Math.round(value * 1000);
  if (!isEventTimeInRange(ms)) return { ok: false, reason: `EventTime ${String(value)} is not a time between 1970 and 9999` };
  return { ok: true, ms };
}
