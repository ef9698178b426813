/**
 * A trail bucket as a {@link TrailEventSource}, read straight from S3 through the store: the
 * layout is discovered once (a few delimiter listings) and remembered; a query lists only the day
 * folders of the accounts and regions it needs, downloads only objects the store has not seen
 * (bounded parallel GETs, each cached by bucket + key + ETag), and answers from the store. A
 * reopen sends no request; `refresh()` lists only what is newer than the last key seen per day.
 */
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryOptions, QueryResult, TrailEventSource } from '../../core/query';
import { awsLogsKey } from '../objectKey';
import type { ObjectCache } from '../store/objectCache';
import type { KeptCopy } from '../store/objectPack';
import type { ParserPool } from '../store/parserPool';
import { type IngestItem, IngestQueue, ingestFiles } from '../store/ingest';
import type { ObjectFetchPlan } from '../store/remoteObjects';
import { storedPage } from '../store/storedResult';
import type { StoredFile, TrailStore } from '../store/trailStore';
import type { ArchiveProblem } from '../scanArchive';
import { mayContainTimeRange, parseTrailPath } from '../trailPath';
import { type BucketLayout, dayPrefixes, discoverLayout } from './bucketLayout';
import { RequestSlots } from './requestSlots';
import { ObjectAccessDenied } from '../../core/objectStoreErrors';
import type { TrailObjectStore } from './objectStore';

/** Progress while a query lists and reads the bucket. */
export interface BucketProgress {
  readonly phase: 'layout' | 'listing' | 'reading';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly events: number;
  /** S3 requests sent by this source so far. */
  readonly requests: number;
}

/**
 * Requests in flight at once by default. S3 is not paced like LookupEvents (thousands of GETs per
 * second per prefix). Each lane waits ~20 ms for S3's first byte and then for a parser thread, so
 * lanes, not CPU, set the pace of small trail objects: measured on 12,000 objects (bench:bucket, two
 * cores), 32 lanes took 14.3–14.6 s, 64 lanes 10.2–11.9 s, 96 lanes 8.3–9.8 s. 64 stays well inside
 * the S3 client's 64 sockets per thread.
 */
export const DEFAULT_PARALLEL_REQUESTS = 64;

/**
 * Day folders listed at once. Downloads start as soon as the first folders are listed, so a few
 * listings keep far ahead of them (one listing names ~100 objects, each download one), and the
 * rest of the requests in flight go to downloads.
 */
const LIST_PARALLEL = 8;

/** Options for {@link openTrailBucket}. */
export interface TrailBucketOptions {
  readonly store: TrailStore;
  readonly cache: ObjectCache;
  readonly s3: TrailObjectStore;
  /** `s3://bucket[/prefix/]`. */
  readonly bucket: string;
  readonly prefix: string;
  /** GETs (and listings) in flight at once; default {@link DEFAULT_PARALLEL_REQUESTS}. */
  readonly parallel?: number;
  /** How late a record may be delivered after it happened (default 2 h). */
  readonly deliveryLagMs?: number;
  readonly onProgress?: (progress: BucketProgress) => void;
  readonly pool?: ParserPool;
  readonly signal?: AbortSignal;
  /** The current time (tests pin it); default `Date.now`. */
  readonly now?: () => number;
  /** Only these accounts' prefixes are listed and read (default: every account of the layout). */
  readonly accounts?: readonly string[];
}

/** The source; `problems` lists denied prefixes and unreadable objects (never fatal). */
export interface TrailBucketSource extends TrailEventSource {
  readonly kind: 'archive';
  readonly location: string;
  readonly layout: BucketLayout;
  readonly problems: readonly ArchiveProblem[];
  /** Requests and bytes sent by this source since it was opened. */
  stats(): { readonly requests: number; readonly bytes: number; readonly objectsRead: number };
  /** Lists again the day folders that can still grow (after their last key only), on the next query. */
  refresh(): void;
  /** Answers from what the store already holds: no listing, no download, no request. */
  queryStored(query: EventQuery, options?: QueryOptions): Promise<QueryResult>;
}

