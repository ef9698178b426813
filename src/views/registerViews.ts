import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import { CommandIds } from '../commands/commandIds';
import { ContextKeys, setContext } from '../host/contextKeys';
import { registerCommand } from '../host/registerCommand';
import type { Services } from '../host/services';
import { settings, type GroupByKey } from '../host/settings';
import { EventItemCommands, runSsoLogin } from './eventItemCommands';
import { EVENTS_VIEW_ID, EventsModel } from './eventsModel';
import { EventsTreeProvider } from './eventsTreeProvider';
import { FilterState } from './filterState';
import { ScriptablePrompter, windowPrompter } from './prompter';
import { RESULTS_VIEW_ID, ResultsTreeProvider } from './results/resultsTreeProvider';
import { ResultsStore, type NewResultSet } from './results/resultsStore';
import { ProfileStatusBar } from './statusBar';
import { shortWindow, TIME_WINDOWS } from './timeWindow';
import type { TreeNode } from './treeNodes';
import { describeFilter } from './viewFilter';

/** The live parts of the views, for the palette lookups (the ResultsStore) and the TestApi. */
export interface ViewsHandle {
  readonly events: EventsModel;
  readonly eventsTree: EventsTreeProvider;
  readonly results: ResultsStore;
  readonly resultsTree: ResultsTreeProvider;
  readonly filter: FilterState;
  readonly statusBar: ProfileStatusBar;
  readonly prompter: ScriptablePrompter;
}

const RELOAD_DEBOUNCE_MS = 150;

/** Registers the Events and Results views, their commands and the status-bar item. */
export function registerViews(services: Services): ViewsHandle {
  const log = services.log('EventsTree');
  const subscriptions = services.context.subscriptions;
  const prompter = new ScriptablePrompter(windowPrompter);
  const filter = new FilterState();
  const events = new EventsModel(services, log);
  let started = false;
  const ensureStarted = (): void => {
    if (started) return;
    started = true;
    void startIfConfigured(events);
  };
  const eventsTree = new EventsTreeProvider(events, filter, log, ensureStarted);
  const results = new ResultsStore();
  const resultsTree = new ResultsTreeProvider(results, filter, services.log('ResultsTree'));
  const statusBar = new ProfileStatusBar(prompter, services.log('StatusBar'));
  const eventsView = vscode.window.createTreeView(EVENTS_VIEW_ID, { treeDataProvider: eventsTree, showCollapseAll: true });
  const resultsView = vscode.window.createTreeView(RESULTS_VIEW_ID, { treeDataProvider: resultsTree, showCollapseAll: true });
  subscriptions.push(filter, events, eventsTree, resultsTree, statusBar, eventsView, resultsView);

  const describeView = (): void => {
    const what = settings.includeReadOnly() ? 'all events' : 'write events';
    const filterText = describeFilter(filter.value);
    eventsView.description = `${events.sourceWindowLabel ?? shortWindow(settings.lookbackHours())} · ${what}${filterText ? ` · ${filterText}` : ''}`;
    resultsView.description = filterText || undefined;
  };
  describeView();

  // Settings that change what is searched reload the window; several changes at once reload once.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleReload = (): void => {
    describeView();
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      if (events.state !== 'idle') void events.load();
    }, RELOAD_DEBOUNCE_MS);
  };
  events.setAutoRefresh(settings.autoRefreshMinutes());
  subscriptions.push(
    settings.onDidChange(['lookbackHours', 'includeReadOnly', 'maxEvents', 'profile', 'regions', 'endpoint'], scheduleReload),
    services.onDidChangeEventSource(scheduleReload),
    settings.onDidChange(['autoRefreshMinutes'], () => {
      events.setAutoRefresh(settings.autoRefreshMinutes());
    }),
    filter.onDidChange(describeView),
    events.onDidChange(describeView),
    results.onDidChange(() => {
      void setContext(ContextKeys.hasResultSets, results.size > 0);
    }),
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
    [CommandIds.eventsSetTimeWindow, () => setTimeWindow(prompter)],
    [CommandIds.eventsFilter, () => askFilter(prompter, filter)],
    [CommandIds.eventsClearFilter, () => filter.set({ text: '', errorsOnly: false })],
    [CommandIds.eventsShowErrorsOnly, () => filter.set({ errorsOnly: true })],
    [CommandIds.eventsShowAllResults, () => filter.set({ errorsOnly: false })],
    [CommandIds.eventsIncludeReadOnly, () => settings.update('includeReadOnly', true)],
    [CommandIds.eventsExcludeReadOnly, () => settings.update('includeReadOnly', false)],
    [CommandIds.groupByService, groupBy('service')],
    [CommandIds.groupByPrincipal, groupBy('principal')],
    [CommandIds.groupByResource, groupBy('resource')],
    [CommandIds.groupByRegion, groupBy('region')],
    [CommandIds.copyEventId, (arg: unknown) => items.copyEventId(arg)],
    [CommandIds.copyEventArn, (arg: unknown) => items.copyArn(arg)],
    [CommandIds.copyEventJson, (arg: unknown) => items.copyJson(arg)],
    [CommandIds.lookupByPrincipal, (arg: unknown) => items.byPrincipal(arg)],
    [CommandIds.lookupByResource, (arg: unknown) => items.byResource(arg)],
    [CommandIds.lookupByAccessKey, (arg: unknown) => items.byAccessKey(arg)],
    [CommandIds.runSsoLogin, (profile: unknown) => { runSsoLogin(profile); }],
    [CommandIds.selectProfile, (name: unknown) => statusBar.selectProfile(typeof name === 'string' ? name : undefined)],
    [CommandIds.selectRegions, (regions: unknown) => statusBar.selectRegions(Array.isArray(regions) ? regions.filter((r): r is string => typeof r === 'string') : undefined)],
    [CommandIds.switchProfileOrRegions, () => statusBar.switchProfileOrRegions()],
    [CommandIds.resultsClose, (node: unknown) => { closeResultSet(results, node); }],
    [CommandIds.resultsClear, () => { results.clear(); }],
    [CommandIds.resultsLoadMore, (setId: unknown) => (typeof setId === 'string' ? results.loadMore(setId) : undefined)],
    [CommandIds.showResults, (set: NewResultSet) => showResults(results, set)],
    [
      CommandIds.showMoreInGroup,
      (groupId: unknown) => {
        if (typeof groupId !== 'string') return;
        if (groupId.startsWith('results/')) resultsTree.showMore(groupId);
        else eventsTree.showMore(groupId);
      },
    ],
  ];
  for (const [id, handler] of table) subscriptions.push(registerCommand(id, handler, deps));

  return { events, eventsTree, results, resultsTree, filter, statusBar, prompter };
}

