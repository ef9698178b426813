// The connected Athena source and the queries running on it. While connected, Athena is the views'
// event source (services.setEventSourceProvider): the Events view, look-ups, investigations and
// "Who changed this?" all query it, each compiled to SQL, its estimate checked against the user's
// threshold and the workgroup's cutoff before it runs, its progress in the status bar, where one
// click cancels it (StopQueryExecution); what arrived before a cancel is kept by the source.
import * as vscode from 'vscode';
import type { AthenaEventSource, AthenaProgress, AthenaQueryResult } from '../../aws/athena/athenaEventSource';
import type { QueryCost } from '../../core/athena/cost';
import type { TrailEvent } from '../../core/model';
import type { EventQuery, FullEventLoad, QueryOptions, QueryResult, TrailEventSource } from '../../core/query';
import { plainText, safeQuickPick } from '../../core/safeText';
import { ContextKeys, setContext } from '../../host/contextKeys';
import type { ComponentLogger } from '../../host/logger';
import type { Services } from '../../host/services';
import { settings } from '../../host/settings';
import type { AthenaStatusBar } from './athenaStatusBar';
import { costText, needsConfirmation, type LastRun } from './athenaText';

export type { LastRun } from './athenaText';

/** One query in flight. */
interface Run {
  readonly controller: AbortController;
  readonly started: number;
  readonly estimate?: QueryCost;
  progress?: AthenaProgress;
}

/** Options the tracked work passes on to the source. */
export interface TrackedOptions {
  readonly signal: AbortSignal;
  readonly onAthenaProgress: (progress: AthenaProgress) => void;
}

function cancelledResult(query: EventQuery): QueryResult {
  return { query, events: [], errors: [], plan: { local: [] }, stats: { events: 0, pages: 0, requests: 0, throttlesRetried: 0, badRecords: 0, elapsedMs: 0 }, cancelled: true, regionErrors: [] };
}

export class AthenaSession implements vscode.Disposable {
  private source: AthenaEventSource | undefined;
  private readonly runs = new Set<Run>();
  private last: LastRun | undefined;

  constructor(
    private readonly services: Services,
    private readonly bar: AthenaStatusBar,
    private readonly log: ComponentLogger,
  ) {}

  get active(): AthenaEventSource | undefined {
    return this.source;
  }

  get lastRun(): LastRun | undefined {
    return this.last;
  }

  get running(): number {
    return this.runs.size;
  }

  /** Makes `source` the views' source. */
  async use(source: AthenaEventSource): Promise<void> {
    if (this.source !== source) this.source?.dispose();
    this.source = source;
    const forViews: TrailEventSource = {
      kind: 'athena',
      label: source.label,
      query: (q, o) => this.query(source, q, o),
      loadFullEvent: (event, o) => (source.isSummary(event) ? this.fullRecord(source, event, o?.signal) : undefined),
    };
    const { database, table } = source.table;
    const detail = `Athena table ${database}.${table}, workgroup ${source.workGroup}. Queries are compiled to SQL over the table's partitions; each shows its estimated and actual scan.`;
    this.services.setEventSourceProvider(() => Promise.resolve(forViews), { label: plainText(`Athena ${database}.${table}`), detail: plainText(detail, { multiline: true }) });
    this.log.info(`Athena is the source: ${source.label}`);
    await setContext(ContextKeys.athenaActive, true);
    this.render();
  }

  /** Back to the LookupEvents API. */
  async disconnect(): Promise<void> {
    if (!this.source) return;
    this.cancel();
    this.source.dispose();
    this.source = undefined;
    this.services.useApiSource();
    await setContext(ContextKeys.athenaActive, false);
    this.render();
  }

  /** Cancels every running query (Athena is told through StopQueryExecution). */
  cancel(): void {
    for (const run of this.runs) run.controller.abort();
  }