const DEFAULT_LAG_MS = 2 * 60 * 60 * 1000;

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Opens a bucket: its layout from the store, or discovered now. */
export async function openTrailBucket(options: TrailBucketOptions): Promise<TrailBucketSource> {
  const location = `s3://${options.bucket}/${options.prefix}`;
  const sourceId = options.store.sourceId(location, 's3');
  let layout = options.store.sourceState(sourceId) as BucketLayout | undefined;
  if (layout?.bucket !== options.bucket) {
    options.onProgress?.({ phase: 'layout', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, events: 0, requests: options.s3.counters.requests });
    layout = await discoverLayout(options.s3, options.bucket, options.prefix, options.signal);
    options.store.setSourceState(sourceId, layout);
  }
  return new BucketSource(options, location, sourceId, layout);
}

class BucketSource implements TrailBucketSource {
  readonly kind = 'archive';
  readonly label: string;
  readonly problems: ArchiveProblem[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly lagMs: number;
  private readonly requestsAtOpen: number;
  private readonly bytesAtOpen: number;
  private refreshing = false;
  private objectsRead = 0;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: TrailBucketOptions,
    readonly location: string,
    private readonly sourceId: number,
    readonly layout: BucketLayout,
  ) {
    this.lagMs = options.deliveryLagMs ?? DEFAULT_LAG_MS;
    this.requestsAtOpen = options.s3.counters.requests;
    this.bytesAtOpen = options.s3.counters.bytes;
    for (const file of options.store.files(sourceId)) {
      this.files.set(file.key, file);
      if (file.problem !== undefined) this.problems.push({ path: `s3://${layout.bucket}/${file.key}`, message: file.problem });
    }
    for (const d of layout.denied) this.problems.push({ path: `s3://${layout.bucket}/${d.prefix}`, message: d.message });
    const regions = new Set(layout.accounts.flatMap((a) => a.regions));
    this.label = `${location} (${layout.accounts.length} account${layout.accounts.length === 1 ? '' : 's'}, ${regions.size} region${regions.size === 1 ? '' : 's'})`;
  }

  stats(): { requests: number; bytes: number; objectsRead: number } {
    return { requests: this.options.s3.counters.requests - this.requestsAtOpen, bytes: this.options.s3.counters.bytes - this.bytesAtOpen, objectsRead: this.objectsRead };
  }

  refresh(): void {
    this.refreshing = true;
  }

  private progress(phase: BucketProgress['phase'], p: Partial<BucketProgress> = {}): void {
    this.options.onProgress?.({ phase, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, events: 0, ...p, requests: this.options.s3.counters.requests - this.requestsAtOpen });
  }

  /** The day prefixes a query needs, per account and region. */
  private prefixesFor(query: EventQuery): { prefix: string; dayEnd: number }[] {
    const wanted = new Set(query.regions);
    const kind = query.category === 'insight' ? 'CloudTrail-Insight' : 'CloudTrail';
    const accounts = this.options.accounts === undefined ? undefined : new Set(this.options.accounts);
    return this.layout.accounts.filter((account) => accounts === undefined || accounts.has(account.account)).flatMap((account) =>
      (query.category === 'insight' ? account.insightRegions : account.regions)
        .filter((region) => wanted.size === 0 || wanted.has(region))
        .flatMap((region) => dayPrefixes(`${account.prefix}${kind}/${region}/`, query.start, query.end, this.lagMs)),
    );
  }

