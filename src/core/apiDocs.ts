/**
 * Links from a CloudTrail event (eventSource + eventName) to the AWS API reference page of that
 * operation, with the Service Authorization Reference page of the service as the fallback, and the
 * catalog of known event names per service (for autocomplete). Pure: the data is passed in (built by
 * `tools/build-api-docs.mjs` into `src/data/apiDocs.json`, loaded by `src/data/loadApiDocs.ts`).
 */

/** One curated event source in {@link ApiDocData}. URLs are relative to {@link ApiDocData.docs}. */
export interface ApiDocSource {
  /** IAM service prefix (`ec2`, `cloudwatch` for `monitoring.amazonaws.com`). */
  readonly prefix: string;
  /** Service Authorization Reference page, relative to {@link ApiDocData.sarBase}. */
  readonly sar: string;
  /** API reference URL pattern with `{Op}` for the operation, when the service has one. */
  readonly api?: string;
  readonly apiVersion?: string;
  /** A user-guide page for events that are not API operations (console sign-in). */
  readonly guide?: string;
  /** An older API sharing this event source (ELB Classic under `elasticloadbalancing.amazonaws.com`). */
  readonly legacy?: { readonly apiVersion: string; readonly api?: string; readonly sar: string };
}

/** One IAM service prefix in {@link ApiDocData}. */
export interface ApiDocPrefix {
  readonly sar: string;
  /** The dominant `API_{Op}.html` pattern among the prefix's actions. */
  readonly api?: string;
  /** Action names, space-separated (IAM action names; they usually equal API operation names). */
  readonly actions: string;
  /** Per-action documentation pages that do not follow {@link ApiDocPrefix.api}. */
  readonly urls?: Readonly<Partial<Record<string, string>>>;
}

/** The shape of `src/data/apiDocs.json` (version 1). */
export interface ApiDocData {
  readonly version: 1;
  /** `https://docs.aws.amazon.com/` */
  readonly docs: string;
  /** `https://docs.aws.amazon.com/service-authorization/latest/reference/` */
  readonly sarBase: string;
  readonly sources: Readonly<Partial<Record<string, ApiDocSource>>>;
  readonly prefixes: Readonly<Partial<Record<string, ApiDocPrefix>>>;
}

/**
 * A documentation link: `api` is the operation's API reference page, `guide` a user-guide page
 * about that kind of event (console sign-in), `authorization` the service's Service Authorization
 * Reference page (the fallback when the operation has no page of its own).
 */
export interface ApiDocLink {
  readonly url: string;
  readonly kind: 'api' | 'guide' | 'authorization';
}

/** Lookups over {@link ApiDocData}; see {@link createApiDocIndex}. */
export interface ApiDocIndex {
  /**
   * The best page for an event: the API reference page of the operation, else the service's Service
   * Authorization Reference page; undefined for an event source nothing is known about.
   * `apiVersion` (the record's `apiVersion`) picks ELB Classic over ELBv2.
   */
  apiReferenceUrl(eventSource: string, eventName: string, apiVersion?: string): ApiDocLink | undefined;
  /** The Service Authorization Reference page of the service behind an event source. */
  serviceAuthorizationUrl(eventSource: string): string | undefined;
  /** Known event (action) names of the service behind an event source, sorted; empty when unknown. */
  knownEventNames(eventSource: string): readonly string[];
  /** The curated event sources, sorted. */
  knownEventSources(): readonly string[];
}

const VERSION_SUFFIX = /(?:\d{8}(?:v\d+)?|\d{4}_\d{2}_\d{2})$/;

/**
 * Strips the API-version suffix CloudTrail appends to some event names: `CreateFunction20150331`,
 * `UpdateFunctionCode20150331v2` (Lambda), `UpdateDistribution2020_05_31` (CloudFront). Other names
 * are returned trimmed and unchanged.
 */
export function normalizeEventName(name: string): string {
  const trimmed = name.trim();
  const stripped = trimmed.replace(VERSION_SUFFIX, '');
  return stripped === '' ? trimmed : stripped;
}

