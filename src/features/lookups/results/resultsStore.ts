/**
 * The result sets shown in the Results view. Plain TypeScript (no VS Code types), so the palette
 * lookups can add results from anywhere and the store is unit-tested in Node.
 */
import { mergeEvents } from '../../../core/eventsMerge';
import type { QueryResult } from '../../../core/query';
import type { NewResultSet, ResultSet } from '../../../host/resultSets';

export type { NewResultSet, ResultSet } from '../../../host/resultSets';

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
    this.sets.set(id, {
      id,
      title: set.title,
      query: set.query,
      ...(set.queries !== undefined ? { queries: set.queries } : {}),
      ...(set.match !== undefined ? { match: set.match } : {}),
      result: set.result,
      events: mergeEvents([], set.result.events).events,
      addedAt: Date.now(),
      loadingMore: false,
    });
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
    return this.continueWith(id, 'load more', (result) => result.loadMore, signal);
  }

  /**
   * Fetches the regions that failed again, from where they stopped (`result.retry`), keeping every
   * event already shown. A retry that fails keeps the events, adds its failure and stays offered.
   */
  retry(id: string, signal?: AbortSignal): Promise<void> {
    return this.continueWith(id, 'retry', (result) => result.retry, signal);
  }

  private continueWith(id: string, what: 'load more' | 'retry', pick: (result: QueryResult) => QueryResult['loadMore'], signal?: AbortSignal): Promise<void> {
    const pending = this.pendingMore.get(id);
    if (pending) return pending;
    const set = this.sets.get(id);
    const next = set ? pick(set.result) : undefined;
    if (!set || !next) return Promise.resolve();
    this.sets.set(id, { ...set, loadingMore: true });
    this.fire();
    const promise = next(signal ? { signal } : {})
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
            // A failed load more ends the continuation; a failed retry can be tried again.
            const { loadMore: _dropped, ...rest } = current.result;
            const kept = what === 'retry' ? current.result : rest;
            this.sets.set(id, { ...current, result: { ...kept, regionErrors: [...kept.regionErrors, { region: what, message }] }, loadingMore: false });
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
