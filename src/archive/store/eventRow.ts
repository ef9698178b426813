/**
 * How one normalized event becomes a row of the store and back. A trail record is stored as its
 * own JSON (and normalized again when read, the same way every source does); an event that has no
 * raw CloudTrail record of its own (a console CSV row, a LookupEvents result whose indexed
 * resources are not in the record) is stored as the normalized event itself.
 */
import { normalizeRecord } from '../../core/event';
import type { TrailEvent } from '../../core/model';

/** `events.shape`: what `body` holds. */
export const enum BodyShape {
  Record = 0,
  Event = 1,
}

/** The resource names (name and ARN) and types a ResourceName / ResourceType filter looks at. */
export function resourceKeys(event: TrailEvent): { name: string; type: string | null }[] {
  const keys: { name: string; type: string | null }[] = [];
  for (const resource of event.resources) {
    keys.push({ name: resource.name, type: resource.type ?? null });
    if (resource.arn !== undefined && resource.arn !== resource.name) keys.push({ name: resource.arn, type: resource.type ?? null });
  }
  return keys;
}

/** Rebuilds the event of a stored row; undefined when the body no longer reads (never expected). */
export function eventOfRow(shape: number, body: string, recordIndex: number): TrailEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (shape === (BodyShape.Event as number)) return parsed as TrailEvent;
  const result = normalizeRecord(parsed, recordIndex);
  return result.ok ? result.event : undefined;
}
