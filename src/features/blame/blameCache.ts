// Cloud blame lookups with a cache: a resource's newest changes (write events that did not fail),
// looked up once per source and kept (CloudTrail events never change), so reopening a file or
// rescanning drift sends no request; with a store, also after a restart for the window the store
// covers (only what is newer is looked up). Callers sharing a lookup share one request; it is
// aborted only when every caller has given up. Results of cancelled or failed lookups are not kept.
// Pure (no vscode): the lookups go through the source, whose limiter every feature shares.
import { isChange } from '../../core/cloudBlame';
import { compareNewestFirst } from '../../core/eventOrder';
import type { TrailEvent } from '../../core/model';
import type { RegionFailure, TrailEventSource } from '../../core/query';
import { lookupResourceNames } from '../../core/resourceLookup';
import { belongsToResourceType, subResourceEventNames } from '../../core/subResourceEvents';
import type { BlameStore, StoredHistory } from './blameStore';
import { targetKey, type BlameTarget } from './blameTargets';

/** Changes a history keeps (the hover lists them). */
export const HISTORY_SIZE = 5;
/** Events read at a time for a sub-resource (one LookupEvents page). */
const PAGE_SIZE = 50;
/** Most pages read for a sub-resource whose parent changes often (then its older changes are not shown). */
const MAX_SUB_PAGES = 20;

/** The source to look in and its scope. */
export interface BlameScope {
  readonly source: TrailEventSource;
  /** Regions searched when a target names none (the configured ones; `[]` for trail logs: every region). */
  readonly regions: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** What is known about one resource. */
export interface ResourceHistory {
  /** The newest changes, newest first, at most {@link HISTORY_SIZE} (`core/cloudBlame` blameOf says the newest in one line). */
  readonly changes: readonly TrailEvent[];
  readonly regions: readonly string[];
  /** Set when a region failed: the history may miss its events (not cached). */
  readonly failures: readonly RegionFailure[];
  /** True when the lookup was cancelled (partial, not cached). */
  readonly cancelled: boolean;
}

interface Running {
  readonly promise: Promise<ResourceHistory>;
  readonly controller: AbortController;
  waiters: number;
}

function scopeKey(scope: BlameScope): string {
  return JSON.stringify([scope.source.kind, scope.source.label, scope.regions]);
}

/** Events delivered late: a stored window counts as covered only up to this long before its lookup. */
const SETTLE_MS = 15 * 60_000;

/** The cache, shared by the CodeLens, the hover and the drift view; `store` keeps it across restarts. */
export class BlameCache {
  private readonly done = new Map<string, ResourceHistory>();
  private readonly running = new Map<string, Running>();
  private sent = 0;

  constructor(
    private readonly store?: BlameStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Lookups started (each one or more LookupEvents requests), for tests and benches. */
  get lookupsStarted(): number {
    return this.sent;
  }

  /** The regions a target is looked up in. */
  regionsOf(target: BlameTarget, scope: BlameScope): readonly string[] {
    return target.region !== undefined && scope.source.kind === 'api' ? [target.region] : scope.regions;
  }

  /** The cached history, without looking anything up. */
  peek(target: BlameTarget, scope: BlameScope): ResourceHistory | undefined {
    return this.done.get(this.keyOf(target, scope));
  }

  /** The history of `target`, from the cache or one lookup; `signal` withdraws this caller. */
  async historyOf(target: BlameTarget, scope: BlameScope, signal?: AbortSignal): Promise<ResourceHistory> {
    const key = this.keyOf(target, scope);
    const cached = this.done.get(key);
    if (cached !== undefined) return cached;
    // A window looked up before (this session or an earlier one) is answered from the store; only
    // the part after it is looked up.
    const stored = this.store?.get(key);
    const known = stored !== undefined && stored.start <= scope.start ? stored : undefined;
    if (known !== undefined && known.end >= scope.end) {
      const history: ResourceHistory = { changes: known.changes, regions: known.regions, failures: [], cancelled: false };
      this.done.set(key, history);
      return history;
    }
    let run = this.running.get(key);
    if (run === undefined) {
      const controller = new AbortController();
      const lookedUpAt = this.now();
      const started = { promise: this.lookUp(target, scope, controller.signal, known), controller, waiters: 0 };
      this.running.set(key, started);
      void started.promise.then((history) => {
        this.running.delete(key);
        if (history.cancelled || history.failures.length > 0) return;
        this.done.set(key, history);
        const end = Math.min(scope.end, lookedUpAt - SETTLE_MS);
        const start = known?.start ?? scope.start;
        if (end >= start) this.store?.set(key, { start, end, changes: history.changes, regions: history.regions });
      }, () => this.running.delete(key));
      run = started;
    }
    const current = run;
    current.waiters++;
    const withdraw = (): void => {
      current.waiters--;
      if (current.waiters <= 0) current.controller.abort();
    };
    if (signal?.aborted === true) withdraw();
    else signal?.addEventListener('abort', withdraw, { once: true });
    try {
      return await current.promise;
    } finally {
      signal?.removeEventListener('abort', withdraw);
    }
  }

  /** Forgets what this session looked up (the source changed); `stored` also empties the store (the user asked to refresh). */
  clear(options: { readonly stored?: boolean } = {}): void {
    if (options.stored === true) this.store?.clear();
    this.done.clear();
    for (const run of this.running.values()) run.controller.abort();
    this.running.clear();
  }

  /** Writes what the store has pending (on dispose). */
  flush(): void {
    this.store?.flush();
  }

  private keyOf(target: BlameTarget, scope: BlameScope): string {
    return `${scopeKey(scope)}|${targetKey(target)}`;
  }

  private async lookUp(target: BlameTarget, scope: BlameScope, signal: AbortSignal, known?: StoredHistory): Promise<ResourceHistory> {
    this.sent++;
    if (known !== undefined) {
      const newer = await this.lookUp(target, { ...scope, start: known.end }, signal);
      const ids = new Set(newer.changes.map((e) => e.id));
      const changes = [...newer.changes, ...known.changes.filter((e) => !ids.has(e.id))].sort(compareNewestFirst).slice(0, HISTORY_SIZE);
      return { ...newer, changes };
    }
    const regions = this.regionsOf(target, scope);
    const candidates = target.candidates.filter((c) => !c.includes('*'));
    // A sub-resource is indexed under its parent: keep only its own events, reading on (a page at a
    // time) past the parent's other changes until HISTORY_SIZE are found or the window ends.
    const sub = subResourceEventNames(target.type) !== undefined;
    const own = (e: TrailEvent): boolean => isChange(e) && belongsToResourceType(target.type, e);
    let result = await lookupResourceNames(scope.source, candidates, { regions, start: scope.start, end: scope.end, includeReadOnly: false, maxEvents: sub ? PAGE_SIZE : HISTORY_SIZE }, { signal });
    const changes = result.events.filter(own);
    const failures = [...result.regionErrors];
    for (let pages = 1; sub && changes.length < HISTORY_SIZE && result.loadMore && !result.cancelled && failures.length === 0 && pages < MAX_SUB_PAGES; pages++) {
      result = await result.loadMore({ signal });
      changes.push(...result.events.filter(own));
      failures.push(...result.regionErrors);
    }
    return { changes: changes.slice(0, HISTORY_SIZE), regions, failures, cancelled: result.cancelled };
  }
}
