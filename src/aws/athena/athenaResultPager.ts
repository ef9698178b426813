/**
 * Turns the pages of a finished Athena query into event batches of the query's size: rows become
 * CloudTrail records again, are normalized by the core, re-checked where the SQL was a superset,
 * de-duplicated by event id, and handed out `maxEvents` at a time. "Load more" continues from the
 * saved NextToken (no new query, nothing scanned again); events past a batch wait in a buffer.
 * Cancelling while pages are read keeps the events that arrived and stops the query on Athena.
 */
import { StopQueryExecutionCommand, type AthenaClient } from '@aws-sdk/client-athena';
import type { CompiledQuery, RecordLocation } from '../../core/athena/compileQuery';
import { partitionsOfRow, recordFromRow } from '../../core/athena/resultColumns';
import { normalizeRecord } from '../../core/event';
import { matchesAttribute, matchesQueryLocally } from '../../core/filters';
import { matchesInvestigation } from '../../core/investigations';
import type { NormalizeError, TrailEvent } from '../../core/model';
import type { EventQuery, QueryOptions, QueryResult } from '../../core/query';
import { readResultPage } from './athenaExecution';
import type { AthenaProgress, AthenaQueryOptions } from './athenaTypes';

/** Counters one pager adds to the query's statistics. */
export interface PagerCounters {
  requests: number;
  retries: number;
  pages: number;
  rows: number;
}

/** What the pager needs from its source. */
export interface PagerContext {
  readonly client: AthenaClient;
  readonly queryExecutionId: string;
  readonly query: EventQuery;
  readonly compiled: CompiledQuery;
  /** GetQueryResults MaxResults (1–1000). */
  readonly pageSize: number;
  readonly region: string;
  readonly counters: PagerCounters;
  /** Remembers where each event's record lives, for the raw-record query. */
  readonly remember: (location: RecordLocation) => void;
  /** Wraps the batch result (adds the Athena run information). */
  readonly finish: (result: QueryResult) => QueryResult;
  /** The finished query's progress, which each page extends with the rows read so far. */
  readonly progress: Omit<AthenaProgress, 'rowsRead' | 'elapsedMs'> & { readonly elapsedMs: number };
}

export class ResultPager {
  private nextToken: string | undefined;
  private done = false;
  private stopped = false;
  private readonly buffer: TrailEvent[] = [];
  private readonly seen = new Set<string>();
  private busy: Promise<QueryResult> = Promise.resolve(undefined as unknown as QueryResult);

  constructor(private readonly ctx: PagerContext) {}

  /** The next batch; concurrent calls wait for the batch in progress. */
  next(options: QueryOptions = {}): Promise<QueryResult> {
    const run = this.busy.then(
      () => this.batch(options),
      () => this.batch(options),
    );
    this.busy = run;
    return run;
  }

  private accept(row: Readonly<Record<string, string | null>>, index: number, errors: NormalizeError[]): TrailEvent | undefined {
    const normalized = normalizeRecord(recordFromRow(row), index);
    if (!normalized.ok) {
      errors.push({ ...normalized.error, error: `Athena row ${index}: ${normalized.error.error}` });
      return undefined;
    }
    const event = normalized.event;
    const { query, compiled } = this.ctx;
    if (this.seen.has(event.id)) return undefined;
    if (!compiled.localFilters.every((f) => matchesAttribute(event, f))) return undefined;
    if (!matchesQueryLocally(event, { local: [] }, query) || !matchesInvestigation(event, compiled.match)) return undefined;
    this.seen.add(event.id);
    const partitions = partitionsOfRow(row);
    this.ctx.remember({
      eventId: event.id,
      time: event.time,
      ...((partitions.account ?? event.account) !== undefined ? { account: partitions.account ?? event.account } : {}),
      ...((partitions.region ?? event.region) ? { region: partitions.region ?? event.region } : {}),
    });
    return event;
  }

  /**
   * A cancel while results page is a stop: Athena is told once (StopQueryExecution, without the
   * aborted signal). The query has finished by then, so its results stay readable for "load more".
   */
  private async stop(): Promise<void> {
    if (this.stopped || this.done) return;
    this.stopped = true;
    this.ctx.counters.requests++;
    await this.ctx.client.send(new StopQueryExecutionCommand({ QueryExecutionId: this.ctx.queryExecutionId })).catch(() => undefined);
  }

  private async batch(options: QueryOptions): Promise<QueryResult> {
    const startedAt = Date.now();
    const limit = Math.max(1, this.ctx.query.maxEvents);
    const { counters } = this.ctx;
    const events = this.buffer.splice(0, limit);
    const errors: NormalizeError[] = [];
    const regionErrors: { region: string; message: string }[] = [];
    const stats = (): QueryResult['stats'] => ({
      events: events.length,
      pages: counters.pages,
      requests: counters.requests,
      throttlesRetried: counters.retries,
      badRecords: errors.length,
      elapsedMs: Date.now() - startedAt,
    });
    const aborted = (): boolean => options.signal?.aborted === true;
    if (events.length > 0) options.onProgress?.(events, stats());
    while (events.length < limit && !this.done && !aborted()) {
      try {
        const page = await readResultPage(this.ctx.client, this.ctx.queryExecutionId, this.ctx.pageSize, this.nextToken, options.signal);
        counters.pages++;
        counters.requests++;
        counters.retries += page.attempts - 1;
        const fresh: TrailEvent[] = [];
        for (const row of page.rows) {
          const event = this.accept(row, counters.rows++, errors);
          if (!event) continue;
          if (events.length < limit) {
            events.push(event);
            fresh.push(event);
          } else this.buffer.push(event);
        }
        this.nextToken = page.nextToken;
        if (page.nextToken === undefined) this.done = true;
        options.onProgress?.(fresh, stats());
        const { progress } = this.ctx;
        (options as AthenaQueryOptions).onAthenaProgress?.({ ...progress, elapsedMs: progress.elapsedMs + Date.now() - startedAt, rowsRead: counters.rows });
      } catch (err) {
        if (aborted()) break;
        // Keep what arrived; "load more" retries the same page.
        regionErrors.push({ region: this.ctx.region, message: `Reading Athena results failed: ${err instanceof Error ? err.message : String(err)}` });
        break;
      }
    }
    const cancelled = aborted();
    if (cancelled) await this.stop();
    const more = this.buffer.length > 0 || !this.done;
    return this.ctx.finish({
      query: this.ctx.query,
      events,
      errors,
      plan: { local: this.ctx.compiled.localFilters },
      stats: stats(),
      cancelled,
      regionErrors,
      ...(more ? { loadMore: (next?: QueryOptions) => this.next(next) } : {}),
    });
  }
}
