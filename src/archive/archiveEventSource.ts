/**
 * Trail files on disk as a {@link TrailEventSource}. Files are read one at a time into a compact
 * {@link EventIndex} (only when a query first needs them, or all at once with `indexAll`); queries
 * are answered from the index and only the matching records are read again from their files, with
 * a small cache. Memory therefore grows with the number of events, not with their size.
 */
import { matchesQueryLocally } from '../core/filters';
import type { NormalizeError, TrailEvent } from '../core/model';
import { type EventProvenance, type IntegrityIndex, provenanceOf } from '../core/provenance';
import type { EventQuery, QueryOptions, QueryResult, QueryStats } from '../core/query';
import type { ArchiveEventSource, ArchiveSourceOptions, ArchiveSourceStats } from './archiveSourceTypes';
import { EventIndex } from './eventIndex';
import { matchRows } from './indexQuery';
import { LruCache } from './lruCache';
import { withoutPath } from './problemText';
import { type ArchiveReadItem, readArchiveEventBatches, readArchiveEvents, readArchiveTextBatches } from './readArchiveEvents';
import { PREFETCH_MAX_BYTES } from './prefetchText';
import { type AheadRead, arrivedOrReadHere, askAhead, createReadAhead } from './readAhead';
import { openRecordFile } from './recordFile';
import { type ArchiveFile, type ArchiveProblem, scanArchive } from './scanArchive';
import { mayContainTimeRange } from './trailPath';

export type { ArchiveEventSource, ArchiveProgress, ArchiveSourceOptions, ArchiveSourceStats } from './archiveSourceTypes';

const DEFAULT_LAG_MS = 2 * 60 * 60 * 1000;
const MAX_RECORD_PROBLEMS_PER_FILE = 5;
/** Files with more events than this are not cached whole (a huge export would defeat the bound). */
const MAX_CACHED_EVENTS_PER_FILE = 20_000;
const DEFAULT_CACHED_BYTES = 64 * 1024 * 1024;
/** Bytes on disk of the small files asked for ahead in one group (their texts wait in memory). */
const AHEAD_BYTES = 8 * 1024 * 1024;

/** Events kept for re-reads, with the raw bytes they came from (the cache's weight). */
interface CachedEvents {
  readonly events: Map<number, TrailEvent>;
  bytes: number;
}

type FileState = 'pending' | 'indexed' | 'failed';

/** Files re-read at once to build a page of results. */
const PARALLEL_REREADS = 8;

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

/** The running state of one file while it is indexed. */
class FileIndexing {
  events = 0;
  recordProblems = 0;
  failed = false;
  /** The file just read is the likeliest to be asked for next (a query reads what it indexed). */
  cached: CachedEvents | undefined;

  constructor(
    readonly file: ArchiveFile,
    keepEvents: boolean,
  ) {
    this.cached = keepEvents ? { events: new Map(), bytes: 0 } : undefined;
  }
}

class FileEventSource implements ArchiveEventSource {
  readonly kind = 'archive';
  readonly label: string;
  readonly openedPaths = new Set<string>();
  private readonly index = new EventIndex();
  private readonly states: FileState[];
  private readonly recordErrors: { readonly fileId: number; readonly error: NormalizeError }[] = [];
  private readonly cache: LruCache<number, CachedEvents>;
  private readonly lagMs: number;
  private fileOpens = 0;
  private indexing: Promise<unknown> = Promise.resolve();
  private filesIndexed = 0;
  private bytesDone = 0;
  private readonly bytesTotal: number;
  private integrityIndex: IntegrityIndex | undefined;

  constructor(
    readonly roots: readonly string[],
    readonly files: readonly ArchiveFile[],
    readonly digests: readonly string[],
    readonly problems: ArchiveProblem[],
    private readonly options: ArchiveSourceOptions,
  ) {
    this.states = files.map(() => 'pending');
    this.cache = new LruCache(options.cachedFiles ?? 8, options.cachedBytes ?? DEFAULT_CACHED_BYTES);
    this.lagMs = options.deliveryLagMs ?? DEFAULT_LAG_MS;
    this.bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    const where = roots.length === 1 ? (roots[0] ?? '') : `${roots.length} paths`;
    this.label = `${where} (${files.length.toLocaleString('en-US')} file${files.length === 1 ? '' : 's'})`;
  }

