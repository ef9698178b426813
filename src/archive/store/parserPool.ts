/**
 * A small pool of worker threads that parse trail files ({@link parseTrailFile}) while the main
 * thread writes rows (parsing costs more than writing, so one worker per core). When
 * no worker can start (the worker file is missing, as in some test set-ups), files are parsed in
 * this thread: slower, same answers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArchiveFileFormat } from '../scanArchive';
import type { TrailEvent } from '../../core/model';
import type { EventQuery } from '../../core/query';
import { type ParseBytes, type ParseInput, type ParsedFile, parseTrailFile } from './parsedFile';
import { scanTrailFile } from './scanMatches';
import type { ParseJob, WorkerMessage } from './ingestWorker';
import { emptyFile, fetchAndParse, FetcherRegistry, type FetchedFile, type ObjectFetchPlan, type PlanMessage, planKey, type RemoteObject } from './remoteObjects';

/** Parses files, in worker threads when possible. */
export interface ParserPool {
  /**
   * Parses a file, or an object's bytes (copied to the worker, or moved when `input.owned`);
   * `input.kept` is told where the copy in `input.keepIn` went.
   */
  parse(input: ParseInput, format: ArchiveFileFormat): Promise<ParsedFile>;
  /** The events of a file answering `query`, reading only records holding `needle` ({@link scanTrailFile}). */
  scan(path: string, format: ArchiveFileFormat, query: EventQuery, needle: string): Promise<TrailEvent[]>;
  /**
   * Downloads an object in a parser thread (with the plan's client there) and parses it; never
   * rejects for the object (a failed GET is the file's `problem`). `object.done` is told what
   * was downloaded; the signal cancels the GET.
   */
  fetchParse(object: RemoteObject, format: ArchiveFileFormat, signal?: AbortSignal): Promise<FetchedFile>;
  /** Stops the workers (pending parses reject). */
  close(): Promise<void>;
}

