// `_cloudtrailInvestigator.runLookup`: the related lookups of the event panel and the tree items
// ("more by this principal / resource / access key") run here and land in the Results view.
import type { AttributeFilter } from '../core/query';
import { isLookupAttributeKey } from '../core/filters';
import { resolveRegions } from '../host/apiSource';
import { settings } from '../host/settings';
import type { CommandDeps } from './commandDeps';
import { runQuery, type RunOutcome } from './runQuery';

const NINETY_DAYS = 90 * 86_400_000;

/** The argument, checked: it comes from a webview round trip or another area. */
export interface RunLookupArgs {
  readonly title: string;
  readonly filters: AttributeFilter[];
  readonly start?: number;
  readonly end?: number;
  readonly regions?: string[];
  readonly includeReadOnly?: boolean;
  readonly requestId?: string;
}

/** Validates the argument shape; throws a clear error for anything else. */
export function parseRunLookupArgs(value: unknown): RunLookupArgs {
  if (typeof value !== 'object' || value === null) throw new Error('runLookup needs { title, filters }.');
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || !Array.isArray(v.filters)) throw new Error('runLookup needs { title, filters }.');
  const filters = v.filters.map((f: unknown): AttributeFilter => {
    const { key, value: fv } = (f ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || !isLookupAttributeKey(key) || typeof fv !== 'string') throw new Error(`runLookup: invalid filter ${JSON.stringify(f)}`);
    return { key, value: fv };
  });
  const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  const start = num(v.start);
  const end = num(v.end);
  const regions = Array.isArray(v.regions) ? v.regions.filter((r): r is string => typeof r === 'string') : undefined;
  return {
    title: v.title,
    filters,
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(regions && regions.length > 0 ? { regions } : {}),
    ...(typeof v.includeReadOnly === 'boolean' ? { includeReadOnly: v.includeReadOnly } : {}),
    ...(typeof v.requestId === 'string' ? { requestId: v.requestId } : {}),
  };
}

/** The command. */
export async function runLookup(deps: CommandDeps, value: unknown): Promise<RunOutcome> {
  const args = parseRunLookupArgs(value);
  const now = deps.now();
  const query = {
    regions: args.regions ?? (await resolveRegions(settings.profile())),
    filters: args.filters,
    start: Math.max(args.start ?? now - NINETY_DAYS, now - NINETY_DAYS),
    end: Math.min(args.end ?? now, now),
    includeReadOnly: args.includeReadOnly ?? true,
    maxEvents: settings.maxEvents(),
  };
  return runQuery(deps, {
    title: args.title,
    query,
    ...(args.requestId !== undefined ? { requestId: args.requestId } : {}),
    history: { kind: 'query', title: args.title, query, savedAt: now },
  });
}
