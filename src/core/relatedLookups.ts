/**
 * "Look up more" from one event: by its principal, a resource, its access key or its request. The
 * one implementation behind the tree items' menu and the event panel's buttons; the lookups run
 * through the internal `_cloudtrailInvestigator.runLookup` command and land in the Results view.
 * Built from the event itself (the webview only echoes an id back).
 */
import { lookupRegionFor, tryParseArn } from './arn';
import type { EventResource, TrailEvent } from './model';
import type { RunLookupArgs } from './query';

export type { RunLookupArgs } from './query';

/** One related lookup: what the button shows and what it runs. */
export interface RelatedLookup {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  readonly args: RunLookupArgs;
}

const HOUR = 3_600_000;
const REQUEST_WINDOW = 15 * 60_000;
/** Resource buttons the panel shows at most (the tree's menu offers every resource). */
const MAX_RESOURCE_LOOKUPS = 5;

function shortName(text: string): string {
  const arn = tryParseArn(text);
  const name = arn?.resourceId ?? text;
  return name.length > 48 ? `${name.slice(0, 45)}…` : name;
}

/** Events by the event's user or role session name, from one hour before to one hour after it. */
export function lookupByPrincipal(event: TrailEvent): RelatedLookup | undefined {
  const userName = event.principal.userName;
  if (userName === undefined || userName === '') return undefined;
  return {
    id: 'principal',
    label: `Events by ${userName} ±1 h`,
    title: `Other events whose user name is ${userName}, from one hour before to one hour after this event`,
    args: {
      title: `${userName} ±1 h around ${event.name}`,
      filters: [{ key: 'Username', value: userName }],
      start: event.time - HOUR,
      end: event.time + HOUR,
      regions: [event.region],
      includeReadOnly: true,
    },
  };
}

/**
 * Events on one of the event's resources (`index` in `event.resources`), by `ResourceName` as
 * CloudTrail indexed it, in the region its events are recorded in (global services: us-east-1).
 */
export function lookupByResource(event: TrailEvent, resource: EventResource, index: number): RelatedLookup {
  const arn = tryParseArn(resource.arn);
  const name = resource.name !== '' ? resource.name : (resource.arn ?? '');
  return {
    id: `resource:${index}`,
    label: `Events on ${shortName(name)}`,
    title: `Events whose resource name is ${name}`,
    args: {
      title: `Events on ${shortName(name)}`,
      filters: [{ key: 'ResourceName', value: name }],
      regions: [arn ? lookupRegionFor(arn, event.region) : event.region],
      includeReadOnly: true,
    },
  };
}

/** Events signed with the event's access key. */
export function lookupByAccessKey(event: TrailEvent): RelatedLookup | undefined {
  const accessKey = event.principal.accessKeyId;
  if (accessKey === undefined || accessKey === '') return undefined;
  return {
    id: 'accessKey',
    label: `Events with access key ${accessKey}`,
    title: `Events signed with the access key ${accessKey}`,
    args: { title: `Access key ${accessKey}`, filters: [{ key: 'AccessKeyId', value: accessKey }], regions: [event.region], includeReadOnly: true },
  };
}

/** Events of the same service within 15 minutes that carry the event's request id. */
export function lookupBySameRequest(event: TrailEvent): RelatedLookup | undefined {
  if (event.requestId === undefined || event.requestId === '') return undefined;
  return {
    id: 'requestId',
    label: 'Events of the same request',
    title: `Events of ${event.service.source} within 15 minutes that carry request id ${event.requestId}`,
    args: {
      title: `Request ${event.requestId}`,
      filters: [{ key: 'EventSource', value: event.service.source }],
      start: event.time - REQUEST_WINDOW,
      end: event.time + REQUEST_WINDOW,
      regions: [event.region],
      includeReadOnly: true,
      requestId: event.requestId,
    },
  };
}

/** The related lookups the event panel offers, in the order they are shown. */
export function buildRelatedLookups(event: TrailEvent): RelatedLookup[] {
  const resources = event.resources
    .slice(0, MAX_RESOURCE_LOOKUPS)
    .flatMap((resource, index) => (resource.name !== '' || (resource.arn ?? '') !== '' ? [lookupByResource(event, resource, index)] : []));
  return [lookupByPrincipal(event), ...resources, lookupByAccessKey(event), lookupBySameRequest(event)].filter((l): l is RelatedLookup => l !== undefined);
}

/** ARNs worth copying from an event: its resources', then the caller's. */
export function eventArns(event: TrailEvent): string[] {
  const arns = event.resources.map((r) => r.arn).filter((a): a is string => a !== undefined && a !== '');
  if (event.principal.arn) arns.push(event.principal.arn);
  return [...new Set(arns)];
}
