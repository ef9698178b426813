/**
 * The investigations: the questions people ask CloudTrail, each defined as data (which inputs to ask
 * for, the lookup filters, which regions, and a local match for what LookupEvents cannot express,
 * such as "any of these event names") plus the pure functions that turn a definition and the user's
 * answers into an {@link EventQuery} and filter the results.
 */
import { matchesAttribute } from './filters';
import type { TrailEvent } from './model';
import { isFailed } from './outcome';
import type { AttributeFilter, EventQuery, QueryOptions, QueryResult, QueryStats } from './query';
import { DEFAULT_AROUND_MINUTES } from './investigationCatalog';
import type { EventMatch, Investigation, InvestigationParams, RegionScope, FilterTemplate } from './investigationTypes';
import { formatInstant } from './timeRange';

export type { EventMatch, FilterTemplate, Investigation, InvestigationId, InvestigationInput, InvestigationParams, RegionScope } from './investigationTypes';

export {
  ACCESS_DENIED_ERROR_CODES,
  DEFAULT_AROUND_MINUTES,
  DESTRUCTIVE_EVENT_NAMES,
  getInvestigation,
  INVESTIGATIONS,
  LOGGING_TAMPERING_EVENT_NAMES,
} from './investigationCatalog';

/** What the query is run against. */
export interface InvestigationContext {
  readonly now: number;
  /**
   * The regions the user chose (or the configured ones). Empty means every region the source holds
   * (trail files on disk): then no scope narrows the search, see {@link regionsFor}.
   */
  readonly regions: readonly string[];
  readonly maxEvents: number;
  /** Where global service events are recorded; default `us-east-1`. */
  readonly globalRegion?: string;
}

/** An investigation ready to run, or what is missing. */
export type BuiltInvestigation =
  | {
      readonly ok: true;
      /** One query equivalent to the whole investigation (for runners that take a single query). */
      readonly query: EventQuery;
      /**
       * What a runner should send: `[query]`, or one query per value of the investigation's `anyOf`
       * (each with that value as an exact filter, so it goes to the server); merge the results by
       * event id (`runQueryUnion` in core/queryUnion.ts) and describe them with `describeScan`.
       */
      readonly queries: readonly EventQuery[];
      readonly title: string;
      readonly match?: EventMatch;
    }
  | { readonly ok: false; readonly message: string };

/**
 * The regions an investigation searches: chosen, global, or both (without duplicates, chosen first).
 * An empty `chosen` (every region of trail files on disk) stays empty for every scope: narrowing to
 * the global region only saves API calls, and would drop what a trail of another partition (GovCloud,
 * China) or a sign-in endpoint recorded elsewhere; the filters already pick the service.
 */
export function regionsFor(scope: RegionScope, chosen: readonly string[], globalRegion = 'us-east-1'): string[] {
  if (chosen.length === 0) return [];
  if (scope === 'global') return [globalRegion];
  if (scope === 'chosen') return [...new Set(chosen)];
  return [...new Set([...chosen, globalRegion])];
}

function resolveFilter(template: FilterTemplate, params: InvestigationParams): AttributeFilter | string {
  if (typeof template.value === 'string') return { key: template.key, value: template.value };
  const value = params[template.value.param]?.trim();
  if (value === undefined || value === '') return `Missing ${template.value.param === 'accessKey' ? 'access key id' : template.value.param}.`;
  return { key: template.key, value };
}

/** `last 24 h` for a range ending now, else `start – end` in UTC. */
export function describeRange(start: number, end: number, now: number): string {
  if (Math.abs(end - now) < 60_000) {
    const minutes = Math.round((end - start) / 60_000);
    if (minutes < 120) return `last ${minutes} min`;
    const hours = Math.round(minutes / 60);
    if (hours < 48 || hours % 24 !== 0) return `last ${hours} h`;
    return `last ${hours / 24} days`;
  }
  return `${formatInstant(start)} – ${formatInstant(end)}`;
}

/**
 * Builds the query and its title from an investigation and the user's answers. Missing inputs give
 * a message naming them (never a half-built query).
 */
