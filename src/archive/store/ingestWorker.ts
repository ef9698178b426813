/**
 * Worker-thread entry (bundled as `dist/ingestWorker.js`): parses trail files for the store off
 * the thread that writes the database. Parse jobs come in batches (one message, one wake-up, for
 * every file handed over in one turn of the caller's event loop): `{ jobs: [{ id, path | bytes,
 * name, keepAt, format }] }` in, `{ results: [{ id, parsed }] }` out, the bodies buffers moved
 * without a copy. Scans: `{ id, path, format, scan }` in, `{ id, events }` out.
 */
import { parentPort } from 'node:worker_threads';
import type { ArchiveFileFormat } from '../scanArchive';
import type { EventQuery } from '../../core/query';
import { parseTrailFile, type ParsedFile, type ParseInput } from './parsedFile';
import { scanTrailFile } from './scanMatches';

/** One parse job as posted. */
export interface ParseJob {
  readonly id: number;
  readonly path?: string;
  readonly bytes?: Uint8Array;
  readonly name?: string;
  readonly keepAt?: string;
  readonly format: ArchiveFileFormat;
}

const inputOf = (job: ParseJob): ParseInput =>
  job.bytes !== undefined ? { bytes: job.bytes, name: job.name ?? 'object', ...(job.keepAt !== undefined ? { keepAt: job.keepAt } : {}) } : (job.path ?? '');

const port = parentPort;
if (port) {
  port.on('message', (message: { jobs?: ParseJob[]; id: number; path: string; format: ArchiveFileFormat; scan?: { query: EventQuery; needle: string } }) => {
    if (message.scan) {
      void scanTrailFile(message.path, message.format, message.scan.query, message.scan.needle).then(
        (events) => { port.postMessage({ id: message.id, events }); },
        () => { port.postMessage({ id: message.id, events: [] }); },
      );
      return;
    }
    void Promise.all((message.jobs ?? []).map(async (job) => ({ id: job.id, parsed: await parseTrailFile(inputOf(job), job.format) }))).then((results: { id: number; parsed: ParsedFile }[]) => {
      port.postMessage({ results }, results.map((r) => r.parsed.bodies.buffer as ArrayBuffer));
    });
  });
}
