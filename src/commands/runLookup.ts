// `_cloudtrailInvestigator.runLookup`: the related lookups of the event panel and the tree items
// ("more by this principal / resource / access key") run here and land in the Results view.
import { resolveRegions } from '../host/apiSource';
import { settings } from '../host/settings';
import type { CommandDeps } from './commandDeps';
import { runQuery, type RunOutcome } from './runQuery';
import { parseRunLookupArgs } from './runLookupArgs';

const NINETY_DAYS = 90 * 86_400_000;

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
