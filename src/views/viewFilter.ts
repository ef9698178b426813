import { matchesText } from '../core/filters';
import type { TrailEvent } from '../core/model';

/** What the title-bar filter box and the errors-only toggle narrow the trees to. */
export interface ViewFilter {
  readonly text: string;
  readonly errorsOnly: boolean;
}

export const NO_FILTER: ViewFilter = { text: '', errorsOnly: false };

export function isFilterActive(filter: ViewFilter): boolean {
  return filter.text.trim() !== '' || filter.errorsOnly;
}

/** Events that pass the filter, in their original order (the same array when nothing filters). */
export function applyViewFilter(events: readonly TrailEvent[], filter: ViewFilter): readonly TrailEvent[] {
  if (!isFilterActive(filter)) return events;
  const text = filter.text.trim();
  return events.filter((e) => (!filter.errorsOnly || e.errorCode !== undefined) && matchesText(e, text));
}

/** A short description for the view's message line, e.g. `errors only · "alice"`. */
export function describeFilter(filter: ViewFilter): string {
  const parts: string[] = [];
  if (filter.errorsOnly) parts.push('errors only');
  if (filter.text.trim() !== '') parts.push(`"${filter.text.trim()}"`);
  return parts.join(' · ');
}
