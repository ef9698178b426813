// The palette lookups (look-ups, investigations, export, re-run), the Results view with its commands,
// the timeline panel, and the internal commands other features call: `_runLookup` (look up more by
// principal/resource/key) and `_showResults` (show a result set). Every handler goes through
// host/registerCommand.
import * as vscode from 'vscode';
import type { InvestigationId } from '../../core/investigations';
import { describeFilter } from '../../core/viewFilter';
import { CommandIds } from '../../host/commandIds';
import { ContextKeys, setContext } from '../../host/contextKeys';
import { registerCommand } from '../../host/registerCommand';
import type { NewResultSet } from '../../host/resultSets';
import type { Services } from '../../host/services';
import type { ResultsTestApi, TimelineTestApi } from '../../host/testApi';
import { ViewIds } from '../../host/viewIds';
import { exportResults, resolveResultSet } from './exportResults';
import { investigate, pickInvestigation, type InvestigationArgs } from './investigate';
import type { CommandDeps } from './lookupDeps';
import { lookupEvents } from './lookupEvents';
import { rerunQuery } from './rerunQuery';
import { ResultsStore } from './results/resultsStore';
import { ResultsTreeProvider } from './results/resultsTreeProvider';
import { runLookup } from './runLookup';
import { showResultSet } from './runQuery';
import { TIMELINE_VIEW_TYPE } from './timeline/protocol';
import { TimelinePanel } from './timeline/timelinePanel';
import { TimelineSerializer } from './timeline/timelineSerializer';
import { plainText } from '../../core/safeText';

const INVESTIGATION_COMMANDS: readonly [string, InvestigationId][] = [
  [CommandIds.investigateAroundTime, 'aroundTime'],
  [CommandIds.investigateResource, 'resource'],
  [CommandIds.investigatePrincipal, 'principal'],
  [CommandIds.investigateAccessKey, 'accessKey'],
  [CommandIds.investigateConsoleSignIns, 'consoleSignIns'],
  [CommandIds.investigateIamChanges, 'iamChanges'],
  [CommandIds.investigateRootActivity, 'rootActivity'],
  [CommandIds.investigateDestructiveActions, 'destructiveActions'],
  [CommandIds.investigateAccessDenied, 'accessDenied'],
  [CommandIds.investigateLoggingTampering, 'loggingTampering'],
];

/** The lookups' parts of the TestApi. */
export interface LookupsTestApi {
  readonly results: ResultsTestApi;
  readonly timeline: TimelineTestApi;
}

function closeResultSet(store: ResultsStore, node: unknown): void {
  const setId = (node as { setId?: unknown } | undefined)?.setId;
  if (typeof setId === 'string') store.remove(setId);
}

/** Registers the lookups, the Results view and the timeline panel. */
export function registerLookups(services: Services): LookupsTestApi {
  const log = services.log('Lookups');
  const subscriptions = services.context.subscriptions;
  const results = new ResultsStore();
  const timeline = new TimelinePanel(services.context.extensionUri, log, results);
  services.loadedEvents.register(() => results.list().flatMap((s) => s.events));
  const resultsTree = new ResultsTreeProvider(results, services.trees, services.log('ResultsTree'));
  const resultsView = vscode.window.createTreeView(ViewIds.results, { treeDataProvider: resultsTree, showCollapseAll: true });
  const filter = services.trees.filter;
  const describeView = (): void => {
    resultsView.description = describeFilter(filter.value) === '' ? undefined : plainText(describeFilter(filter.value));
  };
  describeView();
  subscriptions.push(
    resultsTree,
    resultsView,
    filter.onDidChange(describeView),
    results.onDidChange(() => {
      void setContext(ContextKeys.hasResultSets, results.size > 0);
    }),
  );
  const deps: CommandDeps = {
    services,
    prompter: services.prompter,
    log,
    history: services.history,
    results,
    timeline,
    now: () => services.now(),
  };
  const wrap = { log, showLogs: () => { services.logger.show(); } };
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [CommandIds.lookupEvents, () => lookupEvents(deps)],
    [CommandIds.investigate, () => pickInvestigation(deps)],
    ...INVESTIGATION_COMMANDS.map(([id, which]): [string, (args?: InvestigationArgs) => unknown] => [id, (args?: InvestigationArgs) => investigate(deps, which, args)]),
    [CommandIds.rerunQuery, (index: unknown) => rerunQuery(deps, index)],
    [CommandIds.resultsExportJson, (node: unknown, target: unknown) => exportResults(deps, 'json', node, target)],
    [CommandIds.resultsExportCsv, (node: unknown, target: unknown) => exportResults(deps, 'csv', node, target)],
    [CommandIds.resultsExportAnnotatedJson, (node: unknown, target: unknown) => exportResults(deps, 'annotatedJson', node, target)],
    [CommandIds.resultsShowTimeline, async (node: unknown) => { timeline.show(await resolveResultSet(deps, node)); }],
    [CommandIds.runLookup, (args: unknown) => runLookup(deps, args)],
    [CommandIds.showResults, (set: NewResultSet, headline: unknown) => showResultSet(deps, set, typeof headline === 'string' ? headline : undefined)],
    [CommandIds.resultsClose, (node: unknown) => { closeResultSet(results, node); }],
    [CommandIds.resultsClear, () => { results.clear(); }],
    [CommandIds.resultsLoadMore, (setId: unknown) => (typeof setId === 'string' ? results.loadMore(setId) : undefined)],
    [CommandIds.resultsRetry, (setId: unknown) => (typeof setId === 'string' ? results.retry(setId) : undefined)],
  ];
  for (const [id, handler] of table) subscriptions.push(registerCommand(id, handler, wrap));
  subscriptions.push(timeline, vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, new TimelineSerializer(timeline, log)));

  return {
    results: { tree: resultsTree, sets: () => results.list().map((set) => ({ id: set.id, title: set.title, events: set.events.length })) },
    timeline: { model: () => timeline.model, isReady: () => timeline.isReady, onDidChange: timeline.onDidChange },
  };
}
