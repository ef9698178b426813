/**
 * Reads pending files into the store: several files in flight (downloads, disk and parsing in
 * worker threads overlap; a lane hands a file to the parsers and goes on to the next download),
 * rows written in file order (so ties and problems come out the same in every run), the files
 * parsed so far written together in one transaction, so a cancelled or failed run keeps every file
 * it finished. Large loads drop the event indexes and build them once at the end.
 */
import type { ArchiveFileFormat } from '../scanArchive';
import type { ParseInput, ParsedFile } from './parsedFile';
import { createParserPool, type ParserPool } from './parserPool';
import { isRemoteObject, type RemoteObject } from './remoteObjects';
import type { StoredFile, TrailStore } from './trailStore';

/** A file to read: its stored row and where its bytes are (an S3 object is downloaded first). */
export interface IngestItem {
  readonly file: StoredFile;
  readonly format: ArchiveFileFormat;
  /**
   * The local path (or the downloaded bytes) to parse, or an object for a parser thread to
   * download and parse. Rejects with a message for the problem list.
   */
  input(signal?: AbortSignal): Promise<ParseInput | RemoteObject>;
}

/** Progress of one ingest run. */
export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly events: number;
}

/** What reading one file gave. */
export interface IngestFileOutcome {
  readonly events: number;
  readonly recordErrors: readonly { readonly index: number; readonly message: string }[];
  /** A problem with the file as a whole (unreadable, truncated, not CloudTrail, access denied). */
  readonly problem?: string;
}

/** Options for {@link ingestFiles}. */
export interface IngestOptions {
  readonly signal?: AbortSignal;
  /** Files in flight at once (default 8). */
  readonly parallel?: number;
  /** Parser threads; default a pool made (and closed) for this run. */
  readonly pool?: ParserPool;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Called once per finished file (sources keep their problem lists; tests count reads). */
  readonly onFile?: (file: StoredFile, outcome: IngestFileOutcome) => void;
}

/** Files (or compressed bytes) a load must add before dropping and rebuilding the indexes pays off. */
const BULK_MIN_FILES = 64;
const BULK_MIN_BYTES = 16 * 1024 * 1024;
/** Files written in one transaction at most (a commit per file costs more than the rows of a small one). */
const BATCH_FILES = 256;

