// Where a related lookup ("Look Up More by This Access Key/Principal/Resource", from a tree item or
// the event panel) searches: the configured regions, plus the event's own, plus us-east-1 where the
// global services (IAM, STS, CloudFront, console sign-in) record — as the palette's investigations do.
// An attacker's key found in eu-west-1 also made the IAM changes and StopLogging seen in us-east-1.
// Pure (no 'vscode').
import { regionsFor } from '../../core/investigations';
import type { QueryScope } from '../../core/queryScope';
import { GLOBAL_EVENTS_REGION } from '../../core/regions';

/**
 * The regions of a related lookup. Trail logs (a scope with no regions) search every region their
 * files hold; a same-request lookup (`sameRequest`) stays in the event's own regions, since one
 * request is recorded by one service in one place.
 */
export function relatedLookupRegions(scope: Pick<QueryScope, 'regions'>, eventRegions: readonly string[] | undefined, sameRequest = false): string[] {
  if (scope.regions.length === 0) return [];
  if (sameRequest && eventRegions !== undefined && eventRegions.length > 0) return [...new Set(eventRegions)];
  return regionsFor('chosenAndGlobal', [...scope.regions, ...(eventRegions ?? [])], GLOBAL_EVENTS_REGION);
}
