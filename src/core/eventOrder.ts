/**
 * The one order of events everywhere (sources, merges, trees, exports, the local test endpoint):
 * newest first, equal times broken by event id in code-point order, so the order never depends on
 * arrival, region or locale.
 */
import type { TrailEvent } from './model';

/** The order on raw parts (epoch ms and event id), for records that are not TrailEvents yet. */
export function compareNewestFirstBy(aTime: number, aId: string, bTime: number, bId: string): number {
  return bTime - aTime || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** Compares two events newest first; ties by id (code points, not locale), so equal times are stable. */
export function compareNewestFirst(a: Pick<TrailEvent, 'time' | 'id'>, b: Pick<TrailEvent, 'time' | 'id'>): number {
  return compareNewestFirstBy(a.time, a.id, b.time, b.id);
}
