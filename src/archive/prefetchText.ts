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
    if (size !== undefined && size <= SYNC_MAX_BYTES) return smallText(readFileSync(path), limit);
    const bytes = await readFile(path);
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzipAhead(bytes, { maxOutputLength: limit }) : bytes;
    return text.length > 0 && text.length <= limit ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text of a small file or object already in memory (at most {@link SYNC_MAX_BYTES}), inflated
 * in one blocking call when gzipped; undefined when it is bigger, empty, damaged or inflates past
 * `maxTextBytes` (or 8 MB): the streaming reader then reads it and names the problem.
 */
export function smallText(bytes: Buffer, maxTextBytes = PREFETCH_MAX_TEXT_BYTES): Buffer | undefined {
  if (bytes.length > SYNC_MAX_BYTES) return undefined;
  const limit = Math.min(maxTextBytes, SYNC_MAX_TEXT_BYTES);
  try {
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes, { maxOutputLength: limit }) : bytes;
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
