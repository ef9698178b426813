/**
 * Worker-thread entry (bundled as `dist/ingestWorker.js`): parses trail files for the store off
 * the thread that writes the database. Parse jobs come in batches (one message, one wake-up, for
 * every file handed over in one turn of the caller's event loop): `{ jobs: [{ id, path | bytes |
 * remote, name, keepIn, format }], plans? }` in, `{ results: [{ id, parsed }] }` out, the bodies
 * buffers moved without a copy. A `remote` job is downloaded here first with the plan's client
 * (`remoteObjects.ts`; its credentials come with the batch, `{ renew }` asks for fresh ones) and
 * answered as soon as it is parsed; `{ abort: id }` cancels its GET. Scans: `{ id, path, format,
 * scan }` in, `{ id, events }` out.
 */
import { parentPort } from 'node:worker_threads';
import type { ArchiveFileFormat } from '../scanArchive';
import type { EventQuery } from '../../core/query';
import { parseTrailFile, type ParsedFile, type ParseInput } from './parsedFile';
import { fetchAndParse, FetcherRegistry, type FetchCredentials, type PlanMessage } from './remoteObjects';
import { scanTrailFile } from './scanMatches';

/** One parse job as posted. */
export interface ParseJob {
  readonly id: number;
  readonly path?: string;
  readonly bytes?: Uint8Array;
  /** An object to download first, with the client of plan `plan`. */
  readonly remote?: { readonly bucket: string; readonly key: string; readonly plan: string };
  readonly name?: string;
  readonly keepIn?: string;
  readonly format: ArchiveFileFormat;
}

/** A message to the worker. */
export interface WorkerMessage {
  readonly jobs?: ParseJob[];
  readonly plans?: Record<string, PlanMessage>;
  readonly abort?: number;
  readonly renewed?: { readonly request: number; readonly credentials?: FetchCredentials; readonly error?: string };
  readonly id?: number;
  readonly path?: string;
  readonly format?: ArchiveFileFormat;
  readonly scan?: { query: EventQuery; needle: string };
}

const inputOf = (job: ParseJob): ParseInput =>
  job.bytes !== undefined ? { bytes: job.bytes, name: job.name ?? 'object', ...(job.keepIn !== undefined ? { keepIn: job.keepIn } : {}) } : (job.path ?? '');

const port = parentPort;
if (port) {
  const renewals = new Map<number, { resolve: (c: FetchCredentials) => void; reject: (e: Error) => void }>();
  let nextRenewal = 0;
  const registry = new FetcherRegistry((plan) => new Promise((resolve, reject) => {
    const request = nextRenewal++;
    renewals.set(request, { resolve, reject });
    port.postMessage({ renew: plan, request });
  }));
  const running = new Map<number, AbortController>();
  const abortedEarly = new Set<number>();
  // Downloads finish one at a time: their results leave together once per turn of this loop.
  const outbox: { id: number; parsed: ParsedFile }[] = [];
  const send = (results: { id: number; parsed: ParsedFile }[]): void => {
    port.postMessage({ results }, results.map((r) => r.parsed.bodies.buffer as ArrayBuffer));
  };
  const post = (result: { id: number; parsed: ParsedFile }): void => {
    if (outbox.push(result) === 1) setImmediate(() => { send(outbox.splice(0)); });
  };
  const remote = async (job: ParseJob & { remote: NonNullable<ParseJob['remote']> }): Promise<void> => {
    const controller = new AbortController();
    running.set(job.id, controller);
    if (abortedEarly.delete(job.id)) controller.abort();
    const { bucket, key, plan } = job.remote;
    const parsed = await fetchAndParse(registry, plan, { remote: { bucket, key }, name: job.name ?? key, ...(job.keepIn !== undefined ? { keepIn: job.keepIn } : {}) }, job.format, controller.signal);
    running.delete(job.id);
    post({ id: job.id, parsed });
  };
  port.on('message', (message: WorkerMessage) => {
    if (message.abort !== undefined) {
      const controller = running.get(message.abort);
      if (controller) controller.abort();
      else abortedEarly.add(message.abort);
      return;
    }
    if (message.renewed) {
      const waiter = renewals.get(message.renewed.request);
      renewals.delete(message.renewed.request);
      if (message.renewed.credentials) waiter?.resolve(message.renewed.credentials);
      else waiter?.reject(new Error(message.renewed.error ?? 'no credentials'));
      return;
    }
    if (message.scan) {
      void scanTrailFile(message.path ?? '', message.format ?? 'json', message.scan.query, message.scan.needle).then(
        (events) => { port.postMessage({ id: message.id, events }); },
        () => { port.postMessage({ id: message.id, events: [] }); },
      );
      return;
    }
    for (const [key, plan] of Object.entries(message.plans ?? {})) registry.update(key, plan);
    const jobs = message.jobs ?? [];
    for (const job of jobs) if (job.remote) void remote({ ...job, remote: job.remote });
    const local = jobs.filter((job) => !job.remote);
    if (local.length === 0) return;
    void Promise.all(local.map(async (job) => ({ id: job.id, parsed: await parseTrailFile(inputOf(job), job.format) }))).then(send);
  });
}
