/**
 * Small trail files read and inflated ahead of the file being indexed. With many files, a worker
 * thread does it (`inflateWorker.ts`): the indexing thread then only parses, and on a machine with
 * two cores the reads and gunzip cost it nothing. With few files, or when no thread can start (the
 * worker file is missing, as in some test set-ups), this thread reads ahead as before: same bytes,
 * same answers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InflateReply, InflateRequest } from './inflateWorker';
import { prefetchText, READ_AHEAD } from './prefetchText';

/** Reads small files' text ahead. */
export interface ReadAhead {
  /** The file's text (inflated), or undefined when anything is unusual (see {@link prefetchText}). */
  read(path: string, size: number, maxTextBytes?: number): Promise<Buffer | undefined>;
  /** Stops the thread, if any (reads in flight finish in this thread). */
  close(): Promise<void>;
  /** True when a worker thread reads. */
  readonly threaded: boolean;
  /** How many files to keep asked for ahead of the one being indexed. */
  readonly ahead: number;
}

/** Files asked for ahead when a thread reads (one message asks for all the reads asked in one turn). */
export const THREAD_AHEAD = 32;

/** Below this many files a thread costs more to start (tens of ms) than it saves. */
export const THREAD_MIN_FILES = 64;

/** The worker script beside this module (out/…/archive/ in tests, dist/ in the bundle). */
function workerScript(): string {
  return join(__dirname, 'inflateWorker.js');
}

const inThisThread: ReadAhead = { read: (path, size, max) => prefetchText(path, max, size), close: () => Promise.resolve(), threaded: false, ahead: READ_AHEAD };

/** A reader for `files` small files: a thread when there are many (and it can start). */
export function createReadAhead(files: number, script = workerScript()): ReadAhead {
  if (files < THREAD_MIN_FILES || !existsSync(script)) return inThisThread;
  let worker: Worker | undefined;
  try {
    worker = new Worker(script);
  } catch {
    return inThisThread;
  }
  worker.unref();
  let nextId = 0;
  const pending = new Map<number, { request: InflateRequest; resolve: (text: Buffer | undefined | Promise<Buffer | undefined>) => void }>();
  // A thread that fails or stops: what it had in hand is read here, and so is what follows.
  const fallBack = (): void => {
    worker = undefined;
    for (const [id, { request, resolve }] of pending) {
      pending.delete(id);
      resolve(prefetchText(request.path, request.maxTextBytes, request.size));
    }
  };
  worker.on('message', (replies: InflateReply[]) => {
    for (const reply of replies) {
      const entry = pending.get(reply.id);
      pending.delete(reply.id);
      entry?.resolve(reply.text === undefined ? undefined : Buffer.from(reply.text.buffer, reply.text.byteOffset, reply.text.byteLength));
    }
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  // The reads asked for in one turn of the event loop leave in one message (a message costs the
  // sending thread far more than a tiny read request's bytes).
  let outbox: InflateRequest[] = [];
  const flush = (): void => {
    const requests = outbox;
    outbox = [];
    if (worker) worker.postMessage(requests);
    else fallBack();
  };
  return {
    threaded: true,
    ahead: THREAD_AHEAD,
    read(path, size, maxTextBytes) {
      if (worker === undefined) return prefetchText(path, maxTextBytes, size);
      const request: InflateRequest = { id: nextId++, path, size, ...(maxTextBytes !== undefined ? { maxTextBytes } : {}) };
      return new Promise((resolve) => {
        pending.set(request.id, { request, resolve });
        if (outbox.push(request) === 1) queueMicrotask(flush);
      });
    },
    async close() {
      const thread = worker;
      worker = undefined;
      if (thread) {
        thread.removeAllListeners('exit');
        thread.removeAllListeners('error');
        await thread.terminate();
      }
      fallBack();
    },
  };
}

/** A read asked for ahead, and whether its text has arrived. */
export interface AheadRead {
  readonly text: Promise<Buffer | undefined>;
  arrived: boolean;
}

/** Asks `reader` for a file's text ahead of its turn. */
export function askAhead(reader: ReadAhead, path: string, size: number, maxTextBytes?: number): AheadRead {
  const read: AheadRead = { text: reader.read(path, size, maxTextBytes), arrived: false };
  void read.text.then(() => { read.arrived = true; });
  return read;
}

/**
 * The text of a read asked for ahead. When a thread reads and the text has not arrived after one
 * turn of the event loop (the thread is behind, short of CPU, or stuck), this thread reads the file
 * itself: the indexing thread never waits on the other one, and a thread that stops answering
 * costs time, never the folder. `onReadHere` counts those reads.
 */
export async function arrivedOrReadHere(reader: ReadAhead, read: AheadRead, path: string, size: number, maxTextBytes?: number, onReadHere?: () => void): Promise<Buffer | undefined> {
  // A function, not the field: the message that sets it arrives while this waits.
  const arrived = (): boolean => read.arrived;
  if (!reader.threaded || arrived()) return read.text;
  await new Promise((resolve) => setImmediate(resolve));
  if (arrived()) return read.text;
  onReadHere?.();
  return prefetchText(path, maxTextBytes, size);
}
