/**
 * Local trail files through the store: a folder is indexed once, reopened instantly (a scan of
 * names, sizes and mtimes, no file opened), and re-read only for files whose size or mtime
 * changed. Same interface as the in-memory {@link ArchiveEventSource}, so views switch by one call.
 */
import { resolve } from 'node:path';
import type { EventQuery, QueryOptions, QueryResult } from '../../core/query';
import type { ArchiveEventSource, ArchiveProgress, ArchiveSourceStats } from '../archiveEventSource';
import { type ArchiveFile, type ArchiveProblem, scanArchive } from '../scanArchive';
import { mayContainTimeRange } from '../trailPath';
import { compareNewestFirst } from '../../core/eventOrder';
import { type EventProvenance, type FileIntegrity, type IntegrityIndex, provenanceOf } from '../../core/provenance';
import type { TrailEvent } from '../../core/model';
import { ingestFiles } from './ingest';
import { createParserPool } from './parserPool';
import { needleOf } from './scanMatches';
import { storedPage } from './storedResult';
import type { StoredFile, TrailStore } from './trailStore';

/** Options for {@link openStoredFolder}. */
export interface StoredFolderOptions {
  readonly store: TrailStore;
  readonly onProgress?: (progress: ArchiveProgress) => void;
  readonly signal?: AbortSignal;
  /** Index every pending file at open (default false: when a query first needs them). */
  readonly indexAll?: boolean;
  /** How late a record may be delivered after it happened (default 2 h), for skipping files by name. */
  readonly deliveryLagMs?: number;
}

const DEFAULT_LAG_MS = 2 * 60 * 60 * 1000;
const MAX_RECORD_PROBLEMS_PER_FILE = 5;
/** Files asked of the parser threads at once by a first answer: enough that a thread never waits for the next batch. */
const SCAN_LANES = 32;

/** The store's locator of a set of opened paths. */
export function folderLocator(paths: readonly string[]): string {
  return `folder:${[...new Set(paths.map((p) => resolve(p)))].sort().join('\n')}`;
}

/** Scans `paths` and returns a store-backed source over them (files read only when a query needs them). */
export async function openStoredFolder(paths: readonly string[], options: StoredFolderOptions): Promise<ArchiveEventSource> {
  const scan = await scanArchive(paths.map((p) => resolve(p)), options.signal);
  const source = new StoredFolderSource(paths, scan.files, scan.digests, [...scan.problems], options);
  if (options.indexAll === true) await source.indexAll(options.signal);
  return source;
}

class StoredFolderSource implements ArchiveEventSource {
  readonly kind = 'archive';
  readonly label: string;
  readonly openedPaths = new Set<string>();
  private readonly store: TrailStore;
  private readonly sourceId: number;
  private readonly stored: StoredFile[];
  private readonly lagMs: number;
  private fileOpens = 0;
  private indexing: Promise<unknown> = Promise.resolve();
  private integrityIndex: IntegrityIndex | undefined;
  readonly roots: readonly string[];
  /** Stored file id → the scanned file (for events' origin). */
  private readonly byStoredId = new Map<number, ArchiveFile>();

  constructor(
    paths: readonly string[],
    readonly files: readonly ArchiveFile[],
    readonly digests: readonly string[],
    readonly problems: ArchiveProblem[],
    private readonly options: StoredFolderOptions,
  ) {
    this.store = options.store;
    this.lagMs = options.deliveryLagMs ?? DEFAULT_LAG_MS;
    this.roots = paths.map((p) => resolve(p));
    this.sourceId = this.store.sourceId(folderLocator(paths), 'folder');
    const known = new Map(this.store.files(this.sourceId).map((f) => [f.key, f]));
    this.stored = this.store.transaction(() =>
      files.map((file) => {
        known.delete(file.path);
        return this.store.upsertFile(this.sourceId, {
          key: file.path,
          size: file.size,
          ...(file.mtimeMs !== undefined ? { mtime: file.mtimeMs } : {}),
          kind: file.info.kind,
          format: file.format,
          ...(file.info.account !== undefined ? { account: file.info.account } : {}),
          ...(file.info.region !== undefined ? { region: file.info.region } : {}),
          ...(file.info.deliveredAt !== undefined ? { deliveredAt: file.info.deliveredAt } : {}),
        });
      }),
    );
    this.stored.forEach((stored, i) => {
      const file = files.at(i);
      if (file) this.byStoredId.set(stored.id, file);
    });
    this.integrityIndex = this.storedIntegrity();
    // Files gone from disk leave the store with their events.
    if (known.size > 0) this.store.removeFiles([...known.values()].map((f) => f.id));
    for (const file of this.stored) if (file.problem !== undefined) this.problems.push({ path: file.key, message: file.problem });
    this.addRecordProblems(this.store.recordErrors(this.sourceId));
    const where = paths.length === 1 ? (paths[0] ?? '') : `${paths.length} paths`;
    this.label = `${where} (${files.length.toLocaleString('en-US')} file${files.length === 1 ? '' : 's'})`;
  }