function normalizeSource(eventSource: string): string {
  return eventSource.trim().toLowerCase();
}

const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Builds the lookups over the data from `src/data/apiDocs.json`. */
export function createApiDocIndex(data: ApiDocData): ApiDocIndex {
  const docs = (relative: string): string => data.docs + relative;
  const sar = (relative: string): string => data.sarBase + relative;
  const actionSets = new Map<string, ReadonlySet<string>>();
  const actionsOf = (prefix: string): ReadonlySet<string> => {
    let set = actionSets.get(prefix);
    if (set === undefined) {
      const text = data.prefixes[prefix]?.actions ?? '';
      set = new Set(text === '' ? [] : text.split(' '));
      actionSets.set(prefix, set);
    }
    return set;
  };

  // Curated sources first; otherwise `<prefix>.amazonaws.com` when that IAM prefix exists.
  const resolveSource = (eventSource: string): ApiDocSource | undefined => {
    const source = normalizeSource(eventSource);
    if (Object.hasOwn(data.sources, source)) return data.sources[source];
    const match = /^([a-z0-9-]+)\.amazonaws\.com$/.exec(source);
    const prefix = match?.[1];
    if (prefix === undefined || !Object.hasOwn(data.prefixes, prefix)) return undefined;
    const entry = data.prefixes[prefix];
    return entry === undefined ? undefined : { prefix, sar: entry.sar };
  };

  // The Service Authorization Reference's own page for the action, if it documents that operation.
  const sarOperationUrl = (prefix: string, name: string): string | undefined => {
    const entry = data.prefixes[prefix];
    if (entry === undefined || !actionsOf(prefix).has(name)) return undefined;
    const own = entry.urls?.[name];
    if (own !== undefined) return docs(own);
    return entry.api === undefined ? undefined : docs(entry.api.replace('{Op}', name));
  };

  const apiReferenceUrl = (eventSource: string, eventName: string, apiVersion?: string): ApiDocLink | undefined => {
    const source = resolveSource(eventSource);
    if (source === undefined) return undefined;
    const name = normalizeEventName(eventName);
    const fallback: ApiDocLink = { url: sar(source.sar), kind: 'authorization' };
    if (!OPERATION_NAME.test(name)) return fallback;
    const fromSar = sarOperationUrl(source.prefix, name);
    const legacy = source.legacy;
    if (legacy !== undefined && (apiVersion === legacy.apiVersion || (apiVersion === undefined && fromSar === undefined))) {
      return legacy.api === undefined ? { url: sar(legacy.sar), kind: 'authorization' } : { url: docs(legacy.api.replace('{Op}', name)), kind: 'api' };
    }
    if (source.api !== undefined) {
      // The SAR page wins when it is this operation's own API_ page (S3 Control, DynamoDB Streams).
      if (fromSar !== undefined && new RegExp(`/API_(?:[A-Za-z0-9]+_)?${name}\\.html$`).test(fromSar)) return { url: fromSar, kind: 'api' };
      return { url: docs(source.api.replace('{Op}', name)), kind: 'api' };
    }
    if (fromSar !== undefined) return { url: fromSar, kind: 'api' };
    if (source.guide !== undefined) return { url: docs(source.guide), kind: 'guide' };
    return fallback;
  };

  const knownSources = Object.keys(data.sources).sort();
  const namesCache = new Map<string, readonly string[]>();

  return {
    apiReferenceUrl,
    serviceAuthorizationUrl(eventSource) {
      const source = resolveSource(eventSource);
      return source === undefined ? undefined : sar(source.sar);
    },
    knownEventNames(eventSource) {
      const source = resolveSource(eventSource);
      if (source === undefined) return [];
      let names = namesCache.get(source.prefix);
      if (names === undefined) {
        names = [...actionsOf(source.prefix)].sort();
        namesCache.set(source.prefix, names);
      }
      return names;
    },
    knownEventSources() {
      return knownSources;
    },
  };
}
