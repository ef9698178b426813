// What a palette command may ask of the active source: its default window, how old a start may be,
// and which regions to search. The LookupEvents API keeps 90 days and searches the configured
// regions; opened trail logs have no age limit and hold whatever regions their files hold, so every
// command asks this one place instead of testing the source kind itself. Pure (no 'vscode').
import type { TrailEventSource } from './query';
import { MAX_AGE_DAYS } from './lookupQuery';

const DAY_MS = 86_400_000;

/** The limits and defaults of the active source, for the palette commands. */
export interface QueryScope {
  readonly kind: TrailEventSource['kind'];
  /** The window of a lookup given no range: the last 90 days (API), or everything the files hold (archive). */
  readonly defaultWindow: { readonly start: number; readonly end: number; readonly label: string };
  /** Starts older than this many days are refused (API: 90); undefined when there is no limit (archive). */
  readonly maxAgeDays: number | undefined;
  /**
   * The regions searched when the user names none: the configured ones (API), or `[]` — every
   * region the trail files hold (an archive source reads an empty list as "no region filter").
   */
  readonly regions: readonly string[];
}

/**
 * The scope of `source` at `now`. `apiRegions` resolves the configured regions; it is called only
 * for the API source.
 */
export async function queryScopeFor(source: Pick<TrailEventSource, 'kind' | 'defaultWindow'>, now: number, apiRegions: () => Promise<readonly string[]>): Promise<QueryScope> {
  if (source.kind === 'archive') {
    return { kind: 'archive', defaultWindow: source.defaultWindow?.() ?? { start: 0, end: now, label: 'all trail logs' }, maxAgeDays: undefined, regions: [] };
  }
  return {
    kind: 'api',
    defaultWindow: { start: now - MAX_AGE_DAYS * DAY_MS, end: now, label: `last ${MAX_AGE_DAYS} days` },
    maxAgeDays: MAX_AGE_DAYS,
    regions: await apiRegions(),
  };
}

/**
 * A requested range made answerable: missing ends come from the default window; with an age limit
 * (API) the start is clamped to it and the end to now, without one (archive) the range is kept.
 */
export function rangeInScope(scope: QueryScope, now: number, start?: number, end?: number): { start: number; end: number } {
  if (scope.maxAgeDays === undefined) return { start: start ?? scope.defaultWindow.start, end: end ?? scope.defaultWindow.end };
  const oldest = now - scope.maxAgeDays * DAY_MS;
  return { start: Math.max(start ?? oldest, oldest), end: Math.min(end ?? now, now) };
}

/** `eu-west-1, us-east-1`, or what an empty list means for trail logs. */
export function describeRegions(regions: readonly string[]): string {
  return regions.length > 0 ? regions.join(', ') : 'every region of the trail logs';
}