  private addRecordProblems(errors: readonly { key: string; index: number; message: string }[]): void {
    const perFile = new Map<string, number>();
    for (const error of errors) {
      const n = (perFile.get(error.key) ?? 0) + 1;
      perFile.set(error.key, n);
      if (n <= MAX_RECORD_PROBLEMS_PER_FILE) this.problems.push({ path: error.key, message: `Record ${error.index}: ${error.message}` });
    }
    for (const [key, n] of perFile) if (n > MAX_RECORD_PROBLEMS_PER_FILE) this.problems.push({ path: key, message: `…and ${n - MAX_RECORD_PROBLEMS_PER_FILE} more bad records` });
  }

  /**
   * A first query over files never read: answered by a text search in parallel threads (only the
   * records holding the query's literal are parsed), then the files are indexed in the background;
   * "load more" and later queries come from the store.
   */
  private async answerFirst(query: EventQuery, wanted: readonly number[], needle: string, options: QueryOptions, started: number): Promise<QueryResult> {
    const pool = createParserPool();
    const matches: TrailEvent[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < wanted.length && options.signal?.aborted !== true) {
        const file = this.files[wanted[next++] ?? 0];
        const found = await pool.scan(file.path, file.format, query, needle);
        for (const event of found) matches.push(file.key !== undefined && event.origin ? { ...event, origin: { ...event.origin, key: file.key } } : event);
      }
    };
    try {
      await Promise.all(Array.from({ length: SCAN_LANES }, lane));
    } finally {
      await pool.close();
    }
    const seen = new Set<string>();
    const events = matches.sort(compareNewestFirst).filter((e) => !seen.has(e.id) && Boolean(seen.add(e.id)));
    const page = events.slice(0, Math.max(1, query.maxEvents));
    const shown = new Set(page.map((e) => e.id));
    // Index now; the answer does not wait for it.
    const indexed = this.indexFiles(wanted, undefined);
    indexed.catch(() => undefined);
    const stats = { events: page.length, pages: 0, requests: 0, throttlesRetried: 0, badRecords: 0, elapsedMs: Date.now() - started };
    if (page.length > 0) options.onProgress?.(page, stats);
    const cancelled = options.signal?.aborted === true;
    return {
      query,
      events: page,
      errors: [],
      plan: { local: query.filters },
      stats,
      cancelled,
      regionErrors: [],
      ...(page.length < events.length && !cancelled
        ? {
            loadMore: async (more?: QueryOptions) => {
              await indexed;
              return storedPage(this.store, this.sourceId, query, 0, shown, { started: Date.now(), errors: [], requests: 0, pages: 0, originOf: this.originOf }, more);
            },
          }
        : {}),
    };
  }

  /** The integrity a previous validation recorded, if the files did not change since. */
  private storedIntegrity(): IntegrityIndex | undefined {
    const index: Record<string, FileIntegrity> = {};
    for (const file of this.stored) {
      if (file.integrity === undefined) continue;
      const detail = this.store.integrityDetail(file.id);
      if (detail !== undefined) index[file.key] = detail as FileIntegrity;
    }
    return Object.keys(index).length > 0 ? index : undefined;
  }

  integrity(): IntegrityIndex | undefined {
    return this.integrityIndex;
  }

  /** Keeps validation results, in the store too: a reopened folder still shows them (until a file changes). */
  setIntegrity(index: IntegrityIndex | undefined): void {
    this.integrityIndex = index;
    this.store.transaction(() => {
      for (const file of this.stored) {
        const entry = index === undefined || !Object.hasOwn(index, file.key) ? undefined : index[file.key];
        if (entry) this.store.setIntegrity(file.id, entry.status, JSON.stringify(entry));
        else this.store.clearIntegrity(file.id);
      }
    });
  }

  provenanceOf(event: TrailEvent): EventProvenance | undefined {
    return provenanceOf(event, this.integrityIndex);
  }

  private originOf = (row: { fileId: number; recordIndex: number }): TrailEvent['origin'] => {
    const file = this.byStoredId.get(row.fileId);
    return file ? { file: file.path, ...(file.key !== undefined ? { key: file.key } : {}), recordIndex: row.recordIndex } : undefined;
  };

  stats(): ArchiveSourceStats {
    const indexed = this.stored.filter((f) => f.state !== 'pending');
    const events = indexed.reduce((sum, f) => sum + f.events, 0);
    return { filesIndexed: indexed.length, fileOpens: this.fileOpens, events, badRecords: 0, indexBytes: 0 };
  }

  deliverySpan(): { start: number; end: number } | undefined {
    const times = this.files.map((f) => f.info.deliveredAt).filter((t): t is number => t !== undefined);
    if (times.length === 0) return undefined;
    return { start: Math.min(...times) - this.lagMs, end: Math.max(...times) };
  }

  indexAll(signal?: AbortSignal): Promise<void> {
    return this.indexFiles(this.files.map((f) => f.id), signal);
  }

  private wanted(query: EventQuery): number[] {
    const regions = new Set(query.regions);
    const wantInsight = query.category === 'insight';
    return this.files
      .filter(({ info }) => {
        if (info.kind === 'insight' && !wantInsight) return false;
        if (info.kind === 'log' && wantInsight) return false;
        if (regions.size > 0 && info.region !== undefined && !regions.has(info.region)) return false;
        return mayContainTimeRange(info, query.start, query.end, this.lagMs);
      })
      .map((f) => f.id);
  }

  /** One indexing run at a time, so two queries never read the same file twice. */
  private indexFiles(ids: readonly number[], signal: AbortSignal | undefined): Promise<void> {
    const run = this.indexing.then(() => this.indexNow(ids, signal));
    this.indexing = run.catch(() => undefined);
    return run;
  }

  private async indexNow(ids: readonly number[], signal: AbortSignal | undefined): Promise<void> {
    const todo = ids.filter((id) => this.stored[id]?.state === 'pending');
    if (todo.length === 0) return;
    const items = todo.map((id) => {
      const file = this.files[id];
      const stored = this.stored[id];
      return {
        file: stored,
        format: file.format,
        input: () => {
          this.fileOpens++;
          this.openedPaths.add(file.path);
          return Promise.resolve(file.path);
        },
      };
    });
    const byKey = new Map(todo.map((id) => [this.files[id]?.path ?? '', id]));
    await ingestFiles(this.store, this.sourceId, items, {
      ...(signal ? { signal } : {}),
      onFile: (file, outcome) => {
        const id = byKey.get(file.key);
        if (id !== undefined) this.stored[id] = { ...file, state: outcome.problem !== undefined && outcome.events === 0 ? 'failed' : 'indexed', events: outcome.events };
        if (outcome.problem !== undefined) this.problems.push({ path: file.key, message: outcome.events > 0 ? `${outcome.problem} (${outcome.events} event${outcome.events === 1 ? '' : 's'} before the damage were kept)` : outcome.problem });
        this.addRecordProblems(outcome.recordErrors.map((e) => ({ key: file.key, ...e })));
      },
      onProgress: (p) => {
        this.options.onProgress?.({ ...p, filesTotal: this.files.length });
      },
    });
  }

  async query(query: EventQuery, options: QueryOptions = {}): Promise<QueryResult> {
    const started = Date.now();
    const opensBefore = this.fileOpens;
    const wanted = this.wanted(query);
    const needle = needleOf(query);
    if (needle !== undefined && wanted.length > 1 && wanted.every((id) => this.stored[id]?.state === 'pending')) return this.answerFirst(query, wanted, needle, options, started);
    await this.indexFiles(wanted, options.signal);
    const errors = this.store.recordErrors(this.sourceId).map((e) => ({ error: `${e.key}: ${e.message}`, index: e.index }));
    return storedPage(this.store, this.sourceId, query, 0, new Set(), { started, errors, requests: 0, pages: this.fileOpens - opensBefore, originOf: this.originOf }, options);
  }
}
