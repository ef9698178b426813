// `_cloudtrailInvestigator.runLookup`: the related lookups of the event panel and the tree items
// ("more by this principal / resource / access key") run here and land in the Results view.
import { settings } from '../host/settings';
import type { CommandDeps } from './commandDeps';
import { currentQueryScope } from './currentQueryScope';
import { rangeInScope } from './queryScope';
import { runQuery, type RunOutcome } from './runQuery';
import { parseRunLookupArgs } from './runLookupArgs';

/** The command. */
export async function runLookup(deps: CommandDeps, value: unknown): Promise<RunOutcome> {
  const args = parseRunLookupArgs(value);
  const now = deps.now();
  const scope = await currentQueryScope(deps);
  const query = {
    regions: args.regions ?? [...scope.regions],
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
