// The scope of the source the commands use right now (the API for the profile, or opened trail logs).
import { queryScopeFor, type QueryScope } from '../core/queryScope';
import { resolveRegions } from './apiSource';
import type { Services } from './services';
import { settings } from './settings';

/** The active source's scope; the configured regions are resolved only for the API. */
export async function currentQueryScope(services: Pick<Services, 'getEventSource' | 'now'>): Promise<QueryScope> {
  return queryScopeFor(await services.getEventSource(), services.now(), () => resolveRegions(settings.profile()));
}
