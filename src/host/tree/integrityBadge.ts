// The mark a tree item shows for an archive event after integrity validation: nothing for verified
// events, API events and files never validated; a warning word for files a digest does not vouch for.
// Pure (no 'vscode') so the words are unit-tested.
import type { TrailEvent } from '../../core/model';
import { INTEGRITY_LABELS, integrityMark, type IntegrityIndex } from '../../core/provenance';

/** `ALTERED`, `UNVERIFIED` or `not yet covered by a digest` for an event whose file a digest does not vouch for; else undefined. */
export function integrityBadge(event: TrailEvent, index: IntegrityIndex | undefined): string | undefined {
  if (index === undefined) return undefined;
  const mark = integrityMark(event, index);
  if (mark === undefined || mark === 'verified') return undefined;
  // A file the validation did not reach (outside the validated set) is not vouched for either.
  return INTEGRITY_LABELS[mark === 'unchecked' ? 'unverified' : mark];
}
