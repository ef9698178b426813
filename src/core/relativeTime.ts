/**
 * The one relative-time formatter. The tree, the event panel, the timeline, the CodeLens and the
 * status bar all say `8 h ago` for the same event at the same moment, because they all call
 * {@link formatRelativeTime}: compact units (`min`, `h`, `d`), floored (an event 8 h 59 min old is
 * `8 h ago`, never `9 hours ago` in one place and `8 h ago` in another).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Beyond this age (and for times more than a minute in the future) the UTC date-time is shown. */
const RELATIVE_LIMIT = 30 * DAY;

/**
 * Relative time such as `just now`, `5 min ago`, `3 h ago`, `2 d ago`; older than 30 days (or in
 * the future by more than a minute, a clock skew) it gives the UTC date-time instead.
 */
export function formatRelativeTime(time: number, now: number): string {
  const delta = now - time;
  if (!Number.isFinite(delta)) return Number.isFinite(time) ? formatEventTime(time) : 'unknown time';
  if (delta < -MINUTE || delta >= RELATIVE_LIMIT) return formatEventTime(time);
  if (delta < MINUTE) return 'just now';
  if (delta < HOUR) return `${Math.floor(delta / MINUTE)} min ago`;
  if (delta < DAY) return `${Math.floor(delta / HOUR)} h ago`;
  return `${Math.floor(delta / DAY)} d ago`;
}

/**
 * Milliseconds from `now` until {@link formatRelativeTime} would give another text for `time`, or
 * undefined when it never will (a fixed date). Lets a view refresh its labels exactly when needed.
 */
export function relativeTimeChangesIn(time: number, now: number): number | undefined {
  const delta = now - time;
  if (!Number.isFinite(delta) || delta >= RELATIVE_LIMIT) return undefined;
  if (delta < -MINUTE) return -MINUTE - delta + 1;
  if (delta < MINUTE) return MINUTE - delta;
  const unit = delta < HOUR ? MINUTE : delta < DAY ? HOUR : DAY;
  const next = (Math.floor(delta / unit) + 1) * unit;
  return Math.min(next, RELATIVE_LIMIT) - delta;
}

/** An event time as `2026-01-15 09:30:00 UTC` (`unknown time` for an invalid number). */
export function formatEventTime(time: number): string {
  if (!Number.isFinite(time)) return 'unknown time';
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