  /**
   * Lists the day folders not listed yet (or still growing, on a refresh). `onListed` gets each
   * folder's files in the order of `days`, as soon as it and every folder before it are listed, so
   * reading can start while the listing goes on and files still come in the same order every run.
   */
  private async list(days: readonly { prefix: string; dayEnd: number }[], signal: AbortSignal | undefined, slots: RequestSlots, onListed: (files: StoredFile[]) => void): Promise<void> {
    const { store, s3 } = this.options;
    const bucket = this.layout.bucket;
    const todo = days.filter(({ prefix }) => {
      const known = store.listing(this.sourceId, prefix);
      return known === undefined || (this.refreshing && !known.complete);
    });
    let done = 0;
    const aborted = (): boolean => signal?.aborted === true;
    const listed: (StoredFile[] | undefined)[] = todo.map(() => undefined);
    let handedOver = 0;
    const handOver = (at: number, files: StoredFile[]): void => {
      listed[at] = files;
      for (; handedOver < todo.length && listed[handedOver] !== undefined; handedOver++) {
        onListed(listed[handedOver] ?? []);
        listed[handedOver] = [];
      }
    };
    await eachLimited(todo.map((day, at) => ({ ...day, at })), Math.min(LIST_PARALLEL, slots.limit), async ({ prefix, dayEnd, at }) => {
      const files: StoredFile[] = [];
      if (aborted()) {
        handOver(at, files);
        return;
      }
      const known = store.listing(this.sourceId, prefix);
      const listedAt = (this.options.now ?? Date.now)();
      try {
        const release = await slots.acquire(signal);
        const objects = await s3.listAll(bucket, prefix, known?.lastKey, signal).finally(release);
        store.transaction(() => {
          for (const object of objects) {
            const info = parseTrailPath(object.key);
            if (info.kind !== 'log' && info.kind !== 'insight') continue;
            const file = store.upsertFile(this.sourceId, {
              key: object.key,
              size: object.size,
              etag: object.etag,
              kind: info.kind,
              format: 'json',
              ...(info.account !== undefined ? { account: info.account } : {}),
              ...(info.region !== undefined ? { region: info.region } : {}),
              ...(info.deliveredAt !== undefined ? { deliveredAt: info.deliveredAt } : {}),
            });
            this.files.set(file.key, file);
            files.push(file);
          }
          // A day is final once it is over and late deliveries had time to land.
          store.setListing(this.sourceId, prefix, objects.at(-1)?.key ?? known?.lastKey, listedAt > dayEnd + this.lagMs);
        });
      } catch (err) {
        if (aborted()) return;
        const message = err instanceof ObjectAccessDenied ? err.message : `Cannot list: ${err instanceof Error ? err.message : String(err)}`;
        this.problems.push({ path: `s3://${bucket}/${prefix}`, message });
      }
      this.progress('listing', { filesDone: ++done, filesTotal: todo.length });
      handOver(at, files);
    });
    this.refreshing = false;
  }

  /**
   * Lists the day folders `days` and reads the pending objects in them that may hold the query's
   * time range: the objects listed earlier first (in key order), then each folder's as soon as it is
   * listed, so downloads start while the listing goes on.
   */
  private async listAndRead(query: EventQuery, days: readonly { prefix: string; dayEnd: number }[], signal: AbortSignal | undefined): Promise<void> {
    const { s3, cache } = this.options;
    const bucket = this.layout.bucket;
    const prefixes = new Set(days.map((d) => d.prefix));
    const wantKind = query.category === 'insight' ? 'insight' : 'log';
    const queued = new Set<string>();
    const wanted = (file: StoredFile): boolean => {
      if (file.state !== 'pending' || file.kind !== wantKind || queued.has(file.key)) return false;
      if (!prefixes.has(file.key.slice(0, file.key.lastIndexOf('/') + 1))) return false;
      return mayContainTimeRange({ kind: 'log', ...(file.deliveredAt !== undefined ? { deliveredAt: file.deliveredAt } : {}) }, query.start, query.end, this.lagMs);
    };
    let cachedNow: ReadonlySet<string> | undefined;
    let plan: ObjectFetchPlan | undefined;
    const queue = new IngestQueue();
    const slots = new RequestSlots(this.options.parallel ?? DEFAULT_PARALLEL_REQUESTS);
    const enqueue = (files: readonly StoredFile[]): void => {
      const fresh = files.filter(wanted).sort((a, b) => (a.key < b.key ? -1 : 1));
      if (fresh.length === 0) return;
      for (const file of fresh) queued.add(file.key);
      // Asked once, when the first object is to be read.
      const cached = (cachedNow ??= cache.cachedKeys(bucket));
      plan ??= s3.fetchPlan?.();
      queue.push(...fresh.map((file) => this.item(file, cached, plan, slots)));
    };
    enqueue([...this.files.values()]);
    const reading = this.read(queue, signal);
    try {
      await this.list(days, signal, slots, enqueue);
    } finally {
      queue.close();
      await reading;
    }
  }

