import { isOutsideIac } from './changeChannel';
import { matchesText } from './filters';
import type { TrailEvent } from './model';
import { isFailed } from './outcome';
import { isVerifiedEvent, type IntegrityIndex } from './provenance';

/** What the title-bar filter box and toggles (errors only, outside IaC, verified only) narrow the trees to. */
export interface ViewFilter {
  readonly text: string;
  readonly errorsOnly: boolean;
  /** Only changes made outside infrastructure as code (console, CLI, SDK, unknown; see core/changeChannel). */
  readonly outsideIacOnly?: boolean;
  /** Only archive events whose file a digest verified (see core/provenance). */
  readonly verifiedOnly?: boolean;
  /** The last integrity validation's results, read by {@link ViewFilter.verifiedOnly}; absent: nothing verified. */
  readonly integrity?: IntegrityIndex;
}

export const NO_FILTER: ViewFilter = { text: '', errorsOnly: false };

export function isFilterActive(filter: ViewFilter): boolean {
  return filter.text.trim() !== '' || filter.errorsOnly || filter.outsideIacOnly === true || filter.verifiedOnly === true;
}

/** Events that pass the filter, in their original order (the same array when nothing filters). */
export function applyViewFilter(events: readonly TrailEvent[], filter: ViewFilter): readonly TrailEvent[] {
  if (!isFilterActive(filter)) return events;
  const text = filter.text.trim();
  const verified = filter.verifiedOnly === true ? isVerifiedEvent(filter.integrity) : undefined;
  return events.filter(
    (e) => (!filter.errorsOnly || isFailed(e)) && (filter.outsideIacOnly !== true || isOutsideIac(e)) && (verified === undefined || verified(e)) && matchesText(e, text),
  );
}

/** A short description for the view's message line, e.g. `errors only · outside IaC · "alice"`. */
export function describeFilter(filter: ViewFilter): string {
  const parts: string[] = [];
  if (filter.errorsOnly) parts.push('errors only');
  if (filter.outsideIacOnly === true) parts.push('outside IaC');
  if (filter.verifiedOnly === true) parts.push('verified only');
  if (filter.text.trim() !== '') parts.push(`"${filter.text.trim()}"`);
  return parts.join(' · ');
}