  /** An event query through the source: estimate, confirmation when costly, tracked run. */
  private async query(source: AthenaEventSource, query: EventQuery, options: QueryOptions = {}): Promise<QueryResult> {
    const plan = source.plan(query);
    const limits = await source.workGroupLimits();
    const cutoff = limits.bytesScannedCutoffPerQuery;
    const exceeds = cutoff !== undefined && plan.estimate !== undefined && plan.estimate.scannedBytes > cutoff;
    if (needsConfirmation(plan.estimate, settings.athena().confirmScanAboveBytes, exceeds) && !(await this.confirm(plan.estimate, exceeds))) return cancelledResult(query);
    const result: AthenaQueryResult = await this.track(plan.estimate, options.signal, (tracked) => source.query(query, { ...options, ...tracked }));
    this.finish(result.athena.queryExecutionId ?? '', result.athena.state ?? 'SUCCEEDED', result.athena.cost, plan.estimate, result.athena.sql, result.cancelled);
    return result;
  }

  /** The whole record of a summary row, for the event panel: a narrow query, tracked and costed like the others. */
  private async fullRecord(source: AthenaEventSource, event: TrailEvent, signal: AbortSignal | undefined): Promise<FullEventLoad> {
    const loaded = await this.track(undefined, signal, (tracked) => source.loadFullRecord(event, tracked));
    if (!loaded.cached) this.finish(loaded.queryExecutionId, 'SUCCEEDED', loaded.cost, undefined, loaded.sql, false);
    return { event: loaded.event, detail: loaded.cached ? 'Athena · loaded before, no new query' : `Athena · ${loaded.cost.label}` };
  }

  private async confirm(estimate: QueryCost | undefined, exceeds: boolean): Promise<boolean> {
    const why = exceeds ? 'over the workgroup’s per-query scan cutoff (Athena would cancel it)' : 'over your confirmScanAboveMB setting';
    const picked = await this.services.prompter.pickOne(
      [
        { label: safeQuickPick`$(play) Run it`, run: true },
        { label: safeQuickPick`$(close) Don’t run`, run: false },
      ],
      { title: safeQuickPick`Athena query: ${estimate?.label ?? 'unknown scan'}, ${why}. Run it?` },
    );
    return picked?.run === true;
  }

  /** Runs `work` with a signal the status bar (and `outer`) can cancel, showing its progress. */
  async track<T>(estimate: QueryCost | undefined, outer: AbortSignal | undefined, work: (options: TrackedOptions) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onOuter = (): void => {
      controller.abort();
    };
    if (outer?.aborted === true) controller.abort();
    outer?.addEventListener('abort', onOuter);
    const run: Run = { controller, started: Date.now(), ...(estimate ? { estimate } : {}) };
    this.runs.add(run);
    void setContext(ContextKeys.athenaRunning, true);
    this.render();
    try {
      return await work({
        signal: controller.signal,
        onAthenaProgress: (p) => {
          run.progress = p;
          this.render();
        },
      });
    } finally {
      outer?.removeEventListener('abort', onOuter);
      this.runs.delete(run);
      if (this.runs.size === 0) void setContext(ContextKeys.athenaRunning, false);
      this.render();
    }
  }

  /** Records what a statement did (tooltip, log, TestApi). */
  finish(queryExecutionId: string, state: string, cost: QueryCost | undefined, estimate: QueryCost | undefined, sql: string | undefined, cancelled: boolean): void {
    this.last = { queryExecutionId, state, scannedBytes: cost?.scannedBytes ?? 0, cancelled, ...(estimate ? { estimate: estimate.label } : {}), ...(cost ? { cost: costText(cost, estimate) } : {}), ...(sql !== undefined ? { sql } : {}) };
    this.log.info(`Athena query ${queryExecutionId || '(not started)'} ${state}${cancelled ? ' (cancelled)' : ''}: ${cost?.label ?? 'no statistics'}${estimate ? ` (estimated ${estimate.label})` : ''}`);
    this.render();
  }

  private render(): void {
    const runs = [...this.runs];
    const newest = runs.at(-1);
    if (newest) {
      const p = newest.progress;
      const cost = p?.cost ?? newest.estimate;
      this.bar.running({ ...(p ? { state: p.state } : {}), ...(p?.rowsRead !== undefined ? { rowsRead: p.rowsRead } : {}), elapsedMs: p?.elapsedMs ?? Date.now() - newest.started, scannedBytes: p?.scannedBytes ?? 0, ...(cost ? { cost } : {}) }, runs.length - 1);
    } else if (this.source) this.bar.idle(this.source.table.database, this.source.table.table, this.last);
    else this.bar.hide();
  }

  dispose(): void {
    this.cancel();
    this.source?.dispose();
  }
}
