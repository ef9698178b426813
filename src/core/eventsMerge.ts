import { compareNewestFirst } from './eventOrder';
import type { TrailEvent } from './model';

/**
 * Merges two newest-first event lists into one newest-first list without duplicate ids. Events
 * already held win over incoming copies, so items keep their identity across a refresh.
 * `added` counts incoming events that were new.
 */
export function mergeEvents(held: readonly TrailEvent[], incoming: readonly TrailEvent[]): { events: TrailEvent[]; added: number } {
  const seen = new Set<string>();
  for (const e of held) seen.add(e.id);
  const fresh: TrailEvent[] = [];
  for (const e of incoming) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    fresh.push(e);
  }
  if (fresh.length === 0) return { events: [...held], added: 0 };
  // Sources return newest first, but a multi-region fan-out may interleave: sort only the new part.
  fresh.sort(compareNewestFirst);
  const out: TrailEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < held.length && j < fresh.length) {
    // On equal times held events stay first: a stable merge keeps the existing order.
    if (compareNewestFirst(fresh[j], held[i]) < 0) out.push(fresh[j++]);
    else out.push(held[i++]);
  }
  while (i < held.length) out.push(held[i++]);
  while (j < fresh.length) out.push(fresh[j++]);
  return { events: out, added: fresh.length };
}

/**
 * The start of a refresh window: a little before the newest event held, because CloudTrail
 * delivers events minutes late and out of order. Duplicates from the overlap are merged away.
 */
export function refreshStart(newestHeld: number, windowStart: number, overlapMs = 15 * 60_000): number {
  return Math.max(windowStart, newestHeld - overlapMs);
}
