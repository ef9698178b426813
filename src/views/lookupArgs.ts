/** The arguments of `_cloudtrailInvestigator.runLookup` for the item "look up more by…" commands. */
import type { EventResource, TrailEvent } from '../core/model';
import type { RunLookupArgs } from '../core/query';

export type { RunLookupArgs } from '../core/query';

export const RUN_LOOKUP_COMMAND = '_cloudtrailInvestigator.runLookup';

/**
 * Look-ups search the event's own region over the source's default window, which runLookup picks
 * (event history's last 90 days; all of it for opened trail logs, whose events may be years old).
 */
function base(event: TrailEvent, _now: number): Pick<RunLookupArgs, 'regions' | 'includeReadOnly'> {
  return { regions: [event.region], includeReadOnly: true };
}

/** By principal: LookupEvents' `Username` (the user name or role session name). */
export function lookupByPrincipal(event: TrailEvent, now: number): RunLookupArgs | undefined {
  const name = event.principal.userName;
  if (name === undefined || name === '') return undefined;
  return { title: `Principal ${event.principal.label} (Username = ${name})`, filters: [{ key: 'Username', value: name }], ...base(event, now) };
}

/** By one resource: `ResourceName` as CloudTrail indexed it. */
export function lookupByResource(event: TrailEvent, resource: EventResource, now: number): RunLookupArgs {
  return { title: `Resource ${resource.name}`, filters: [{ key: 'ResourceName', value: resource.name }], ...base(event, now) };
}

/** By the access key that signed the call. */
export function lookupByAccessKey(event: TrailEvent, now: number): RunLookupArgs | undefined {
  const key = event.principal.accessKeyId;
  if (key === undefined || key === '') return undefined;
  return { title: `Access key ${key}`, filters: [{ key: 'AccessKeyId', value: key }], ...base(event, now) };
}

/** ARNs worth copying from an event: its resources', then the caller's. */
export function eventArns(event: TrailEvent): string[] {
  const arns = event.resources.map((r) => r.arn).filter((a): a is string => a !== undefined && a !== '');
  if (event.principal.arn) arns.push(event.principal.arn);
  return [...new Set(arns)];
}