  private item(file: StoredFile, cachedNow: ReadonlySet<string>, plan: ObjectFetchPlan | undefined, slots: RequestSlots): IngestItem {
    const { s3, cache } = this.options;
    const bucket = this.layout.bucket;
    return {
      file,
      format: 'json' as const,
      input: async (readSignal?: AbortSignal) => {
        const etag = file.etag ?? '';
        const cached = cachedNow.has(`${file.key}\n${etag}`) ? cache.read(bucket, file.key, etag) : undefined;
        if (cached !== undefined) return { bytes: cached, owned: true, name: `s3://${bucket}/${file.key}` };
        if (plan !== undefined) {
          // A parser thread sends the GET with its own client, parses, and writes the cache's copy.
          const release = await slots.acquire(readSignal);
          s3.counters.requests++;
          const slot = cache.reserve(bucket, file.key, etag);
          return {
            remote: { bucket, key: file.key },
            plan,
            name: `s3://${bucket}/${file.key}`,
            keepIn: slot.dir,
            done: (fetched: number | undefined, kept: KeptCopy | undefined) => {
              release();
              if (fetched === undefined) {
                slot.release();
                return;
              }
              this.objectsRead++;
              s3.counters.bytes += fetched;
              slot.written(kept);
            },
          };
        }
        // The bytes go to a parser thread at once, which also writes the cache's copy.
        const release = await slots.acquire(readSignal);
        const bytes = await s3.getBytes(bucket, file.key, readSignal).finally(release);
        this.objectsRead++;
        const slot = cache.reserve(bucket, file.key, etag);
        return { bytes, owned: true, name: `s3://${bucket}/${file.key}`, keepIn: slot.dir, kept: (copy: KeptCopy | undefined) => { slot.written(copy); } };
      },
    };
  }

  /** Reads the objects of `queue` into the store (downloads in the parser threads when they can). */
  private async read(queue: IngestQueue, signal: AbortSignal | undefined): Promise<void> {
    const { store, cache } = this.options;
    const bucket = this.layout.bucket;
    await ingestFiles(
      store,
      this.sourceId,
      queue,
      {
        parallel: this.options.parallel ?? DEFAULT_PARALLEL_REQUESTS,
        ...(signal ? { signal } : {}),
        ...(this.options.pool ? { pool: this.options.pool } : {}),
        onFile: (file, outcome) => {
          this.files.set(file.key, { ...file, state: outcome.problem !== undefined && outcome.events === 0 ? 'failed' : 'indexed', events: outcome.events });
          if (outcome.problem !== undefined) this.problems.push({ path: `s3://${bucket}/${file.key}`, message: outcome.problem });
        },
        onProgress: (p) => {
          this.progress('reading', p);
        },
      },
    );
    await cache.flush();
  }

  query(query: EventQuery, options: QueryOptions = {}): Promise<QueryResult> {
    // One preparation at a time: two queries never list or download the same thing twice.
    const run = this.busy.then(() => this.run(query, options));
    this.busy = run.catch(() => undefined);
    return run;
  }

  queryStored(query: EventQuery, options: QueryOptions = {}): Promise<QueryResult> {
    const run = this.busy.then(() => this.run(query, options, false));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async run(query: EventQuery, options: QueryOptions, fetch = true): Promise<QueryResult> {
    const started = Date.now();
    const requestsBefore = this.options.s3.counters.requests;
    const readBefore = this.objectsRead;
    if (fetch) {
      const days = this.prefixesFor(query);
      await this.listAndRead(query, days, options.signal);
    }
    const errors = this.options.store.recordErrors(this.sourceId).map((e) => ({ error: `s3://${this.layout.bucket}/${e.key}: ${e.message}`, index: e.index }));
    const keys = new Map([...this.files.values()].map((f) => [f.id, f.key]));
    const originOf = (row: { fileId: number; recordIndex: number }): TrailEvent['origin'] => {
      const key = keys.get(row.fileId);
      return key === undefined ? undefined : { file: `s3://${this.layout.bucket}/${key}`, key: awsLogsKey(key), recordIndex: row.recordIndex };
    };
    return storedPage(this.options.store, this.sourceId, query, 0, new Set(), { started, errors, requests: this.options.s3.counters.requests - requestsBefore, pages: this.objectsRead - readBefore, originOf }, options);
  }
}