/** The worker script beside this module (out/…/store/ in tests, dist/ in the bundle). */
function workerScript(): string | undefined {
  for (const candidate of [join(__dirname, 'ingestWorker.js'), join(__dirname, 'store', 'ingestWorker.js')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** Default worker count: one per core (the writer mostly waits on SQLite), at most three. */
export function defaultWorkers(): number {
  return Math.min(3, Math.max(1, availableParallelism()));
}

/** A worker gets its jobs once this many wait, or after this long. */
const BATCH_JOBS = 16;
const BATCH_WAIT_MS = 3;

type Reply = FetchedFile & { events?: TrailEvent[] };
interface Waiter { resolve: (p: Reply) => void; reject: (e: Error) => void; keep?: ParseBytes['kept']; done?: RemoteObject['done'] }
interface Slot { worker: Worker; busy: number; jobs: ParseJob[]; moves: ArrayBuffer[] }

/** Creates a pool of `size` workers (0: parse in this thread). */
export function createParserPool(size = defaultWorkers()): ParserPool {
  const script = size > 0 ? workerScript() : undefined;
  if (script === undefined) return { parse: parseHere, scan: scanTrailFile, fetchParse: fetchHere(), close: () => Promise.resolve() };
  const pending = new Map<number, Waiter>();
  const workers: Slot[] = [];
  let nextId = 0;
  const settle = (slot: Slot, id: number, reply: Reply): void => {
    const entry = pending.get(id);
    pending.delete(id);
    slot.busy--;
    entry?.keep?.(reply.kept);
    entry?.done?.(reply.fetched, reply.kept);
    entry?.resolve(reply);
  };
  for (let i = 0; i < size; i++) {
    const worker = new Worker(script);
    worker.unref();
    const slot: Slot = { worker, busy: 0, jobs: [], moves: [] };
    worker.on('message', (message: { id: number; events?: TrailEvent[]; results?: { id: number; parsed: ParsedFile }[]; renew?: string; request?: number }) => {
      if (message.renew !== undefined) renew(worker, message.renew, message.request ?? 0);
      else if (message.results) for (const r of message.results) settle(slot, r.id, r.parsed);
      else settle(slot, message.id, { events: message.events ?? [] } as unknown as Reply);
    });
    worker.on('error', (err) => {
      for (const [id, entry] of pending) {
        pending.delete(id);
        entry.keep?.(undefined);
        entry.done?.(undefined, undefined);
        entry.reject(err);
      }
    });
    workers.push(slot);
  }
  const leastBusy = (): Slot => workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  const wait = (id: number, keep?: Waiter['keep'], done?: Waiter['done']): Promise<Reply> =>
    new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, ...(keep ? { keep } : {}), ...(done ? { done } : {}) });
    });
  // The plans of the remote jobs: their credentials go with every batch (the provider caches them).
  const plans = new Map<string, ObjectFetchPlan>();
  const renew = (worker: Worker, key: string, request: number): void => {
    const plan = plans.get(key);
    const reply = (renewed: WorkerMessage['renewed']): void => {
      worker.postMessage({ renewed } satisfies WorkerMessage);
    };
    if (!plan) reply({ request, error: 'unknown plan' });
    else plan.credentials().then((credentials) => { reply({ request, credentials }); }, (err: unknown) => { reply({ request, error: err instanceof Error ? err.message : String(err) }); });
  };
  // A batch that cannot be sent (a buffer that cannot move) fails its own files, never the load.
  const send = (slot: Slot, message: WorkerMessage, jobs: readonly ParseJob[], moves: ArrayBuffer[]): void => {
    try {
      slot.worker.postMessage(message, moves);
    } catch (err) {
      for (const job of jobs) settle(slot, job.id, emptyFile(`Cannot hand the file to a parser thread: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  const post = (slot: Slot, jobs: ParseJob[], moves: ArrayBuffer[]): void => {
    const keys = [...new Set(jobs.flatMap((job) => (job.remote ? [job.remote.plan] : [])))];
    if (keys.length === 0) {
      send(slot, { jobs }, jobs, moves);
      return;
    }
    void Promise.all(keys.map(async (key): Promise<[string, PlanMessage]> => {
      const plan = plans.get(key);
      if (!plan) throw new Error('unknown plan');
      return [key, { module: plan.module, settings: plan.settings, credentials: await plan.credentials() }];
    })).then(
      (entries) => { send(slot, { jobs, plans: Object.fromEntries(entries) }, jobs, moves); },
      (err: unknown) => {
        // No credentials: the remote jobs fail with the reason, the others go on.
        const local = jobs.filter((job) => !job.remote);
        if (local.length > 0) send(slot, { jobs: local }, local, moves);
        for (const job of jobs) if (job.remote) settle(slot, job.id, emptyFile(err instanceof Error ? err.message : String(err)));
      },
    );
  };
  // Jobs handed over within a few milliseconds go to each worker in one message (one wake-up of
  // the worker instead of one per file: downloads finish one per turn of the event loop).
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const slot of workers) {
      if (slot.jobs.length === 0) continue;
      post(slot, slot.jobs.splice(0), slot.moves.splice(0));
    }
  };
  const enqueue = (slot: Slot, job: ParseJob): void => {
    slot.jobs.push(job);
    if (slot.jobs.length >= BATCH_JOBS) flush();
    else timer ??= setTimeout(flush, BATCH_WAIT_MS);
  };
  return {
    fetchParse: async (object, format, signal) => {
      if (signal?.aborted === true) {
        object.done?.(undefined, undefined);
        return { ...emptyFile('cancelled'), cancelled: true };
      }
      const slot = leastBusy();
      slot.busy++;
      const id = nextId++;
      const key = planKey(object.plan);
      plans.set(key, object.plan);
      const answer = wait(id, undefined, object.done);
      const abort = (): void => {
        slot.worker.postMessage({ abort: id } satisfies WorkerMessage);
      };
      signal?.addEventListener('abort', abort, { once: true });
      enqueue(slot, { id, remote: { ...object.remote, plan: key }, name: object.name, format, ...(object.keepIn !== undefined ? { keepIn: object.keepIn } : {}) });
      try {
        return await answer;
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    },
    parse: (input, format) => {
      const slot = leastBusy();
      slot.busy++;
      const id = nextId++;
      // Moved only when the bytes are their buffer's whole (a slice of Node's shared pool is copied).
      if (typeof input !== 'string' && input.owned === true && input.bytes.byteOffset === 0 && input.bytes.byteLength === input.bytes.buffer.byteLength) slot.moves.push(input.bytes.buffer as ArrayBuffer);
      enqueue(slot, typeof input === 'string' ? { id, path: input, format } : { id, bytes: input.bytes, name: input.name, format, ...(input.keepIn !== undefined ? { keepIn: input.keepIn } : {}) });
      return wait(id, typeof input === 'string' ? undefined : input.kept);
    },
    scan: async (path, format, query, needle) => {
      const slot = leastBusy();
      slot.busy++;
      const id = nextId++;
      slot.worker.postMessage({ id, path, format, scan: { query, needle } });
      return (await wait(id)).events ?? [];
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

/** Parses in this thread (no worker could start). */
async function parseHere(input: ParseInput, format: ArchiveFileFormat): Promise<ParsedFile> {
  const parsed = await parseTrailFile(input, format);
  if (typeof input !== 'string') input.kept?.(parsed.kept);
  return parsed;
}

/** Downloads and parses in this thread (no worker could start): the same client, made here. */
function fetchHere(): ParserPool['fetchParse'] {
  const plans = new Map<string, ObjectFetchPlan>();
  const registry = new FetcherRegistry((key) => plans.get(key)?.credentials() ?? Promise.reject(new Error('unknown plan')));
  return async (object, format, signal) => {
    const key = planKey(object.plan);
    let parsed: FetchedFile;
    try {
      plans.set(key, object.plan);
      registry.update(key, { module: object.plan.module, settings: object.plan.settings, credentials: await object.plan.credentials() });
      parsed = await fetchAndParse(registry, key, object, format, signal);
    } catch (err) {
      parsed = emptyFile(err instanceof Error ? err.message : String(err));
    }
    object.done?.(parsed.fetched, parsed.kept);
    return parsed;
  };
}
