/**
 * Trail files on disk as a {@link TrailEventSource}. Files are read one at a time into a compact
 * {@link EventIndex} (only when a query first needs them, or all at once with `indexAll`); queries
 * are answered from the index and only the matching records are read again from their files, with
 * a small cache. Memory therefore grows with the number of events, not with their size.
 */
import { matchesQueryLocally } from '../core/filters';
import type { NormalizeError, TrailEvent } from '../core/model';
import type { EventQuery, QueryOptions, QueryResult, QueryStats, TrailEventSource } from '../core/query';
import { EventIndex } from './eventIndex';
import { matchRows } from './indexQuery';
import { LruCache } from './lruCache';
import { type ArchiveReadItem, eventsOfJson, loadJsonFile, readArchiveEvents } from './readArchiveEvents';
import { type ArchiveFile, type ArchiveProblem, scanArchive } from './scanArchive';
import { mayContainTimeRange } from './trailPath';

/** Progress while files are indexed. */
export interface ArchiveProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly events: number;
}

/** Options for {@link createArchiveEventSource}. */
export interface ArchiveSourceOptions {
  /** Called after each file is indexed (whenever indexing happens, at creation or during a query). */
  readonly onProgress?: (progress: ArchiveProgress) => void;
  /** Stops the scan and eager indexing; files not yet read are read by later queries. */
  readonly signal?: AbortSignal;
  /** Index every file at creation (default false: files are indexed when a query needs them). */
  readonly indexAll?: boolean;
  /**
   * How late a record may be delivered after it happened, in ms (default 2 hours). Files delivered
   * more than this after a query's end are skipped without being opened.
   */
  readonly deliveryLagMs?: number;
  /** How many files' events to keep in memory for re-reads (default 8). */
  readonly cachedFiles?: number;
}

/** Counters that show what the source did (tests assert on them; views may show them). */
export interface ArchiveSourceStats {
  /** Files whose events are in the index. */
  readonly filesIndexed: number;
  /** Times a file was opened, for indexing or re-reading. */
  readonly fileOpens: number;
  readonly events: number;
  readonly badRecords: number;
  /** Approximate bytes of the index's typed columns (interned strings and event ids not counted). */
  readonly indexBytes: number;
}

/** A {@link TrailEventSource} over local trail files and exports. */
export interface ArchiveEventSource extends TrailEventSource {
  readonly kind: 'archive';
  /** Every event file found (log files and exports), in scan order. */
  readonly files: readonly ArchiveFile[];
  /** Digest files found under `CloudTrail-Digest/` (see `digest/validateDigests.ts`). */
  readonly digests: readonly string[];
  /** Paths that could not be used, growing as files are read. Never fatal. */
  readonly problems: readonly ArchiveProblem[];
  /** Paths opened at least once; files skipped by time, region or category are not in it. */
  readonly openedPaths: ReadonlySet<string>;
  stats(): ArchiveSourceStats;
  /** Indexes every file not read yet. */
  indexAll(signal?: AbortSignal): Promise<void>;
  /**
   * The time span the files cover as far as their names tell (delivery times), without opening
   * them; undefined when no file name carries a time. Useful as a query's default range.
   */
  deliverySpan(): { readonly start: number; readonly end: number } | undefined;
}

const DEFAULT_LAG_MS = 2 * 60 * 60 * 1000;
const MAX_RECORD_PROBLEMS_PER_FILE = 5;
/** Files with more events than this are not cached whole (a huge export would defeat the bound). */
const MAX_CACHED_EVENTS_PER_FILE = 20_000;

type FileState = 'pending' | 'indexed' | 'failed';

/** Files re-read at once to build a page of results. */
const PARALLEL_REREADS = 8;

/** Files read ahead while one is being indexed (bounded: each holds one file's events). */
const READ_AHEAD = 3;

