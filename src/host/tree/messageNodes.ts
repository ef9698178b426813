/**
 * Message items that replace a failed or empty tree: what went wrong in words the user can act
 * on, plus buttons (items with commands) for the fix. Pure so the wording is unit-tested.
 */
import { CommandIds } from '../commandIds';
import type { ViewFilter } from '../../core/viewFilter';
import { describeFilter, isFilterActive } from '../../core/viewFilter';
import { describeRegions, GLOBAL_EVENTS_REGION } from '../../core/regions';
import type { MessageNode } from './treeNodes';

/** A load failure as the tree shows it (already classified by the AWS layer). */
export interface LoadFailure {
  readonly message: string;
  readonly kind?: string;
  /** Set for expired SSO sessions: the profile for `aws sso login --profile`. */
  readonly ssoLoginProfile?: string;
}

const SSO_HINT = /aws sso login --profile ([^\s`'".,]+)/;

/** The profile named in an `aws sso login --profile X` hint, when a message carries one. */
export function ssoProfileFromMessage(message: string): string | undefined {
  return SSO_HINT.exec(message)?.[1];
}

function showLogs(prefix: string): MessageNode {
  return {
    kind: 'message',
    id: `${prefix}message/showLogs`,
    severity: 'action',
    label: 'Show Logs',
    icon: 'output',
    command: { command: CommandIds.showLogs, title: 'Show Logs' },
  };
}

/** An error item, an `aws sso login` button when it helps, a retry button and "Show Logs". */
export function failureNodes(failure: LoadFailure, prefix: string, retryCommand?: string): MessageNode[] {
  const nodes: MessageNode[] = [
    { kind: 'message', id: `${prefix}message/error`, severity: 'error', label: failure.message, tooltip: failure.message },
  ];
  // Region failures arrive as text only: the AWS layer's hint names the profile to log in with.
  const profile = failure.ssoLoginProfile ?? ssoProfileFromMessage(failure.message);
  if (profile !== undefined) {
    nodes.push({
      kind: 'message',
      id: `${prefix}message/ssoLogin`,
      severity: 'action',
      label: `Run aws sso login --profile ${profile}`,
      icon: 'terminal',
      command: { command: CommandIds.runSsoLogin, title: 'Run aws sso login', arguments: [profile] },
    });
  }
  if (retryCommand !== undefined) {
    nodes.push({ kind: 'message', id: `${prefix}message/retry`, severity: 'action', label: 'Retry', icon: 'refresh', command: { command: retryCommand, title: 'Retry' } });
  }
  nodes.push(showLogs(prefix));
  return nodes;
}

/** Warnings for regions that failed while others answered. */
export function regionErrorNodes(regionErrors: readonly { readonly region: string; readonly message: string }[], prefix: string): MessageNode[] {
  return regionErrors.map((e) => {
    const profile = ssoProfileFromMessage(e.message);
    return {
      kind: 'message',
      id: `${prefix}message/region/${e.region}`,
      severity: 'warning',
      label: `${e.region}: ${e.message}`,
      tooltip: e.message,
      ...(profile !== undefined
        ? { command: { command: CommandIds.runSsoLogin, title: 'Run aws sso login', arguments: [profile] }, description: 'click to run aws sso login' }
        : {}),
    };
  });
}

/** "Retry the failed regions": resumes regions that stopped mid-scan from where they stopped; what arrived stays. */
export function retryRegionsNode(prefix: string, command: string, args: readonly unknown[] = []): MessageNode {
  return {
    kind: 'message',
    id: `${prefix}message/retryRegions`,
    severity: 'action',
    icon: 'refresh',
    label: 'Retry the failed regions',
    description: 'resumes where they stopped; the events shown stay',
    command: { command, title: 'Retry', arguments: args },
  };
}

/** What was searched, for an empty tree. */
export interface SearchDescription {
  readonly lookbackHours: number;
  readonly regions: readonly string[];
  readonly includeReadOnly: boolean;
  /** Events loaded before the view filter; non-zero means the filter hid them all. */
  readonly loaded: number;
  readonly filter: ViewFilter;
}

export function formatWindow(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return hours === 1 ? 'hour' : `${hours} hours`;
}

/** "No events in the last 24 hours in eu-west-1 (write events only)", plus hints that apply. */
export function emptyNodes(search: SearchDescription, prefix: string, regionFallback: string): MessageNode[] {
  if (search.loaded > 0 && isFilterActive(search.filter)) {
    return [
      {
        kind: 'message',
        id: `${prefix}message/filtered`,
        severity: 'info',
        label: `No events match the filter (${describeFilter(search.filter)}); ${search.loaded.toLocaleString('en-US')} loaded.`,
        icon: 'filter',
        command: { command: CommandIds.eventsClearFilter, title: 'Clear Filter' },
        description: 'click to clear the filter',
      },
    ];
  }
  const where = describeRegions(search.regions, regionFallback);
  const kinds = search.includeReadOnly ? 'read and write events' : 'write events only';
  const nodes: MessageNode[] = [
    {
      kind: 'message',
      id: `${prefix}message/empty`,
      severity: 'info',
      label: `No events in the last ${formatWindow(search.lookbackHours)} in ${where} (${kinds}).`,
      icon: 'info',
    },
  ];
  const searched = search.regions.length > 0 ? search.regions : [regionFallback];
  if (!searched.includes(GLOBAL_EVENTS_REGION)) {
    nodes.push({
      kind: 'message',
      id: `${prefix}message/globalRegion`,
      severity: 'info',
      label: `IAM, STS, CloudFront and console sign-in events live in ${GLOBAL_EVENTS_REGION}.`,
      icon: 'globe',
      command: { command: CommandIds.selectRegions, title: 'Choose Regions' },
      description: 'click to choose regions',
    });
  }
  if (!search.includeReadOnly) {
    nodes.push({
      kind: 'message',
      id: `${prefix}message/readOnly`,
      severity: 'action',
      label: 'Include read-only events',
      icon: 'eye',
      command: { command: CommandIds.eventsIncludeReadOnly, title: 'Include Read-Only Events' },
    });
  }
  nodes.push({
    kind: 'message',
    id: `${prefix}message/window`,
    severity: 'action',
    label: 'Change the time window…',
    icon: 'history',
    command: { command: CommandIds.eventsSetTimeWindow, title: 'Set Time Window' },
  });
  return nodes;
}
