// Runs a query with a progress notification (live count, Cancel keeps what arrived), then shows the
// result set in the Results view and the timeline panel, and remembers the query for re-running.
import * as vscode from 'vscode';
import { matchesInvestigation, refineOptions, refineResult, type EventMatch } from '../core/investigations';
import type { TrailEvent } from '../core/model';
import type { EventQuery, QueryOptions, QueryResult, QueryStats } from '../core/query';
import { withCancellableNotification } from '../host/progress';
import type { NewResultSet } from '../views/results/resultsStore';
import { CommandIds } from './commandIds';
import type { CommandDeps } from './commandDeps';
import type { HistoryEntry } from './queryHistory';

/** A query to run and how to present it. */
export interface RunQueryRequest {
  readonly title: string;
  readonly query: EventQuery;
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

function progressText(stats: QueryStats): string {
  return `${stats.events.toLocaleString('en-US')} event${stats.events === 1 ? '' : 's'} · ${stats.requests} request${stats.requests === 1 ? '' : 's'}`;
}

/**
 * Runs `work` under a cancellable notification whose message is the live count. Cancelling (or the
 * test probe's `cancelAfterEvents`) aborts the signal; the source then returns what it received.
 */
export async function withLookupProgress<T extends QueryResult>(deps: CommandDeps, title: string, work: (options: QueryOptions) => Promise<T>): Promise<T> {
  return withCancellableNotification(`CloudTrail: ${title}`, async (signal, report) => {
    const controller = new AbortController();
    const onAbort = (): void => {
      controller.abort();
    };
    signal.addEventListener('abort', onAbort);
    const cancelAfter = deps.probe.cancelAfterEvents;
    deps.probe.cancelAfterEvents = undefined;
    try {
      report('starting…');
      return await work({
        signal: controller.signal,
        onProgress: (_events: readonly TrailEvent[], stats: QueryStats) => {
          report(progressText(stats));
          if (cancelAfter !== undefined && stats.events >= cancelAfter) controller.abort();
        },
      });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  });
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
  deps.log.info(`lookup "${request.title}" in ${request.query.regions.join(', ')}`);
  const result = await withLookupProgress(deps, request.title, async (options) => {
    const raw = await source.query(request.query, keep ? refineOptions(options, keep) : options);
    return keep ? refineResult(raw, keep) : raw;
  });
  if (request.history) await deps.history.remember(request.history);
  const setId = await showResultSet(deps, { title: request.title, query: request.query, result });
  return { setId, result };
}

/** Adds a result set to the Results view, shows its timeline, and tells what was partial or failed. */
export async function showResultSet(deps: CommandDeps, set: NewResultSet, headline?: string): Promise<string> {
  const setId = await vscode.commands.executeCommand<string>(CommandIds.showResults, set);
  deps.probe.lastResultSetId = setId;
  const stored = deps.views.results.get(setId);
  if (stored) deps.timeline.show(stored, headline);
  const { result } = set;
  const notices: string[] = [];
  if (result.cancelled) notices.push(`Cancelled: showing the ${result.events.length} event${result.events.length === 1 ? '' : 's'} received before.`);
  for (const failure of result.regionErrors) notices.push(`${failure.region}: ${failure.message}`);
  for (const notice of notices) {
    deps.probe.notices.push(notice);
    void vscode.window.showWarningMessage(notice);
  }
  return setId;
}
