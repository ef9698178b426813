/**
 * Time ranges typed by people: durations back from now (`15m`, `1h`, `24h`, `7d`, `90d`) and
 * date-times (ISO with a zone, or local without one), alone or as `start .. end`.
 */

/** A parsed time range (epoch ms, inclusive) or a message saying what is wrong. */
export type TimeRangeResult = { readonly ok: true; readonly start: number; readonly end: number } | { readonly ok: false; readonly message: string };

/** Options for {@link parseTimeRange}. */
export interface TimeRangeOptions {
  /** Reject starts older than this many days (CloudTrail event history keeps 90). */
  readonly maxAgeDays?: number;
}

const UNIT_MS: Readonly<Partial<Record<string, number>>> = {
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DAY_MS = 86_400_000;

/** Separators accepted between the start and the end of a range. */
const RANGE_SEPARATOR = /\s*\.\.\s*|\s+to\s+|\s+[-–]\s+|\s*\/\s*/i;

/**
 * Parses a duration such as `15m`, `1h`, `24h`, `7d`, `90d`, `2w` or `30s` (optionally prefixed by
 * "last"), returning milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:last\s*)?(\d{1,6})\s*(s|m|min|h|d|w)$/i.exec(text.trim());
  if (match === null) return undefined;
  const perUnit = UNIT_MS[(match.at(2) ?? '').toLowerCase()];
  return perUnit === undefined ? undefined : Number(match.at(1)) * perUnit;
}

/**
 * Parses a date-time: ISO 8601 with `Z` or an offset is absolute; without a zone (`2026-01-15`,
 * `2026-01-15 09:30`, `2026-01-15T09:30:00`) it is local time; `now` is `now`. Returns epoch ms,
 * or undefined when the text is not a valid date-time (including impossible dates like Feb 30).
 */
export function parseDateTime(text: string, now: number): number | undefined {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'now') return now;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(trimmed);
  if (m === null) return undefined;
  const groups: (string | undefined)[] = m.slice(1);
  const [year, month, day, hour, minute, second] = groups.slice(0, 6).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((groups[6] ?? '0').padEnd(3, '0'));
  const zone = groups[7];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Reject impossible days (Feb 30) by round-tripping through UTC.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if (zone === undefined) {
    return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return utc - sign * offsetMinutes * 60_000;
}

/**
 * Parses a time range relative to `now` (epoch ms):
 * - a duration (`1h`, `7d`): from that long ago until now;
 * - one date-time: from then until now;
 * - `start .. end` (also `start to end`, `start / end`), each side a date-time, `now`, or a
 *   duration meaning "that long ago".
 * An end in the future is clamped to now. Errors name the problem: unparseable text, a start after
 * the end, a start in the future, or a start older than `maxAgeDays`.
 */
export function parseTimeRange(input: string, now: number, options: TimeRangeOptions = {}): TimeRangeResult {
  const text = input.trim();
  if (text === '') {
    return { ok: false, message: 'Enter a time range, such as 1h, 7d, or 2026-01-15T09:00 .. 2026-01-15T18:00.' };
  }
  const parts = text.split(RANGE_SEPARATOR);
  if (parts.length > 2) {
    return { ok: false, message: `Could not read "${shorten(text)}": give one start and at most one end, separated by "..".` };
  }
  const startText = parts.at(0) ?? '';
  const endText = parts.at(1);
  const start = parsePoint(startText, now);
  if (start === undefined) return unreadable(startText);
  let end = now;
  if (endText !== undefined) {
    const parsedEnd = parsePoint(endText, now);
    if (parsedEnd === undefined) return unreadable(endText);
    end = parsedEnd;
  }
  if (start > now) {
    return { ok: false, message: `The start (${formatInstant(start)}) is in the future.` };
  }
  if (start > end) {
    return { ok: false, message: `The start (${formatInstant(start)}) is after the end (${formatInstant(end)}).` };
  }
  if (start === end && parseDuration(startText) !== undefined && endText === undefined) {
    return { ok: false, message: `The duration "${shorten(startText)}" must be longer than zero.` };
  }
  if (options.maxAgeDays !== undefined && start < now - options.maxAgeDays * DAY_MS) {
    return {
      ok: false,
      message: `The start (${formatInstant(start)}) is more than ${options.maxAgeDays} days ago; CloudTrail event history keeps only the last ${options.maxAgeDays} days.`,
    };
  }
  return { ok: true, start, end: Math.min(end, now) };
}

function parsePoint(text: string, now: number): number | undefined {
  const duration = parseDuration(text);
  return duration !== undefined ? now - duration : parseDateTime(text, now);
}

function unreadable(text: string): TimeRangeResult {
  return {
    ok: false,
    message: `Could not read "${shorten(text)}" as a duration (15m, 1h, 24h, 7d, 90d) or a date-time (2026-01-15T09:30, ISO or local).`,
  };
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed;
}

/** An instant as a short ISO string in UTC (`2026-01-15T09:30:00Z`), for messages. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
