/**
 * The shapes of an investigation: its inputs, filter templates, region scope and local match
 * (the catalog is `core/investigationCatalog.ts`, the functions `core/investigations.ts`).
 */
import type { LookupAttributeKey } from './query';

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
  /**
   * Exact values of one lookup attribute, any of which qualifies: the investigation runs one query
   * per value (each sends that value to the server) and merges them — far fewer requests than one
   * scan of everything `filters` selects when the values are rare (8 CloudTrail tampering names
   * instead of every CloudTrail event). See {@link BuiltInvestigation} `queries`.
   */
  readonly anyOf?: { readonly key: LookupAttributeKey; readonly values: readonly string[] };
  readonly includeReadOnly: boolean;
  readonly errorsOnly?: boolean;
  readonly regions: RegionScope;
  readonly match?: EventMatch;
  /** Default time range preset for `range` inputs (a duration such as `24h`). */
  readonly defaultRange?: string;
}