  integrity(): IntegrityIndex | undefined {
    return this.integrityIndex;
  }

  setIntegrity(index: IntegrityIndex | undefined): void {
    this.integrityIndex = index;
  }

  provenanceOf(event: TrailEvent): EventProvenance | undefined {
    return provenanceOf(event, this.integrityIndex);
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

  private readOptions(signal: AbortSignal | undefined): { maxInflatedBytes?: number; maxRecordBytes?: number; signal?: AbortSignal } {
    const { maxInflatedBytes, maxRecordBytes } = this.options;
    return { ...(maxInflatedBytes !== undefined ? { maxInflatedBytes } : {}), ...(maxRecordBytes !== undefined ? { maxRecordBytes } : {}), ...(signal ? { signal } : {}) };
  }

  /** The file's events in batches, from `bytes` already read, else from disk; `indexOnly` when none is kept to be shown. */
  private batchesOf(file: ArchiveFile, bytes: Buffer | undefined, indexOnly: boolean): AsyncGenerator<ArchiveReadItem[]> {
    const options = { ...this.readOptions(undefined), indexOnly };
    return bytes ? readArchiveTextBatches(bytes, file.path, file.format, options) : readArchiveEventBatches(openRecordFile(file.path, file.size), file.path, file.format, options);
  }

  private async indexFilesNow(files: readonly ArchiveFile[], signal: AbortSignal | undefined, keepEvents: boolean): Promise<void> {
    const aborted = (): boolean => signal?.aborted === true;
    const todo = files.filter((file) => this.states[file.id] === 'pending');
    // Small files are read a few ahead (their disk reads and gunzip overlap with indexing the
    // current one; each holds at most one small file's events). Large files stream one at a
    // time with one chunk and one record in memory: gunzip runs on libuv's threads meanwhile.
    // With many small files a worker thread reads and inflates them (readAhead.ts).
    const ahead = new Map<number, AheadRead>();
    const reader = createReadAhead(todo.reduce((n, file) => n + (file.size <= PREFETCH_MAX_BYTES ? 1 : 0), 0));
    // Files [0, asked) were asked for. Asked in groups (a thread gets one message per group), once
    // half of those ahead were indexed, while their bytes on disk stay under AHEAD_BYTES.
    let asked = 0;
    const prefetch = (i: number): void => {
      if (asked > i + Math.floor(reader.ahead / 2)) return;
      for (let bytes = 0; asked < todo.length && asked <= i + reader.ahead && bytes < AHEAD_BYTES; asked++) {
        const file = todo[asked];
        if (file.size > PREFETCH_MAX_BYTES) continue;
        // Only bytes wait in memory, never parsed events (they would cost the garbage collector more).
        ahead.set(asked, askAhead(reader, file.path, file.size, this.options.maxInflatedBytes));
        bytes += file.size;
      }
    };
    try {
      for (const [i, file] of todo.entries()) {
        // Cancelled: the files not reached stay pending for a later query.
        if (aborted()) return;
        prefetch(i);
        this.fileOpens++;
        this.openedPaths.add(file.path);
        const indexing = new FileIndexing(file, keepEvents);
        const read = ahead.get(i);
        ahead.delete(i);
        const bytes = read && (await arrivedOrReadHere(reader, read, file.path, file.size, this.options.maxInflatedBytes));
        for await (const batch of this.batchesOf(file, bytes, !keepEvents)) this.indexItems(indexing, batch);
        this.finishFile(indexing);
        this.bytesDone += file.size;
        this.options.onProgress?.({
          filesDone: this.filesIndexed,
          filesTotal: this.files.length,
          bytesDone: this.bytesDone,
          bytesTotal: this.bytesTotal,
          events: this.index.size,
        });
      }
    } finally {
      // Stop the reader (it answers the reads in flight itself), then let them settle.
      await reader.close();
      await Promise.allSettled([...ahead.values()].map((read) => read.text));
    }
  }

  private indexItems(state: FileIndexing, items: Iterable<ArchiveReadItem>): void {
    const { file } = state;
    for (const item of items) {
      if (item.kind === 'event') {
        this.index.add(item.event, { fileId: file.id, recordIndex: item.index });
        state.events++;
        const cached = state.cached;
        if (cached && cached.events.size < MAX_CACHED_EVENTS_PER_FILE) {
          cached.events.set(item.index, item.event);
          cached.bytes += item.bytes;
        } else state.cached = undefined;
      } else if (item.kind === 'recordError') {
        const message = withoutPath(item.message, file.path);
        this.recordErrors.push({ fileId: file.id, error: { error: `${file.path}: ${message}`, index: item.index } });
        if (state.recordProblems++ < MAX_RECORD_PROBLEMS_PER_FILE) this.problems.push({ path: file.path, message: `Record ${item.index}: ${message}` });
      } else {
        state.failed = true;
        const kept = state.events > 0 ? ` (${state.events} event${state.events === 1 ? '' : 's'} before the damage were kept)` : '';
        this.problems.push({ path: file.path, message: `${withoutPath(item.message, file.path)}${kept}` });
      }
    }
  }

  private finishFile(state: FileIndexing): void {
    const { file } = state;
    if (state.recordProblems > MAX_RECORD_PROBLEMS_PER_FILE) {
      this.problems.push({ path: file.path, message: `…and ${state.recordProblems - MAX_RECORD_PROBLEMS_PER_FILE} more bad records` });
    }
    if (state.cached) this.cache.set(file.id, state.cached, state.cached.bytes);
    this.states[file.id] = state.failed && state.events === 0 ? 'failed' : 'indexed';
    this.filesIndexed++;
  }

  /** Reads the events of `recordIndexes` from a file (one pass), using the cache; the caller caches. */
  private async eventsOf(fileId: number, recordIndexes: ReadonlySet<number>): Promise<CachedEvents> {
    const cached = this.cache.get(fileId);
    const missing = cached ? new Set([...recordIndexes].filter((i) => !cached.events.has(i))) : recordIndexes;
    if (cached && missing.size === 0) return cached;
    const file = this.files[fileId] as ArchiveFile | undefined;
    const entry = cached ?? { events: new Map<number, TrailEvent>(), bytes: 0 };
    if (!file) return entry;
    this.fileOpens++;
    this.openedPaths.add(file.path);
    // Only the wanted records are parsed and normalized; the others are framed and skipped.
    for await (const item of readArchiveEvents(file.path, file.format, missing, this.readOptions(undefined), file.size)) {
      if (item.kind !== 'event') continue;
      entry.events.set(item.index, item.event);
      entry.bytes += item.bytes;
    }
    return entry;
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
      const loaded = new Map<number, CachedEvents>();
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
        const entry = loaded.get(fileId);
        if (entry && entry.events.size <= MAX_CACHED_EVENTS_PER_FILE) this.cache.set(fileId, entry, entry.bytes);
      }
      const added: TrailEvent[] = [];
      for (let i = 0; i < batch.length; i++) {
        const { fileId, recordIndex } = this.index.location(batch[i] ?? 0);
        const read = loaded.get(fileId)?.events.get(recordIndex);
        if (!read || seen.has(read.id) || !matchesQueryLocally(read, plan, query)) continue;
        const file = this.files[fileId] as ArchiveFile | undefined;
        // Provenance: which file (by path and S3 key) and record the event came from.
        const event: TrailEvent = file ? { ...read, origin: { file: file.path, ...(file.key !== undefined ? { key: file.key } : {}), recordIndex } } : read;
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
