// The timeline of a result set: events per interval, errors counted apart, with an interval chosen
// so the range fits in about 60 bars. Pure, so the bucketing is unit-tested.
import type { TrailEvent } from './model';
import { isFailed } from './outcome';

/** One bar of the timeline. */
export interface TimelineBucket {
  /** Start of the interval (epoch ms, inclusive). */
  readonly start: number;
  readonly total: number;
  /** Events with an error code. */
  readonly errors: number;
}

/** The bars and the interval they use. */
export interface Timeline {
  readonly intervalMs: number;
  readonly buckets: readonly TimelineBucket[];
  readonly maxTotal: number;
}

/** Intervals a bar may span, smallest first. */
const INTERVALS_MS = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000];

/** The smallest interval that covers `spanMs` in at most `maxBars` bars. */
export function chooseInterval(spanMs: number, maxBars = 60): number {
  return INTERVALS_MS.find((i) => spanMs / i <= maxBars) ?? 7 * 86_400_000;
}

/**
 * Counts events per interval over `[start, end]` (the query's range, so quiet periods show as empty
 * bars); events outside the range are counted in the nearest bar.
 */
export function buildTimeline(events: readonly TrailEvent[], start: number, end: number, maxBars = 60): Timeline {
  const intervalMs = chooseInterval(Math.max(end - start, 1), maxBars);
  const first = Math.floor(start / intervalMs) * intervalMs;
  const count = Math.max(1, Math.floor((end - first) / intervalMs) + 1);
  const totals = new Array<number>(count).fill(0);
  const errors = new Array<number>(count).fill(0);
  for (const event of events) {
    const index = Math.min(count - 1, Math.max(0, Math.floor((event.time - first) / intervalMs)));
    totals[index] = (totals[index] ?? 0) + 1;
    if (isFailed(event)) errors[index] = (errors[index] ?? 0) + 1;
  }
  const buckets = totals.map((total, i) => ({ start: first + i * intervalMs, total, errors: errors[i] ?? 0 }));
  return { intervalMs, buckets, maxTotal: Math.max(0, ...totals) };
}

/** `1 min`, `15 min`, `3 h`, `1 day`, `7 days`. */
export function describeInterval(intervalMs: number): string {
  if (intervalMs < 3_600_000) return `${intervalMs / 60_000} min`;
  if (intervalMs < 86_400_000) return `${intervalMs / 3_600_000} h`;
  const days = intervalMs / 86_400_000;
  return days === 1 ? '1 day' : `${days} days`;
}
