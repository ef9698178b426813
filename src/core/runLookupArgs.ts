// The argument of `_cloudtrailInvestigator.runLookup`, checked: it comes from a webview round trip or
// another area, so nothing about its shape is trusted. Pure.
import { isLookupAttributeKey } from './filters';
import type { AttributeFilter, RunLookupArgs } from './query';

export type { RunLookupArgs } from './query';

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