export function buildInvestigation(investigation: Investigation, params: InvestigationParams, context: InvestigationContext): BuiltInvestigation {
  let start: number;
  let end: number;
  let when: string;
  if (investigation.inputs.includes('moment')) {
    if (params.moment === undefined || !Number.isFinite(params.moment)) return { ok: false, message: 'Missing the moment to look around.' };
    const minutes = params.aroundMinutes ?? DEFAULT_AROUND_MINUTES;
    if (!(minutes > 0)) return { ok: false, message: 'The window around the moment must be at least one minute.' };
    start = params.moment - minutes * 60_000;
    end = Math.min(params.moment + minutes * 60_000, context.now);
    when = `${formatInstant(params.moment)} ±${minutes} min`;
  } else {
    if (params.start === undefined || params.end === undefined) return { ok: false, message: 'Missing the time range.' };
    start = params.start;
    end = params.end;
    when = describeRange(start, end, context.now);
  }
  const filters: AttributeFilter[] = [];
  for (const template of investigation.filters) {
    const resolved = resolveFilter(template, params);
    if (typeof resolved === 'string') return { ok: false, message: resolved };
    filters.push(resolved);
  }
  const subject = (params.resource ?? params.principal ?? params.accessKey)?.trim();
  const query: EventQuery = {
    regions: regionsFor(investigation.regions, context.regions, context.globalRegion),
    filters,
    start,
    end,
    includeReadOnly: investigation.includeReadOnly,
    ...(investigation.errorsOnly === true ? { errorsOnly: true } : {}),
    maxEvents: context.maxEvents,
  };
  const title = `${investigation.title.replace(/\?$/, '')}${subject !== undefined && investigation.inputs.some((i) => i !== 'moment' && i !== 'range') ? `: ${subject}` : ''} · ${when}`;
  const anyOf = investigation.anyOf;
  const queries =
    anyOf === undefined || anyOf.values.length === 0
      ? [query]
      : anyOf.values.map((value) => ({ ...query, filters: [{ key: anyOf.key, value }, ...filters.filter((f) => f.key !== anyOf.key)] }));
  return { ok: true, query, queries, title, ...(investigation.match ? { match: investigation.match } : {}) };
}

function anyName(value: string | undefined, patterns: readonly string[]): boolean {
  if (value === undefined) return false;
  return patterns.some((pattern) => matchesAttribute({ name: value } as TrailEvent, { key: 'EventName', value: pattern }));
}

function nestedString(record: Readonly<Record<string, unknown>>, outer: string, inner: string): string | undefined {
  const obj = record[outer];
  if (typeof obj !== 'object' || obj === null) return undefined;
  const value = (obj as Record<string, unknown>)[inner];
  return typeof value === 'string' ? value : undefined;
}

/** True for a console sign-in that failed: {@link isFailed}, the one definition of failure. */
export function isFailedSignIn(event: TrailEvent): boolean {
  return isFailed(event);
}

/** True for a sign-in or session without MFA (`additionalEventData.MFAUsed: No`, or the session says so). */
export function isWithoutMfa(event: TrailEvent): boolean {
  const used = nestedString(event.raw, 'additionalEventData', 'MFAUsed');
  if (used !== undefined) return used.toLowerCase() === 'no';
  return event.principal.mfaAuthenticated === false;
}

/** Whether an event satisfies a local match (an absent match keeps everything). */
export function matchesInvestigation(event: TrailEvent, match: EventMatch | undefined): boolean {
  if (match === undefined) return true;
  if (match.eventNames !== undefined && !anyName(event.name, match.eventNames)) return false;
  if (match.errorCodes !== undefined && !anyName(event.errorCode, match.errorCodes)) return false;
  if (match.principalTypes !== undefined && !match.principalTypes.includes(event.principal.type)) return false;
  if (match.signIn === 'failedOrNoMfa' && !(isFailedSignIn(event) || isWithoutMfa(event))) return false;
  return true;
}

/**
 * A result keeping only the events `keep` accepts: counts, progress and "load more" continue to
 * apply it, so a local match behaves like one more filter.
 */
export function refineResult(result: QueryResult, keep: (event: TrailEvent) => boolean): QueryResult {
  const events = result.events.filter(keep);
  const { loadMore, ...rest } = result;
  return {
    ...rest,
    events,
    stats: { ...result.stats, events: events.length },
    ...(loadMore ? { loadMore: async (options?: QueryOptions) => refineResult(await loadMore(refineOptions(options, keep)), keep) } : {}),
  };
}

/** Query options whose progress callback sees only the events `keep` accepts, with a running count of them. */
export function refineOptions(options: QueryOptions | undefined, keep: (event: TrailEvent) => boolean): QueryOptions {
  const onProgress = options?.onProgress;
  if (onProgress === undefined) return options ?? {};
  let kept = 0;
  return {
    ...options,
    onProgress: (events: readonly TrailEvent[], stats: QueryStats) => {
      const fresh = events.filter(keep);
      kept += fresh.length;
      onProgress(fresh, { ...stats, events: kept });
    },
  };
}
