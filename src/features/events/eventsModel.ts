import * as vscode from 'vscode';
import { classifyAwsError } from '../../aws/awsErrors';
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryResult, TrailEventSource } from '../../core/query';
import { ContextKeys, setContext } from '../../host/contextKeys';
import type { ComponentLogger } from '../../host/logger';
import { withViewProgress } from '../../host/progress';
import type { Services } from '../../host/services';
import { settings } from '../../host/settings';
import { ViewIds } from '../../host/viewIds';
import { mergeEvents, refreshStart } from '../../core/eventsMerge';
import type { LoadFailure } from '../../host/tree/messageNodes';

export type LoadState = 'idle' | 'loading' | 'loaded' | 'failed';

/** What the last full load searched, for the empty-tree message. */
export interface SearchedWindow {
  readonly query: EventQuery;
  readonly sourceLabel: string;
}

interface Run {
  readonly controller: AbortController;
  readonly promise: Promise<void>;
}

const PROGRESS_FIRE_MS = 300;

/**
 * The Events view's data: the recent events of the active source, the continuation for
 * "Load more…", refresh-and-merge of newer events, cancellation and auto-refresh. The tree
 * provider only maps this to items.
 */
export class EventsModel implements vscode.Disposable {
  private held: TrailEvent[] = [];
  private loadState: LoadState = 'idle';
  private failure: LoadFailure | undefined;
  private warnings: readonly { region: string; message: string }[] = [];
  private continuation: QueryResult['loadMore'];
  /** Resumes the regions that stopped mid-scan from where they stopped (the events they gave stay). */
  private resume: QueryResult['retry'];
  private searched: SearchedWindow | undefined;
  private wasCancelled = false;
  private progressCount = 0;
  private running: Run | undefined;
  private moreRunning: Promise<void> | undefined;
  private generation = 0;
  private windowLabel: string | undefined;
  private lastProgressFire = 0;
  private autoTimer: ReturnType<typeof setInterval> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly services: Services,
    private readonly log: ComponentLogger,
  ) {}

  get state(): LoadState {
    return this.loadState;
  }
  get events(): readonly TrailEvent[] {
    return this.held;
  }
  get loadFailure(): LoadFailure | undefined {
    return this.failure;
  }
  get regionErrors(): readonly { region: string; message: string }[] {
    return this.warnings;
  }
  get canLoadMore(): boolean {
    return this.continuation !== undefined;
  }
  /** True when a region failed mid-scan and Retry resumes it. */
  get canRetry(): boolean {
    return this.resume !== undefined && this.moreRunning === undefined;
  }
  get loadingMore(): boolean {
    return this.moreRunning !== undefined;
  }
  get cancelled(): boolean {
    return this.wasCancelled;
  }
  get progress(): number {
    return this.progressCount;
  }
  get lastSearch(): SearchedWindow | undefined {
    return this.searched;
  }
  /** The window the last load searched when its source named one (trail files), for the view description. */
  get sourceWindowLabel(): string | undefined {
    return this.windowLabel;
  }
  /** Resolves when the current load, refresh or "load more" settles (tests await this). */
  async whenIdle(): Promise<void> {
    while (this.running || this.moreRunning) await Promise.allSettled([this.running?.promise, this.moreRunning]);
  }

  /** Loads the window from scratch (first show, settings or source changed, retry). */
  load(): Promise<void> {
    return this.run(async (signal, generation) => {
      const source = await this.services.getEventSource();
      const query = this.buildQuery(source);
      this.windowLabel = source.defaultWindow?.()?.label;
      this.log.info(`load ${source.label}: ${source.defaultWindow?.()?.label ?? `last ${settings.lookbackHours()} h`}, ${query.includeReadOnly ? 'all' : 'write'} events, max ${query.maxEvents}`);
      let partial: TrailEvent[] = [];
      const result = await source.query(query, {
        signal,
        onProgress: (fresh, stats) => {
          if (generation !== this.generation) return;
          partial = mergeEvents(partial, fresh).events;
          this.progressCount = stats.events;
          // Show events as pages arrive, without re-rendering the tree on every page.
          if (Date.now() - this.lastProgressFire >= PROGRESS_FIRE_MS) {
            this.lastProgressFire = Date.now();
            this.held = partial;
            this.changed.fire();
          }
        },
      });
      if (generation !== this.generation) return;
      this.held = mergeEvents([], result.events).events;
      this.searched = { query: result.query, sourceLabel: source.label };
      this.applyOutcome(result);
      this.log.info(`loaded ${result.events.length} events in ${result.stats.elapsedMs} ms (${result.stats.requests} requests, ${result.stats.throttlesRetried} throttles retried)`);
    }, true);
  }

  /** Fetches only events newer than the newest one held and merges them; loads fully when nothing is held. */
  refresh(): Promise<void> {
    if (this.running) return this.running.promise;
    const newest = this.held[0];
    if (this.loadState !== 'loaded' || this.held.length === 0 || this.searched === undefined) return this.load();
    let gap = false;
    const refreshing = this.run(async (signal, generation) => {
      const source = await this.services.getEventSource();
      const base = this.buildQuery(source);
      const query: EventQuery = { ...base, start: refreshStart(newest.time, base.start) };
      const result = await source.query(query, { signal });
      if (generation !== this.generation) return;
      const merged = mergeEvents(this.held, result.events);
      this.held = merged.events;
      this.warnings = result.regionErrors;
      // More new events than one load holds: merging would leave a hole, so load the window again.
      gap = result.loadMore !== undefined;
      this.log.info(`refresh: ${merged.added} new of ${result.events.length} returned${gap ? '; more than maxEvents are new, reloading' : ''}`);
    }, false);
    return refreshing.then(() => (gap ? this.load() : undefined));
  }

  /** Continues the last load; a second call while one runs returns the same promise (double clicks). */
  loadMore(): Promise<void> {
    return this.continueWith(this.continuation, 'load more');
  }

  /** Fetches the regions that failed again, from where they stopped, keeping every event held. */
  retryFailedRegions(): Promise<void> {
    return this.continueWith(this.resume, 'retry');
  }

  private continueWith(more: QueryResult['loadMore'], what: 'load more' | 'retry'): Promise<void> {
    if (this.moreRunning) return this.moreRunning;
    if (!more || this.running) return Promise.resolve();
    const generation = this.generation;
    const controller = new AbortController();
    const promise = (async () => {
      this.changed.fire();
      try {
        const result = await withViewProgress(ViewIds.events, () => more({ signal: controller.signal }));
        if (generation !== this.generation) return;
        this.held = mergeEvents(this.held, result.events).events;
        this.continuation = result.loadMore;
        this.resume = result.retry;
        this.warnings = result.regionErrors;
        this.log.info(`${what}: ${result.events.length} events, ${this.held.length} held`);
      } catch (err) {
        this.log.error(`${what} failed`, err);
        // A failed retry keeps the earlier failures (and Retry) beside its own.
        this.warnings = [...(what === 'retry' ? this.warnings : []), { region: what, message: this.toFailure(err).message }];
      } finally {
        this.moreRunning = undefined;
        this.changed.fire();
      }
    })();
    this.moreRunning = promise;
    this.cancelMore = () => {
      controller.abort();
    };
    return promise;
  }

  private cancelMore: (() => void) | undefined;

  /** Stops the running load; events that arrived are kept. */
  cancel(): void {
    this.running?.controller.abort();
    this.cancelMore?.();
  }

  /** Starts (or stops, for 0) the auto-refresh timer. */
  setAutoRefresh(minutes: number): void {
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.autoTimer = undefined;
    if (minutes <= 0) return;
    this.autoTimer = setInterval(() => {
      if (this.loadState === 'loaded' && !this.running) void this.refresh();
    }, minutes * 60_000);
  }

  private buildQuery(source: TrailEventSource): EventQuery {
    // Trail files on disk name their own window (their events may be years old); the API looks back from now.
    const window = source.defaultWindow?.();
    const end = window?.end ?? Date.now();
    return {
      // The regions setting picks which API endpoints to call; trail files show every region they hold.
      regions: source.kind === 'archive' ? [] : settings.regions(),
      filters: [],
      start: window?.start ?? end - settings.lookbackHours() * 3_600_000,
      end,
      includeReadOnly: settings.includeReadOnly(),
      maxEvents: settings.maxEvents(),
    };
  }

  private applyOutcome(result: QueryResult): void {
    this.continuation = result.loadMore;
    this.resume = result.retry;
    this.wasCancelled = result.cancelled;
    this.warnings = result.regionErrors;
    const regions = result.query.regions.length;
    if (result.events.length === 0 && result.regionErrors.length > 0 && result.regionErrors.length >= regions) {
      // Every region failed: that is a failure of the load, not an empty window.
      const first = result.regionErrors[0];
      this.failure = { message: regions > 1 ? `${first.region}: ${first.message}` : first.message, kind: 'regionFailure' };
      this.warnings = result.regionErrors.slice(1);
      this.loadState = 'failed';
      return;
    }
    this.failure = undefined;
    this.loadState = 'loaded';
  }

  private run(work: (signal: AbortSignal, generation: number) => Promise<void>, full: boolean): Promise<void> {
    this.running?.controller.abort();
    const generation = ++this.generation;
    const controller = new AbortController();
    if (full) {
      this.continuation = undefined;
      this.progressCount = 0;
      this.wasCancelled = false;
      this.held = [];
      this.loadState = 'loading';
    }
    const promise = (async () => {
      await setContext(ContextKeys.loading, true);
      this.changed.fire();
      try {
        await withViewProgress(ViewIds.events, () => work(controller.signal, generation));
      } catch (err) {
        if (generation === this.generation) {
          this.log.error(full ? 'load failed' : 'refresh failed', err);
          if (full) {
            this.failure = this.toFailure(err);
            this.loadState = 'failed';
          } else {
            this.warnings = [{ region: 'refresh', message: this.toFailure(err).message }];
          }
        }
      } finally {
        if (generation === this.generation) {
          this.running = undefined;
          await setContext(ContextKeys.loading, false);
          await setContext(ContextKeys.hasResults, this.held.length > 0);
          this.changed.fire();
        }
      }
    })();
    this.running = { controller, promise };
    return promise;
  }

  private toFailure(err: unknown): LoadFailure {
    const e = err as { kind?: unknown; message?: unknown; ssoLoginProfile?: unknown };
    if (typeof e.kind === 'string' && typeof e.message === 'string') {
      return { kind: e.kind, message: e.message, ...(typeof e.ssoLoginProfile === 'string' ? { ssoLoginProfile: e.ssoLoginProfile } : {}) };
    }
    const profile = settings.profile();
    const endpoint = settings.endpoint();
    const classified = classifyAwsError(err, { ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}) });
    return classified;
  }

  dispose(): void {
    this.cancel();
    this.setAutoRefresh(0);
    this.changed.dispose();
  }
}