async function startIfConfigured(events: EventsModel): Promise<void> {
  // With no profile anywhere (and nothing in the environment) the welcome view explains what to do.
  const hasEnvCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_PROFILE !== undefined;
  const profiles = await listProfiles().catch(() => []);
  const noProfiles = profiles.length === 0 && !hasEnvCredentials && settings.profile() === '' && settings.endpoint() === undefined;
  await setContext(ContextKeys.noProfiles, noProfiles);
  if (!noProfiles) await events.load();
}

async function setTimeWindow(prompter: ScriptablePrompter): Promise<void> {
  const current = settings.lookbackHours();
  const picked = await prompter.pickOne(
    TIME_WINDOWS.map((w) => ({ label: w.label, description: w.hours === current ? 'current' : undefined, hours: w.hours })),
    { title: 'CloudTrail: time window of the Events view' },
  );
  if (picked) await settings.update('lookbackHours', picked.hours);
}

async function askFilter(prompter: ScriptablePrompter, filter: FilterState): Promise<void> {
  const text = await prompter.input({
    title: 'Filter CloudTrail events',
    prompt: 'Text to find in event name, service, principal, resource, source IP or error code (empty clears)',
    value: filter.value.text,
    placeHolder: 'e.g. alice DeleteBucket 203.0.113.7',
  });
  if (text !== undefined) await filter.set({ text });
}

function closeResultSet(store: ResultsStore, node: unknown): void {
  const setId = (node as Partial<TreeNode> & { setId?: unknown } | undefined)?.setId;
  if (typeof setId === 'string') store.remove(setId);
}

async function showResults(store: ResultsStore, set: NewResultSet): Promise<string> {
  const id = store.add(set);
  await vscode.commands.executeCommand(`${RESULTS_VIEW_ID}.focus`);
  return id;
}
