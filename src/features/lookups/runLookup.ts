// `_cloudtrailInvestigator.runLookup`: the related lookups of the event panel and the tree items
// ("more by this principal / resource / access key") run here and land in the Results view. They
// search the configured regions, the event's own and us-east-1 (see relatedRegions.ts).
import { settings } from '../../host/settings';
import type { CommandDeps } from './lookupDeps';
import { currentQueryScope } from '../../host/currentQueryScope';
import { rangeInScope } from '../../core/queryScope';
import { runQuery, type RunOutcome } from './runQuery';
import { parseRunLookupArgs } from '../../core/runLookupArgs';
import { relatedLookupRegions } from './relatedRegions';

/** The command. */
export async function runLookup(deps: CommandDeps, value: unknown): Promise<RunOutcome> {
  const args = parseRunLookupArgs(value);
  const now = deps.now();
  const scope = await currentQueryScope(deps.services);
  const query = {
    regions: relatedLookupRegions(scope, args.regions, args.requestId !== undefined),
    filters: args.filters,
    ...rangeInScope(scope, now, args.start, args.end),
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
