// The Events view: its model and tree, the title-bar commands (refresh, filter, group by, time
// window, read-only), the item commands of both trees, and the reloads on setting or source changes.
import * as vscode from 'vscode';
import { listProfiles } from '../../aws/profiles';
import { describeFilter } from '../../core/viewFilter';
import { CommandIds } from '../../host/commandIds';
import { ContextKeys, setContext } from '../../host/contextKeys';
import type { Prompter } from '../../host/prompter';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import type { EventsTestApi } from '../../host/testApi';
import { settings, type GroupByKey } from '../../host/settings';
import type { FilterState } from '../../host/tree/filterState';
import type { IntegrityIndex } from '../../core/provenance';
import { ViewIds } from '../../host/viewIds';
import { EventItemCommands } from './eventItemCommands';
import { EventsModel } from './eventsModel';
import { EventsTreeProvider } from './eventsTreeProvider';
import { shortWindow, TIME_WINDOWS } from './timeWindow';
import { plainText, quickPickText } from '../../core/safeText';


const RELOAD_DEBOUNCE_MS = 150;

/** Registers the Events view and its commands. */
export function registerEvents(services: Services): EventsTestApi {
  const log = services.log('EventsTree');
  const subscriptions = services.context.subscriptions;
  const { prompter, trees } = services;
  const filter = trees.filter;
  const events = new EventsModel(services, log);
  services.loadedEvents.register(() => events.events);
  let started = false;
  const ensureStarted = (): void => {
    if (started) return;
    started = true;
    void startIfConfigured(events);
  };
  const eventsTree = new EventsTreeProvider(events, trees, log, ensureStarted);
  const eventsView = vscode.window.createTreeView(ViewIds.events, { treeDataProvider: eventsTree, showCollapseAll: true });
  subscriptions.push(events, eventsTree, eventsView);

  const describeView = (): void => {
    const what = settings.includeReadOnly() ? 'all events' : 'write events';
    const filterText = describeFilter(filter.value);
    eventsView.description = plainText(`${events.sourceWindowLabel ?? shortWindow(settings.lookbackHours())} · ${what}${filterText ? ` · ${filterText}` : ''}`);
  };
  describeView();

  // Settings that change what is searched reload the window; several changes at once reload once.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let reloadDue: { promise: Promise<void>; resolve: () => void } | undefined;
  const scheduleReload = (): void => {
    describeView();
    if (reloadTimer) clearTimeout(reloadTimer);
    if (!reloadDue) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      reloadDue = { promise, resolve };
    }
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      const due = reloadDue;
      reloadDue = undefined;
      if (events.state !== 'idle') void events.load();
      due?.resolve();
    }, RELOAD_DEBOUNCE_MS);
  };
  const onSourceChanged = (): void => {
    // Opened trail logs need no credentials check: a view that never loaded loads them now.
    if (events.state === 'idle' && services.sourceBadge !== undefined) {
      started = true;
      void setContext(ContextKeys.noProfiles, false).then(() => events.load());
      return;
    }
    scheduleReload();
  };
  events.setAutoRefresh(settings.autoRefreshMinutes());
  subscriptions.push(
    settings.onDidChange(['lookbackHours', 'includeReadOnly', 'maxEvents', 'profile', 'regions', 'endpoint'], scheduleReload),
    services.onDidChangeEventSource(onSourceChanged),
    services.onDidChangeEventSource(() => {
      void integrityOf(services).then((index) => filter.setIntegrity(index));
    }),
    settings.onDidChange(['autoRefreshMinutes'], () => {
      events.setAutoRefresh(settings.autoRefreshMinutes());
    }),
    filter.onDidChange(describeView),
    events.onDidChange(describeView),
    {
      dispose: () => {
        if (reloadTimer) clearTimeout(reloadTimer);
      },
    },
  );

  const items = new EventItemCommands(prompter);
  const deps = { log, showLogs: () => { services.logger.show(); } };
  const groupBy = (key: GroupByKey) => () => settings.update('groupBy', key);
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [
      CommandIds.eventsRefresh,
      async () => {
        if (events.state !== 'idle') return events.refresh();
        // An explicit Refresh tries the default credential chain even when no profile was found.
        started = true;
        await setContext(ContextKeys.noProfiles, false);
        return events.load();
      },
    ],
    [CommandIds.eventsCancel, () => { events.cancel(); }],
    [CommandIds.eventsLoadMore, () => events.loadMore()],
    [CommandIds.eventsRetry, () => events.retryFailedRegions()],
    [CommandIds.eventsSetTimeWindow, () => setTimeWindow(prompter)],
    [CommandIds.eventsFilter, () => askFilter(prompter, filter)],
    [CommandIds.eventsClearFilter, () => filter.set({ text: '', errorsOnly: false, outsideIacOnly: false, verifiedOnly: false })],
    [CommandIds.eventsToggleOutsideIac, () => filter.set({ outsideIacOnly: filter.value.outsideIacOnly !== true })],
    [CommandIds.eventsToggleVerifiedOnly, () => toggleVerifiedOnly(services, filter)],
    [CommandIds.eventsShowErrorsOnly, () => filter.set({ errorsOnly: true })],
    [CommandIds.eventsShowAllResults, () => filter.set({ errorsOnly: false })],
    [CommandIds.eventsIncludeReadOnly, () => settings.update('includeReadOnly', true)],
    [CommandIds.eventsExcludeReadOnly, () => settings.update('includeReadOnly', false)],
    [CommandIds.groupByService, groupBy('service')],
    [CommandIds.groupByPrincipal, groupBy('principal')],
    [CommandIds.groupByResource, groupBy('resource')],
    [CommandIds.groupByRegion, groupBy('region')],
    [CommandIds.groupByChannel, groupBy('channel')],
    [CommandIds.groupByHuman, groupBy('human')],
    [CommandIds.copyEventId, (arg: unknown) => items.copyEventId(arg)],
    [CommandIds.copyEventArn, (arg: unknown) => items.copyArn(arg)],
    [CommandIds.copyEventJson, (arg: unknown) => items.copyJson(arg)],
    [CommandIds.lookupByPrincipal, (arg: unknown) => items.byPrincipal(arg)],
    [CommandIds.lookupByResource, (arg: unknown) => items.byResource(arg)],
    [CommandIds.lookupByAccessKey, (arg: unknown) => items.byAccessKey(arg)],
    [
      CommandIds.showMoreInGroup,
      (groupId: unknown) => {
        // Both trees listen: the one holding the group refreshes it.
        if (typeof groupId === 'string') trees.limits.showMore(groupId);
      },
    ],
  ];
  for (const [id, handler] of table) subscriptions.push(registerCommand(id, handler, deps));

  return {
    tree: eventsTree,
    eventCount: () => events.events.length,
    whenIdle: async () => {
      await reloadDue?.promise;
      await events.whenIdle();
    },
  };
}

