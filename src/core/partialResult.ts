/**
 * What a query result is missing and why, in one place, so the CLI, the views, the exports and
 * the panels say the same honest thing: which regions stopped and why, how many records could not
 * be read, whether it was cancelled, whether more events exist.
 */
import type { QueryResult, RegionFailure } from './query';

/** The gaps of a result, as data (for a UI) and as sentences (for a status line or a CLI). */
export interface PartialResult {
  /** True when anything is missing. */
  readonly partial: boolean;
  readonly failedRegions: readonly RegionFailure[];
  readonly badRecords: number;
  readonly cancelled: boolean;
  /** More events exist beyond the limit (Load more). */
  readonly more: boolean;
  /** One sentence per gap, most important first. Empty when nothing is missing. */
  readonly notes: readonly string[];
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Describes what `result` is missing. */
export function describePartial(result: Pick<QueryResult, 'regionErrors' | 'errors' | 'cancelled' | 'loadMore' | 'retry'>): PartialResult {
  const notes: string[] = [];
  for (const failure of result.regionErrors) {
    const kept = failure.eventsBefore !== undefined ? ` after ${plural(failure.eventsBefore, 'event')}` : '';
    const resume = failure.resumable === true ? ' (Retry resumes it from there)' : '';
    notes.push(`${failure.region} stopped${kept}: ${failure.message}${resume}`);
  }
  if (result.cancelled) notes.push('Cancelled: the events shown arrived before the cancel.');
  if (result.errors.length > 0) notes.push(`${plural(result.errors.length, 'record')} could not be read and ${result.errors.length === 1 ? 'is' : 'are'} not shown.`);
  const more = result.loadMore !== undefined;
  if (more) notes.push('More events match: Load more to continue.');
  return { partial: notes.length > 0, failedRegions: result.regionErrors, badRecords: result.errors.length, cancelled: result.cancelled, more, notes };
}
