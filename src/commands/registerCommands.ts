// The single table of the palette commands (look-ups, investigations, export, re-run, who changed),
// plus the editor integration (context key, hover). Every handler goes through host/registerCommand.
import * as vscode from 'vscode';
import type { InvestigationId } from '../core/investigations';
import { registerCommand } from '../host/registerCommand';
import type { Services } from '../host/services';
import type { ViewsHandle } from '../views/registerViews';
import { hasTargetAt, registerArnAtCursorContext } from '../editor/arnAtCursorContext';
import { ArnHoverProvider } from '../editor/arnHover';
import { DOCUMENT_SELECTOR } from '../editor/supportedDocuments';
import { whoChanged } from '../editor/whoChanged';
import { CommandIds } from './commandIds';
import type { CommandDeps } from './commandDeps';
import { exportResults, resolveResultSet } from './exportResults';
import { investigate, pickInvestigation, type InvestigationArgs } from './investigate';
import { lookupEvents } from './lookupEvents';
import { createLookupsProbe } from './lookupsProbe';
import type { LookupsTestApi } from './lookupsTestApi';
import { QueryHistory } from './queryHistory';
import { rerunQuery } from './rerunQuery';
import { runLookup } from './runLookup';
import { TimelinePanel } from './timelinePanel';

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

/** Registers the commands and the editor integration; returns the TestApi part. */
export function registerCommands(services: Services, views: ViewsHandle): LookupsTestApi {
  const log = services.log('Lookups');
  const subscriptions = services.context.subscriptions;
  const timeline = new TimelinePanel(services.context.extensionUri, log);
  const probe = createLookupsProbe();
  const deps: CommandDeps = {
    services,
    views,
    prompter: views.prompter,
    log,
    history: new QueryHistory(services.context.globalState),
    timeline,
    probe,
    now: () => Date.now(),
  };
  const wrap = { log, showLogs: () => { services.logger.show(); } };
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [CommandIds.lookupEvents, () => lookupEvents(deps)],
    [CommandIds.investigate, () => pickInvestigation(deps)],
    ...INVESTIGATION_COMMANDS.map(([id, which]): [string, (args?: InvestigationArgs) => unknown] => [id, (args?: InvestigationArgs) => investigate(deps, which, args)]),
    [CommandIds.rerunQuery, (index: unknown) => rerunQuery(deps, index)],
    [CommandIds.resultsExportJson, (node: unknown, target: unknown) => exportResults(deps, 'json', node, target)],
    [CommandIds.resultsExportCsv, (node: unknown, target: unknown) => exportResults(deps, 'csv', node, target)],
    [CommandIds.resultsShowTimeline, async (node: unknown) => { timeline.show(await resolveResultSet(deps, node)); }],
    [CommandIds.whoChanged, (arg: unknown) => whoChanged(deps, arg)],
    [CommandIds.runLookup, (args: unknown) => runLookup(deps, args)],
  ];
  for (const [id, handler] of table) subscriptions.push(registerCommand(id, handler, wrap));
  subscriptions.push(timeline, ...registerArnAtCursorContext(), vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new ArnHoverProvider()));

  return {
    validationMessages: () => [...probe.validationMessages],
    notices: () => [...probe.notices],
    lastResultSetId: () => probe.lastResultSetId,
    lastAnswer: () => probe.lastAnswer,
    timeline: () => timeline.model,
    cancelNextLookupAfter: (events) => {
      probe.cancelAfterEvents = events;
    },
    history: () => deps.history.list(),
    clearHistory: () => deps.history.clear(),
    arnAtCursor: () => hasTargetAt(vscode.window.activeTextEditor),
  };
}
