/**
 * The result sets shown in the Results view. Plain TypeScript (no VS Code types), so the palette
 * lookups can add results from anywhere and the store is unit-tested in Node.
 */
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryResult } from '../../core/query';
import { mergeEvents } from '../eventsMerge';

/** What a lookup hands to the Results view. */
export interface NewResultSet {
  /** Shown as the set's label, e.g. `Username = alice · last 7 days`. */
  readonly title: string;
  readonly query: EventQuery;
  readonly result: QueryResult;
}

/** One result set: its latest result and every event loaded so far (load more appends). */
export interface ResultSet {
  readonly id: string;
  readonly title: string;
  readonly query: EventQuery;
  readonly result: QueryResult;
  readonly events: readonly TrailEvent[];
  readonly addedAt: number;
  readonly loadingMore: boolean;
}

export interface Disposable {
  dispose(): void;
}

export class ResultsStore {
  private readonly sets = new Map<string, ResultSet>();
  private readonly listeners = new Set<() => void>();
  private readonly pendingMore = new Map<string, Promise<void>>();
  private counter = 0;

  /** Adds a result set at the top of the view and returns its id. */
  add(set: NewResultSet): string {
    const id = `r${++this.counter}`;
    this.sets.set(id, { id, title: set.title, query: set.query, result: set.result, events: mergeEvents([], set.result.events).events, addedAt: Date.now(), loadingMore: false });
    this.fire();
    return id;
  }

  /** Newest first. */
  list(): ResultSet[] {
    return [...this.sets.values()].reverse();
  }

  get(id: string): ResultSet | undefined {
    return this.sets.get(id);
  }

  remove(id: string): boolean {
    const removed = this.sets.delete(id);
    if (removed) this.fire();
    return removed;
  }

  clear(): void {
    if (this.sets.size === 0) return;
    this.sets.clear();
    this.fire();
  }

  /** Runs the set's continuation once; concurrent calls share it (double clicks). */
  loadMore(id: string, signal?: AbortSignal): Promise<void> {
    const pending = this.pendingMore.get(id);
    if (pending) return pending;
    const set = this.sets.get(id);
    const more = set?.result.loadMore;
    if (!set || !more) return Promise.resolve();
    this.sets.set(id, { ...set, loadingMore: true });
    this.fire();
    const promise = more(signal ? { signal } : {})
      .then(
        (result) => {
          const current = this.sets.get(id);
          if (!current) return;
          this.sets.set(id, { ...current, result, events: mergeEvents(current.events, result.events).events, loadingMore: false });
        },
        (err: unknown) => {
          const current = this.sets.get(id);
          if (current) {
            const message = err instanceof Error ? err.message : String(err);
            const { loadMore: _dropped, ...rest } = current.result;
            this.sets.set(id, { ...current, result: { ...rest, regionErrors: [...rest.regionErrors, { region: 'load more', message }] }, loadingMore: false });
          }
        },
      )
      .finally(() => {
        this.pendingMore.delete(id);
        this.fire();
      });
    this.pendingMore.set(id, promise);
    return promise;
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return {
      dispose: () => {
        this.listeners.delete(listener);
      },
    };
  }

  get size(): number {
    return this.sets.size;
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
