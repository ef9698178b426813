// The scope of the source the commands use right now (the API for the profile, or opened trail logs).
import { resolveRegions } from '../host/apiSource';
import { settings } from '../host/settings';
import type { CommandDeps } from './commandDeps';
import { queryScopeFor, type QueryScope } from './queryScope';

/** The active source's scope; the configured regions are resolved only for the API. */
export async function currentQueryScope(deps: Pick<CommandDeps, 'services' | 'now'>): Promise<QueryScope> {
  return queryScopeFor(await deps.services.getEventSource(), deps.now(), () => resolveRegions(settings.profile()));
}