async function startIfConfigured(events: EventsModel): Promise<void> {
  // With no profile anywhere (and nothing in the environment) the welcome view explains what to do.
  const hasEnvCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_PROFILE !== undefined;
  const profiles = await listProfiles().catch(() => []);
  const noProfiles = profiles.length === 0 && !hasEnvCredentials && settings.profile() === '' && settings.endpoint() === undefined;
  await setContext(ContextKeys.noProfiles, noProfiles);
  if (!noProfiles) await events.load();
}

/** The active source's last integrity validation (trail logs), if any. */
async function integrityOf(services: Services): Promise<IntegrityIndex | undefined> {
  const source = (await services.getEventSource()) as { integrity?: () => IntegrityIndex | undefined };
  return typeof source.integrity === 'function' ? source.integrity() : undefined;
}

/** "Show Only Events Verified by Digest": on with the latest validation's verdicts, or off. */
async function toggleVerifiedOnly(services: Services, filter: FilterState): Promise<void> {
  if (filter.value.verifiedOnly === true) {
    await filter.set({ verifiedOnly: false });
    return;
  }
  const index = await integrityOf(services);
  await filter.setIntegrity(index);
  await filter.set({ verifiedOnly: true });
  if (index === undefined) {
    void vscode.window.showInformationMessage('No event is verified yet: run "CloudTrail: Validate Trail Log Integrity…" on the opened trail logs first.');
  }
}

async function setTimeWindow(prompter: Prompter): Promise<void> {
  const current = settings.lookbackHours();
  const picked = await prompter.pickOne(
    TIME_WINDOWS.map((w) => ({ label: quickPickText(w.label), description: w.hours === current ? 'current' : undefined, hours: w.hours })),
    { title: 'CloudTrail: time window of the Events view' },
  );
  if (picked) await settings.update('lookbackHours', picked.hours);
}

async function askFilter(prompter: Prompter, filter: FilterState): Promise<void> {
  const text = await prompter.input({
    title: 'Filter CloudTrail events',
    prompt: 'Text to find in event name, service, principal, resource, source IP or error code (empty clears)',
    value: filter.value.text,
    placeHolder: 'e.g. alice DeleteBucket 203.0.113.7',
  });
  if (text !== undefined) await filter.set({ text });
}
