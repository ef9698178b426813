/**
 * The investigations: the questions people ask CloudTrail, each defined as data (which inputs to ask
 * for, the lookup filters, which regions, and a local match for what LookupEvents cannot express,
 * such as "any of these event names") plus the pure functions that turn a definition and the user's
 * answers into an {@link EventQuery} and filter the results.
 */
import { matchesAttribute } from './filters';
import type { TrailEvent } from './model';
import type { AttributeFilter, EventQuery, LookupAttributeKey, QueryOptions, QueryResult, QueryStats } from './query';
import { formatInstant } from './timeRange';

/** Identifiers of the investigations (also the suffix of their command ids). */
export type InvestigationId =
  | 'aroundTime'
  | 'resource'
  | 'principal'
  | 'accessKey'
  | 'consoleSignIns'
  | 'iamChanges'
  | 'rootActivity'
  | 'destructiveActions'
  | 'accessDenied'
  | 'loggingTampering';

/** What an investigation asks the user for. `moment` comes with a ±minutes window; `range` is a time range. */
export type InvestigationInput = 'moment' | 'range' | 'resource' | 'principal' | 'accessKey';

/** The answers to an investigation's inputs. */
export interface InvestigationParams {
  /** Epoch ms, for `moment`. */
  readonly moment?: number;
  /** Half-width of the window around `moment`, in minutes. */
  readonly aroundMinutes?: number;
  /** Epoch ms, for `range`. */
  readonly start?: number;
  readonly end?: number;
  readonly resource?: string;
  readonly principal?: string;
  readonly accessKey?: string;
}

/** A filter whose value is fixed or taken from a parameter. */
export interface FilterTemplate {
  readonly key: LookupAttributeKey;
  readonly value: string | { readonly param: 'resource' | 'principal' | 'accessKey' };
}

/**
 * Where to search: the regions the user chose, the global region (IAM, STS, sign-in events are
 * recorded in us-east-1), or both.
 */
export type RegionScope = 'chosen' | 'global' | 'chosenAndGlobal';

/** A local match LookupEvents cannot express; every present field must hold (fields are ANDed, values within a field ORed). */
export interface EventMatch {
  /** Any of these event names (`*` wildcards allowed). */
  readonly eventNames?: readonly string[];
  /** Any of these error codes (`*` wildcards allowed); the event must have failed. */
  readonly errorCodes?: readonly string[];
  /** Any of these `userIdentity.type` values. */
  readonly principalTypes?: readonly string[];
  /** Console sign-ins that failed or did not use MFA. */
  readonly signIn?: 'failedOrNoMfa';
}

/** One investigation, as data. */
export interface Investigation {
  readonly id: InvestigationId;
  /** The question, used as the command title. */
  readonly title: string;
  /** One line on what is searched, shown in the palette and the results. */
  readonly detail: string;
  readonly inputs: readonly InvestigationInput[];
  readonly filters: readonly FilterTemplate[];
  readonly includeReadOnly: boolean;
  readonly errorsOnly?: boolean;
  readonly regions: RegionScope;
  readonly match?: EventMatch;
  /** Default time range preset for `range` inputs (a duration such as `24h`). */
  readonly defaultRange?: string;
}

/** Default half-width of "around a time", in minutes. */
export const DEFAULT_AROUND_MINUTES = 15;

/** Event names that destroy, stop, disable, detach or open things up. */
export const DESTRUCTIVE_EVENT_NAMES: readonly string[] = [
  'Delete*',
  'Terminate*',
  'Stop*',
  'Disable*',
  'Detach*',
  'Revoke*',
  'Remove*',
  'Deregister*',
  'Disassociate*',
  'ScheduleKeyDeletion',
  'PutBucketPolicy',
  'PutBucketAcl',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'AuthorizeSecurityGroupIngress',
];

/** CloudTrail calls that stop or blind logging. */
export const LOGGING_TAMPERING_EVENT_NAMES: readonly string[] = [
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'PutInsightSelectors',
  'DeleteEventDataStore',
  'UpdateEventDataStore',
  'StopEventDataStoreIngestion',
];

/** Error codes of refused calls across services. */
export const ACCESS_DENIED_ERROR_CODES: readonly string[] = ['AccessDenied*', '*AccessDenied', '*UnauthorizedOperation', 'UnauthorizedAccess', 'Forbidden*', 'AuthFailure'];