interface Slot { promise: Promise<ParsedFile | undefined>; resolve: (p: ParsedFile | undefined) => void; settled: boolean; value?: ParsedFile | undefined }

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Items that arrive while the load runs (a bucket's day folders still being listed): the load
 * starts on the first ones; `push` more, then `close()`. Reading starts before the listing ends.
 */
export class IngestQueue {
  readonly items: IngestItem[] = [];
  private open = true;
  private waiters: (() => void)[] = [];

  /** A queue holding `items`, closed. */
  static of(items: readonly IngestItem[]): IngestQueue {
    const queue = new IngestQueue();
    queue.items.push(...items);
    queue.open = false;
    return queue;
  }

  push(...items: IngestItem[]): void {
    this.items.push(...items);
    this.wake();
  }

  /** No more items will come. */
  close(): void {
    this.open = false;
    this.wake();
  }

  get closed(): boolean {
    return !this.open;
  }

  /** Resolves at the next push or close (or {@link wake}). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake(): void {
    for (const resume of this.waiters.splice(0)) resume();
  }
}

/** Reads `items` into the store; resolves when all are read or the signal aborts (the finished ones stay). */
export async function ingestFiles(store: TrailStore, sourceId: number, input: readonly IngestItem[] | IngestQueue, options: IngestOptions = {}): Promise<void> {
  const queue = input instanceof IngestQueue ? input : IngestQueue.of(input);
  const items = queue.items;
  if (items.length === 0 && queue.closed) return;
  const { signal } = options;
  const aborted = (): boolean => signal?.aborted === true;
  // Totals grow with the queue.
  let bytesTotal = 0;
  let counted = 0;
  const count = (): void => {
    for (; counted < items.length; counted++) bytesTotal += items[counted].file.size;
  };
  const parallel = Math.max(1, options.parallel ?? 8);
  const pool = options.pool ?? createParserPool(items.length > 1 || !queue.closed ? undefined : 0);
  let filesDone = 0;
  let bytesDone = 0;
  let events = 0;
  // Decided once the load is known to be large (at once for a closed queue, as soon as it grows so for an open one).
  const bulk = { on: false };
  const maybeBulk = (): void => {
    count();
    if (bulk.on || !(items.length >= BULK_MIN_FILES || bytesTotal >= BULK_MIN_BYTES)) return;
    bulk.on = true;
    store.beginBulk();
  };
  maybeBulk();
  // `parallel` reads (downloads, parses) run at once and may run ahead of the writer by a bounded
  // window; the writer takes files strictly in order, so a slow file never idles the other lanes.
  const window = parallel * 4;
  const slots = new Map<number, Slot>();
  const slot = (i: number): Slot => {
    let entry = slots.get(i);
    if (!entry) {
      let resolve: (p: ParsedFile | undefined) => void = () => undefined;
      const promise = new Promise<ParsedFile | undefined>((r) => (resolve = r));
      const made: Slot = { promise, resolve: (p) => { made.settled = true; made.value = p; resolve(p); }, settled: false };
      entry = made;
      slots.set(i, entry);
    }
    return entry;
  };
  let written = 0;
  let nextRead = 0;
  const waiting: (() => void)[] = [];
  const wakeAll = (): void => {
    for (const resume of waiting.splice(0)) resume();
  };
  // An abort releases the writer and the lanes at once; what was written stays.
  const onAbort = (): void => {
    for (const entry of slots.values()) entry.resolve(undefined);
    slot(written).resolve(undefined);
    wakeAll();
    queue.wake();
  };
  signal?.addEventListener('abort', onAbort);
  const failed = (err: unknown): ParsedFile => ({ rows: [], bodies: new Uint8Array(0), bodyEnds: new Uint32Array(0), resources: [], recordErrors: [], problem: messageOf(err) });
  const parsing: Promise<void>[] = [];
  let stopped = false;
  const lane = async (): Promise<void> => {
    while (!stopped && !aborted()) {
      if (nextRead >= items.length) {
        if (queue.closed) return;
        await queue.changed();
        continue;
      }
      if (nextRead >= written + window) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const i = nextRead++;
      const item = items[i];
      // The lane waits for the bytes only; parsing runs in the pool while it reads the next file.
      const input = await item.input(signal).then((value) => ({ value }), (err: unknown) => ({ err }));
      if ('err' in input) slot(i).resolve(failed(input.err));
      // A download in a parser thread holds this lane until it is parsed (the lanes bound the GETs in flight).
      else if (isRemoteObject(input.value)) slot(i).resolve(await pool.fetchParse(input.value, item.format, signal).catch(failed));
      else parsing.push(pool.parse(input.value, item.format).catch(failed).then((parsed) => { slot(i).resolve(parsed); }));
    }
  };
  const lanes = Array.from({ length: parallel }, lane);
  try {
    for (let i = 0; ; ) {
      if (aborted()) break;
      if (i >= items.length) {
        if (queue.closed) break;
        await queue.changed();
        continue;
      }
      const head = await slot(i).promise;
      if (head === undefined || aborted()) break;
      // This file and every one after it that is parsed already: one transaction.
      const batch: [IngestItem, ParsedFile][] = [[items[i], head]];
      for (let j = i + 1; j < items.length && batch.length < BATCH_FILES; j++) {
        const next = slots.get(j);
        if (next?.settled !== true || next.value === undefined) break;
        batch.push([items[j], next.value]);
      }
      for (let j = i; j < i + batch.length; j++) slots.delete(j);
      i += batch.length;
      written = i;
      wakeAll();
      maybeBulk();
      store.transaction(() => {
        for (const [item, parsed] of batch) {
          store.addRows(sourceId, item.file.id, parsed);
          for (const error of parsed.recordErrors) store.addRecordError(item.file.id, error.index, error.message);
          store.finishFile(item.file.id, parsed.problem !== undefined && parsed.rows.length === 0 ? 'failed' : 'indexed', parsed.rows.length, parsed.problem);
        }
      });
      for (const [item, parsed] of batch) {
        events += parsed.rows.length;
        filesDone++;
        bytesDone += item.file.size;
        options.onFile?.(item.file, { events: parsed.rows.length, recordErrors: parsed.recordErrors, ...(parsed.problem !== undefined ? { problem: parsed.problem } : {}) });
        count();
        options.onProgress?.({ filesDone, filesTotal: items.length, bytesDone, bytesTotal, events });
      }
    }
  } finally {
    // Let the lanes stop: no new reads; those in flight finish (their files stay pending).
    stopped = true;
    wakeAll();
    queue.wake();
    signal?.removeEventListener('abort', onAbort);
    await Promise.allSettled(lanes);
    await Promise.allSettled(parsing);
    if (options.pool === undefined) await pool.close();
    // A store closed meanwhile (the window closed while a background load ran) just stops the load.
    if (bulk.on && store.db.isOpen) store.endBulk();
  }
}
