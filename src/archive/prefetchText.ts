/** Small trail files read (and inflated) ahead on libuv's threads while another file is indexed. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';

/** Files read ahead while one is being indexed, and the largest file (on disk) read ahead. */
export const READ_AHEAD = 3;
export const PREFETCH_MAX_BYTES = 4 * 1024 * 1024;
const PREFETCH_MAX_TEXT_BYTES = 64 * 1024 * 1024;
const gunzipAhead = promisify(gunzip);
/**
 * Files this small on disk, inflating to at most {@link SYNC_MAX_TEXT_BYTES}, are read and inflated
 * in one blocking call each: a few milliseconds at most, and far less CPU than the async calls cost
 * per file (most trail files are a few KB). Anything bigger goes the async way.
 */
const SYNC_MAX_BYTES = 256 * 1024;
const SYNC_MAX_TEXT_BYTES = 8 * 1024 * 1024;

/**
 * A small file's text read ahead: read and, when gzipped, inflated on libuv's threads while another
 * file is indexed. Undefined whenever anything is unusual (damage, an output over the inflate cap
 * `maxTextBytes` or 64 MB, empty): the file is then read by the streaming reader, which reports it
 * precisely (the cap's problem entry included).
 */
export async function prefetchText(path: string, maxTextBytes = PREFETCH_MAX_TEXT_BYTES, size?: number): Promise<Buffer | undefined> {
  try {
    const limit = Math.min(maxTextBytes, PREFETCH_MAX_TEXT_BYTES);
    const small = size !== undefined && size <= SYNC_MAX_BYTES;
    const bytes = small ? readFileSync(path) : await readFile(path);
    const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const text = !gzip ? bytes : small ? gunzipSync(bytes, { maxOutputLength: Math.min(limit, SYNC_MAX_TEXT_BYTES) }) : await gunzipAhead(bytes, { maxOutputLength: limit });
    return text.length > 0 && text.length <= limit ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The bytes read ahead as the one-chunk stream the readers take. */
export async function* bufferSource(bytes: Buffer): AsyncGenerator<Buffer> {
  await Promise.resolve();
  yield bytes;
}
