// Runs a query with a progress notification (live count, Cancel keeps what arrived), then shows the
// result set in the Results view and the timeline panel, and remembers the query for re-running.
import * as vscode from 'vscode';
import { matchesInvestigation, refineOptions, refineResult, type EventMatch } from '../../core/investigations';
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryResult } from '../../core/query';
import { runQueryUnion } from '../../core/queryUnion';
import { CommandIds } from '../../host/commandIds';
import { withLookupProgress } from '../../host/lookupProgress';
import type { HistoryEntry } from '../../host/queryHistory';
import type { NewResultSet } from '../../host/resultSets';
import { ViewIds } from '../../host/viewIds';
import type { CommandDeps } from './lookupDeps';
import { notificationText } from '../../core/safeText';

/** A query to run and how to present it. */
export interface RunQueryRequest {
  readonly title: string;
  readonly query: EventQuery;
  /**
   * Every query to run as one union (an investigation's values of one attribute, each sent to the
   * server); `[query]` when absent. `query` is what the result reports.
   */
  readonly queries?: readonly EventQuery[];
  /** A local match the server cannot express (investigations). */
  readonly match?: EventMatch;
  /** Keep only events with this request id (the panel's "same request" lookup). */
  readonly requestId?: string;
  /** Remembered for "Re-run a recent query"; omitted when re-running. */
  readonly history?: HistoryEntry;
}

/** What a run produced. */
export interface RunOutcome {
  readonly setId: string;
  readonly result: QueryResult;
}

/** The local predicate of a request, if it has one. */
function keeper(request: Pick<RunQueryRequest, 'match' | 'requestId'>): ((e: TrailEvent) => boolean) | undefined {
  const { match, requestId } = request;
  if (match === undefined && requestId === undefined) return undefined;
  return (e) => matchesInvestigation(e, match) && (requestId === undefined || e.requestId === requestId);
}

/** Runs a query through the active source and shows it. */
export async function runQuery(deps: CommandDeps, request: RunQueryRequest): Promise<RunOutcome> {
  const source = await deps.services.getEventSource();
  const keep = keeper(request);
  deps.log.info(`lookup "${request.title}" in ${request.query.regions.join(', ')} (${(request.queries ?? [request.query]).length} server quer${(request.queries?.length ?? 1) === 1 ? 'y' : 'ies'})`);
  const result = await withLookupProgress(request.title, async (options) => {
    const queries = request.queries ?? [request.query];
    const forwarded = keep ? refineOptions(options, keep) : options;
    const raw = queries.length > 1 ? await runQueryUnion(source, queries, forwarded, { query: request.query }) : await source.query(queries[0] ?? request.query, forwarded);
    return keep ? refineResult(raw, keep) : raw;
  });
  if (request.history) await deps.history.remember(request.history);
  const set: NewResultSet = {
    title: request.title,
    query: request.query,
    result,
    ...(request.queries !== undefined ? { queries: request.queries } : {}),
    ...(request.match !== undefined ? { match: request.match } : {}),
  };
  const setId = await vscode.commands.executeCommand<string>(CommandIds.showResults, set);
  return { setId, result };
}

/**
 * The `_cloudtrailInvestigator.showResults` command: adds a result set to the Results view, shows its
 * timeline (with `headline` above it), and tells what was partial or failed. Returns the set's id.
 */
export async function showResultSet(deps: CommandDeps, set: NewResultSet, headline?: string): Promise<string> {
  const setId = deps.results.add(set);
  await vscode.commands.executeCommand(`${ViewIds.results}.focus`);
  const stored = deps.results.get(setId);
  if (stored) deps.timeline.show(stored, typeof headline === 'string' ? headline : undefined);
  const { result } = set;
  const notices: string[] = [];
  if (result.cancelled) notices.push(`Cancelled: showing the ${result.events.length} event${result.events.length === 1 ? '' : 's'} received before.`);
  for (const failure of result.regionErrors) notices.push(`${failure.region}: ${failure.message}`);
  for (const notice of notices) void vscode.window.showWarningMessage(notificationText(notice));
  return setId;
}