/** Readers name the file in their messages; a problem already carries the path, so say it once. */
function withoutPath(message: string, path: string): string {
  if (!message.startsWith(path)) return message;
  const rest = message.slice(path.length).replace(/^[:\s]+/, '');
  return rest.startsWith('is ') || rest.startsWith('line ') ? `File ${rest}` : rest;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * Scans `paths` (files or folders, recursively) and returns a source over them. Never throws for
 * bad files: they are listed in `problems`. Rejects only when `signal` aborts the scan.
 */
export async function createArchiveEventSource(paths: readonly string[], options: ArchiveSourceOptions = {}): Promise<ArchiveEventSource> {
  const scan = await scanArchive(paths, options.signal);
  const source = new FileEventSource(paths, scan.files, scan.digests, [...scan.problems], options);
  if (options.indexAll === true) await source.indexAll(options.signal);
  return source;
}

class FileEventSource implements ArchiveEventSource {
  readonly kind = 'archive';
  readonly label: string;
  readonly openedPaths = new Set<string>();
  private readonly index = new EventIndex();
  private readonly states: FileState[];
  private readonly recordErrors: { readonly fileId: number; readonly error: NormalizeError }[] = [];
  private readonly cache: LruCache<number, Map<number, TrailEvent>>;
  private readonly lagMs: number;
  private fileOpens = 0;
  private indexing: Promise<unknown> = Promise.resolve();
  private filesIndexed = 0;
  private bytesDone = 0;
  private readonly bytesTotal: number;

  constructor(
    paths: readonly string[],
    readonly files: readonly ArchiveFile[],
    readonly digests: readonly string[],
    readonly problems: ArchiveProblem[],
    private readonly options: ArchiveSourceOptions,
  ) {
    this.states = files.map(() => 'pending');
    this.cache = new LruCache(options.cachedFiles ?? 8);
    this.lagMs = options.deliveryLagMs ?? DEFAULT_LAG_MS;
    this.bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    const where = paths.length === 1 ? (paths[0] ?? '') : `${paths.length} paths`;
    this.label = `${where} (${files.length.toLocaleString('en-US')} file${files.length === 1 ? '' : 's'})`;
  }

  stats(): ArchiveSourceStats {
    return {
      filesIndexed: this.filesIndexed,
      fileOpens: this.fileOpens,
      events: this.index.size,
      badRecords: this.recordErrors.length,
      indexBytes: this.index.columnBytes(),
    };
  }

  deliverySpan(): { start: number; end: number } | undefined {
    let start = Infinity;
    let end = -Infinity;
    for (const file of this.files) {
      const t = file.info.deliveredAt;
      if (t === undefined) continue;
      start = Math.min(start, t);
      end = Math.max(end, t);
    }
    // A file holds records from before its delivery; the previous file's delivery bounds them only loosely.
    return Number.isFinite(start) ? { start: start - this.lagMs, end } : undefined;
  }

  async indexAll(signal?: AbortSignal): Promise<void> {
    // A bulk load keeps no events: caching them would only add garbage-collector work.
    await this.indexFiles(this.files, signal, false);
  }

  /** Which files a query may read, judged from their paths only. */
  private selectFiles(query: EventQuery): Uint8Array {
    const allowed = new Uint8Array(this.files.length);
    const regions = new Set(query.regions);
    const wantInsight = query.category === 'insight';
    for (const file of this.files) {
      const { info } = file;
      if (info.kind === 'insight' && !wantInsight) continue;
      if (info.kind === 'log' && wantInsight) continue;
      if (regions.size > 0 && info.region !== undefined && !regions.has(info.region)) continue;
      if (!mayContainTimeRange(info, query.start, query.end, this.lagMs)) continue;
      allowed[file.id] = 1;
    }
    return allowed;
  }

  /** Runs indexing one caller at a time, so two queries never index the same file twice. */
  private indexFiles(files: readonly ArchiveFile[], signal: AbortSignal | undefined, keepEvents: boolean): Promise<void> {
    const run = this.indexing.then(() => this.indexFilesNow(files, signal, keepEvents));
    this.indexing = run.catch(() => undefined);
    return run;
  }

  private async indexFilesNow(files: readonly ArchiveFile[], signal: AbortSignal | undefined, keepEvents: boolean): Promise<void> {
    const aborted = (): boolean => signal?.aborted === true;
    if (aborted()) return;
    const todo = files.filter((file) => this.states[file.id] === 'pending');
    // Read a few files ahead so disk and gunzip (libuv threads) overlap with parsing; rows are
    // still added in file order, so problems and ties come out the same in every run.
    const reads = new Map<number, Promise<Iterable<ArchiveReadItem>>>();
    const start = (i: number): void => {
      const file = todo.at(i);
      if (file === undefined) return;
      this.fileOpens++;
      this.openedPaths.add(file.path);
      // JSON is loaded ahead as text only and parsed lazily while indexing (see loadJsonFile).
      reads.set(i, file.format === 'json' ? loadJsonFile(file.path).then((loaded) => eventsOfJson(file.path, loaded)) : collect(readArchiveEvents(file.path, file.format)));
    };
    for (let i = 0; i < READ_AHEAD; i++) start(i);
    for (const [i, file] of todo.entries()) {
      const items = reads.get(i);
      reads.delete(i);
      if (items === undefined) break;
      if (aborted()) {
        // Let reads in flight settle; their files stay pending for a later query.
        await Promise.allSettled([items, ...reads.values()]);
        return;
      }
      start(i + READ_AHEAD);
      this.indexItems(file, await items, keepEvents);
      this.bytesDone += file.size;
      this.options.onProgress?.({
        filesDone: this.filesIndexed,
        filesTotal: this.files.length,
        bytesDone: this.bytesDone,
        bytesTotal: this.bytesTotal,
        events: this.index.size,
      });
    }
  }

  private indexItems(file: ArchiveFile, items: Iterable<ArchiveReadItem>, keepEvents: boolean): void {
    let recordProblems = 0;
    let events = 0;
    let failed = false;
    // The file just read is the likeliest to be asked for next (a query reads what it indexed).
    let cached: Map<number, TrailEvent> | undefined = keepEvents ? new Map() : undefined;
    for (const item of items) {
      if (item.kind === 'event') {
        this.index.add(item.event, { fileId: file.id, recordIndex: item.index });
        events++;
        if (cached && cached.size < MAX_CACHED_EVENTS_PER_FILE) cached.set(item.index, item.event);
        else cached = undefined;
      } else if (item.kind === 'recordError') {
        const message = withoutPath(item.message, file.path);
        this.recordErrors.push({ fileId: file.id, error: { error: `${file.path}: ${message}`, index: item.index } });
        if (recordProblems++ < MAX_RECORD_PROBLEMS_PER_FILE) this.problems.push({ path: file.path, message: `Record ${item.index}: ${message}` });
      } else {
        failed = true;
        const kept = events > 0 ? ` (${events} event${events === 1 ? '' : 's'} before the damage were kept)` : '';
        this.problems.push({ path: file.path, message: `${withoutPath(item.message, file.path)}${kept}` });
      }
    }
    if (recordProblems > MAX_RECORD_PROBLEMS_PER_FILE) {
      this.problems.push({ path: file.path, message: `…and ${recordProblems - MAX_RECORD_PROBLEMS_PER_FILE} more bad records` });
    }
    if (cached) this.cache.set(file.id, cached);
    this.states[file.id] = failed && events === 0 ? 'failed' : 'indexed';
    this.filesIndexed++;
  }

  /** Reads the events of `recordIndexes` from a file (one pass), using the cache; the caller caches. */
  private async eventsOf(fileId: number, recordIndexes: ReadonlySet<number>): Promise<Map<number, TrailEvent>> {
    const cached = this.cache.get(fileId);
    const missing = cached ? new Set([...recordIndexes].filter((i) => !cached.has(i))) : recordIndexes;
    if (cached && missing.size === 0) return cached;
    const file = this.files[fileId] as ArchiveFile | undefined;
    const events = cached ?? new Map<number, TrailEvent>();
    if (!file) return events;
    this.fileOpens++;
    this.openedPaths.add(file.path);
    // Only the wanted records are normalized; the rest of the file is parsed and dropped.
    for await (const item of readArchiveEvents(file.path, file.format, missing)) {
      if (item.kind === 'event') events.set(item.index, item.event);
    }
    return events;
  }

  async query(query: EventQuery, options: QueryOptions = {}): Promise<QueryResult> {
    const started = Date.now();
    const opensBefore = this.fileOpens;
    const allowed = this.selectFiles(query);
    await this.indexFiles(
      this.files.filter((file) => allowed[file.id] === 1),
      options.signal,
      true,
    );
    const rows = matchRows(this.index, query, allowed);
    const errors = this.recordErrors.filter((entry) => allowed[entry.fileId] === 1).map((entry) => entry.error);
    return this.page(query, rows, 0, new Set(), errors, started, opensBefore, options);
  }

  private async page(
    query: EventQuery,
    rows: Uint32Array,
    offset: number,
    seen: Set<string>,
    errors: readonly NormalizeError[],
    started: number,
    opensBefore: number,
    options: QueryOptions,
  ): Promise<QueryResult> {
    const events: TrailEvent[] = [];
    const plan = { local: query.filters };
    let next = offset;
    // Read candidates in batches grouped by file, so each file is opened once per batch.
    while (next < rows.length && events.length < query.maxEvents && options.signal?.aborted !== true) {
      const batch = rows.subarray(next, Math.min(rows.length, next + Math.max(query.maxEvents - events.length, 16)));
      next += batch.length;
      const byFile = new Map<number, Set<number>>();
      for (const row of batch) {
        const { fileId, recordIndex } = this.index.location(row);
        let set = byFile.get(fileId);
        if (!set) byFile.set(fileId, (set = new Set()));
        set.add(recordIndex);
      }
      const loaded = new Map<number, Map<number, TrailEvent>>();
      // Files are independent: reading them together overlaps disk and gunzip latency.
      const wanted = [...byFile];
      for (let i = 0; i < wanted.length; i += PARALLEL_REREADS) {
        await Promise.all(
          wanted.slice(i, i + PARALLEL_REREADS).map(async ([fileId, indexes]) => {
            loaded.set(fileId, await this.eventsOf(fileId, indexes));
          }),
        );
      }
      // Cache in file order, not completion order, so what stays cached is the same in every run.
      for (const [fileId] of wanted) {
        const events = loaded.get(fileId);
        if (events && events.size <= MAX_CACHED_EVENTS_PER_FILE) this.cache.set(fileId, events);
      }
      const added: TrailEvent[] = [];
      for (let i = 0; i < batch.length; i++) {
        const { fileId, recordIndex } = this.index.location(batch[i] ?? 0);
        const event = loaded.get(fileId)?.get(recordIndex);
        if (!event || seen.has(event.id) || !matchesQueryLocally(event, plan, query)) continue;
        if (events.length >= query.maxEvents) {
          // Keep the remainder for loadMore: rewind to this row.
          next = next - batch.length + i;
          break;
        }
        seen.add(event.id);
        events.push(event);
        added.push(event);
      }
      const stats = this.statsSince(events.length, started, opensBefore, errors.length);
      if (added.length > 0) options.onProgress?.(added, stats);
    }
    const cancelled = options.signal?.aborted === true;
    const more = next < rows.length && !cancelled;
    return {
      query,
      events,
      errors,
      plan,
      stats: this.statsSince(events.length, started, opensBefore, errors.length),
      cancelled,
      regionErrors: [],
      ...(more
        ? { loadMore: (moreOptions?: QueryOptions) => this.page(query, rows, next, seen, [], Date.now(), this.fileOpens, moreOptions ?? {}) }
        : {}),
    };
  }

  private statsSince(events: number, started: number, opensBefore: number, badRecords: number): QueryStats {
    return { events, pages: this.fileOpens - opensBefore, requests: 0, throttlesRetried: 0, badRecords, elapsedMs: Date.now() - started };
  }
}
