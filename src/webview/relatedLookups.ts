// The "related lookups" offered under an event: built on the host from the event itself (the webview
// only echoes an id back), and run through the palette's internal lookup command.
import { lookupRegionFor, tryParseArn } from '../core/arn';
import type { TrailEvent } from '../core/model';
import type { RunLookupArgs } from '../core/query';

export type { RunLookupArgs } from '../core/query';

/** One related lookup: what the button shows and what it runs. */
export interface RelatedLookup {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  readonly args: RunLookupArgs;
}

const HOUR = 3_600_000;
const REQUEST_WINDOW = 15 * 60_000;
const MAX_RESOURCE_LOOKUPS = 5;

function shortName(text: string): string {
  const arn = tryParseArn(text);
  const name = arn?.resourceId ?? text;
  return name.length > 48 ? `${name.slice(0, 45)}…` : name;
}

/** The related lookups for an event, in the order they are shown. */
export function buildRelatedLookups(event: TrailEvent): RelatedLookup[] {
  const lookups: RelatedLookup[] = [];
  const userName = event.principal.userName;
  if (userName !== undefined && userName !== '') {
    lookups.push({
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
    });
  }
  event.resources.slice(0, MAX_RESOURCE_LOOKUPS).forEach((resource, index) => {
    const arn = tryParseArn(resource.arn);
    const name = resource.name !== '' ? resource.name : resource.arn;
    if (name === undefined || name === '') return;
    lookups.push({
      id: `resource:${index}`,
      label: `Events on ${shortName(name)}`,
      title: `Events whose resource name is ${name}`,
      args: {
        title: `Events on ${shortName(name)}`,
        filters: [{ key: 'ResourceName', value: name }],
        regions: [arn ? lookupRegionFor(arn, event.region) : event.region],
        includeReadOnly: true,
      },
    });
  });
  const accessKey = event.principal.accessKeyId;
  if (accessKey !== undefined && accessKey !== '') {
    lookups.push({
      id: 'accessKey',
      label: `Events with access key ${accessKey}`,
      title: `Events signed with the access key ${accessKey}`,
      args: { title: `Access key ${accessKey}`, filters: [{ key: 'AccessKeyId', value: accessKey }], regions: [event.region], includeReadOnly: true },
    });
  }
  if (event.requestId !== undefined && event.requestId !== '') {
    lookups.push({
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
    });
  }
  return lookups;
}
