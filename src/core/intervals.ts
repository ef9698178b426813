/**
 * Closed time intervals (epoch ms): what a cache has fetched, and what a query still needs.
 * Pure helpers for the LookupEvents coverage kept by the store.
 */

/** `[start, end]`, inclusive. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Sorted, with overlapping and touching intervals joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end >= i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out.at(-1);
    if (last && next.start <= last.end + 1) out[out.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    else out.push({ start: next.start, end: next.end });
  }
  return out;
}

/** The parts of `window` no interval of `covered` contains, oldest first. */
export function uncovered(window: Interval, covered: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let from = window.start;
  for (const c of mergeIntervals(covered)) {
    if (c.end < from) continue;
    if (c.start > window.end) break;
    if (c.start > from) gaps.push({ start: from, end: Math.min(window.end, c.start - 1) });
    from = Math.max(from, c.end + 1);
    if (from > window.end) break;
  }
  if (from <= window.end) gaps.push({ start: from, end: window.end });
  return gaps;
}

/** The total length (ms) of the parts of `window` that `covered` contains. */
export function coveredLength(window: Interval, covered: readonly Interval[]): number {
  let total = 0;
  for (const c of mergeIntervals(covered)) {
    const start = Math.max(window.start, c.start);
    const end = Math.min(window.end, c.end);
    if (end >= start) total += end - start + 1;
  }
  return total;
}