/** Every investigation, in the order the palette shows them. */
export const INVESTIGATIONS: readonly Investigation[] = [
  {
    id: 'aroundTime',
    title: 'What changed around a time?',
    detail: 'Write events of every service in ±N minutes of a moment, in the chosen regions',
    inputs: ['moment'],
    filters: [],
    includeReadOnly: false,
    regions: 'chosenAndGlobal',
  },
  {
    id: 'resource',
    title: 'Who did this to a resource?',
    detail: 'Write events on a resource, by ARN or name',
    inputs: ['resource', 'range'],
    filters: [{ key: 'ResourceName', value: { param: 'resource' } }],
    includeReadOnly: false,
    regions: 'chosen',
    defaultRange: '7d',
  },
  {
    id: 'principal',
    title: 'What did this principal do?',
    detail: 'Every call by a user name or role session name',
    inputs: ['principal', 'range'],
    filters: [{ key: 'Username', value: { param: 'principal' } }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    defaultRange: '24h',
  },
  {
    id: 'accessKey',
    title: 'Activity of an access key',
    detail: 'Every call signed with an access key id (AKIA… or ASIA…)',
    inputs: ['accessKey', 'range'],
    filters: [{ key: 'AccessKeyId', value: { param: 'accessKey' } }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    defaultRange: '7d',
  },
  {
    id: 'consoleSignIns',
    title: 'Console sign-ins: failures and without MFA',
    detail: 'ConsoleLogin events that failed or did not use MFA',
    inputs: ['range'],
    filters: [{ key: 'EventName', value: 'ConsoleLogin' }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    match: { signIn: 'failedOrNoMfa' },
    defaultRange: '24h',
  },
  {
    id: 'iamChanges',
    title: 'IAM changes',
    detail: 'Write calls to IAM (users, roles, policies, keys), recorded in us-east-1',
    inputs: ['range'],
    filters: [{ key: 'EventSource', value: 'iam.amazonaws.com' }],
    includeReadOnly: false,
    regions: 'global',
    defaultRange: '7d',
  },
  {
    id: 'rootActivity',
    title: 'Root account activity',
    detail: 'Every call made with the root user',
    inputs: ['range'],
    filters: [],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    match: { principalTypes: ['Root'] },
    defaultRange: '7d',
  },
  {
    id: 'destructiveActions',
    title: 'Destructive actions',
    detail: 'Delete*, Terminate*, Stop*, Disable*, Detach*, Revoke*, PutBucketPolicy, opened security groups…',
    inputs: ['range'],
    filters: [],
    includeReadOnly: false,
    regions: 'chosenAndGlobal',
    match: { eventNames: DESTRUCTIVE_EVENT_NAMES },
    defaultRange: '24h',
  },
  {
    id: 'accessDenied',
    title: 'Access denied events',
    detail: 'Calls refused with AccessDenied, UnauthorizedOperation and similar errors',
    inputs: ['range'],
    filters: [],
    includeReadOnly: true,
    errorsOnly: true,
    regions: 'chosenAndGlobal',
    match: { errorCodes: ACCESS_DENIED_ERROR_CODES },
    defaultRange: '24h',
  },
  {
    id: 'loggingTampering',
    title: 'Logging tampering',
    detail: 'StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors and other CloudTrail changes',
    inputs: ['range'],
    filters: [{ key: 'EventSource', value: 'cloudtrail.amazonaws.com' }],
    includeReadOnly: false,
    regions: 'chosenAndGlobal',
    match: { eventNames: LOGGING_TAMPERING_EVENT_NAMES },
    defaultRange: '30d',
  },
];

/** The investigation with this id; throws for an unknown id (a programming error). */
export function getInvestigation(id: InvestigationId): Investigation {
  const found = INVESTIGATIONS.find((i) => i.id === id);
  if (found === undefined) throw new Error(`Unknown investigation ${id}`);
  return found;
}

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
  | { readonly ok: true; readonly query: EventQuery; readonly title: string; readonly match?: EventMatch }
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
  return { ok: true, query, title, ...(investigation.match ? { match: investigation.match } : {}) };
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

/** True for a console sign-in that failed (`errorCode`, or `responseElements.ConsoleLogin: Failure`). */
export function isFailedSignIn(event: TrailEvent): boolean {
  return event.errorCode !== undefined || nestedString(event.raw, 'responseElements', 'ConsoleLogin') === 'Failure';
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
