/**
 * The bytes of one trail file or export as UTF-8 chunks, whatever the container: gzip is detected by
 * its magic bytes (whatever the name) and inflated as a stream with a per-file cap, concatenated gzip
 * members are read one after the other, UTF-16 text (PowerShell's `>` writes it, with a BOM) is
 * transcoded, a UTF-8 BOM is dropped. Damage ends the stream with a {@link ByteStreamError} after
 * every byte that could be read, so the reader keeps every record before it.
 */
import { Readable } from 'node:stream';
import { TextDecoder, promisify } from 'node:util';
import * as zlib from 'node:zlib';

/** Compressed files up to this size (read in one piece) are inflated in one call. */
const WHOLE_INFLATE_MAX_BYTES = 4 * 1024 * 1024;
/** …and only while their output stays this small (memory stays bounded; larger goes streaming). */
const WHOLE_INFLATE_MAX_OUTPUT = 64 * 1024 * 1024;
const gunzipWhole = promisify(zlib.gunzip);

/** Default cap on the inflated size of one file: far above any real trail file, far below a bomb's damage. */
export const DEFAULT_MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Why a byte stream ended early; `message` is written for the user and names no path. */
export class ByteStreamError extends Error {
  override readonly name = 'ByteStreamError';
  constructor(
    readonly kind: 'read' | 'gzip' | 'inflateLimit' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

/** Options for {@link decodedChunks}. */
export interface ByteStreamOptions {
  /** Cap on inflated bytes per file (default {@link DEFAULT_MAX_INFLATED_BYTES}). */
  readonly maxInflatedBytes?: number;
  readonly signal?: AbortSignal;
}

/** What the stream found out about the file, filled in while it is read. */
export interface ByteStreamFacts {
  /** Bytes read from the source (compressed size for gzip). */
  sourceBytes: number;
  /** Bytes handed on (after inflating and transcoding). */
  textBytes: number;
  gzip: boolean;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err.message;
}

const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

/** The source's chunks, with the first ones gathered until at least `min` bytes are known (or it ends). */
async function* withHead(source: AsyncIterable<Buffer>, min: number, onHead: (head: Buffer) => void): AsyncGenerator<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    if (size >= min) break;
    const next = await iterator.next();
    if (next.done === true) break;
    parts.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(parts);
  onHead(head);
  if (head.length > 0) yield head;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}

async function* counted(source: AsyncIterable<Buffer | string>, facts: ByteStreamFacts, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) {
      if (signal?.aborted === true) throw new ByteStreamError('cancelled', 'reading was cancelled');
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      facts.sourceBytes += bytes.length;
      yield bytes;
    }
  } catch (err) {
    if (err instanceof ByteStreamError) throw err;
    throw new ByteStreamError('read', messageOf(err));
  }
}

async function* inflate(source: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(source);
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) {
        throw new ByteStreamError('inflateLimit', `inflates to more than ${megabytes(limit)}, the limit for one file (a damaged file or a decompression bomb)`);
      }
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ByteStreamError) throw err;
    throw new ByteStreamError('gzip', `is a damaged or truncated gzip file (${messageOf(err)})`);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

function detectEncoding(head: Buffer): ByteStreamFacts['encoding'] {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // No BOM: JSON starts with an ASCII character, so one NUL beside it gives the byte order away.
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0 && head[0] < 0x80) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0 && head[1] < 0x80) return 'utf-16be';
  return 'utf-8';
}

async function* transcode(source: AsyncIterable<Buffer>, facts: ByteStreamFacts): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | undefined;
  let first = true;
  for await (const chunk of withHead(source, 4, (head) => {
    facts.encoding = detectEncoding(head);
  })) {
    let bytes = chunk;
    if (first) {
      first = false;
      if (facts.encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (facts.encoding !== 'utf-8') decoder = new TextDecoder(facts.encoding, { ignoreBOM: false });
    }
    const out = decoder ? Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8') : bytes;
    facts.textBytes += out.length;
    if (out.length > 0) yield out;
  }
  if (decoder) {
    const rest = Buffer.from(decoder.decode(), 'utf8');
    facts.textBytes += rest.length;
    if (rest.length > 0) yield rest;
  }
}

/**
 * The UTF-8 text bytes of `source` (a file stream, an S3 body…), inflated and transcoded as needed.
 * Throws a {@link ByteStreamError} when the source cannot be read, the gzip is damaged or the
 * inflate cap is reached — always after yielding everything before that point. `facts` is filled in
 * as the stream is read.
 */
export function decodedChunks(source: AsyncIterable<Buffer | string>, facts: ByteStreamFacts, options: ByteStreamOptions = {}): AsyncGenerator<Buffer> {
  const limit = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const raw = withHead(counted(source, facts, options.signal), 2, (head) => {
    facts.gzip = head[0] === 0x1f && head[1] === 0x8b;
  });
  async function* unpacked(): AsyncGenerator<Buffer> {
    const iterator = raw[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done === true) return;
    // A small file read in one piece inflates in one call (less stream overhead per file);
    // damage or the cap sends it through the streaming path, which salvages what precedes it.
    const second = facts.gzip && first.value.length <= WHOLE_INFLATE_MAX_BYTES ? await iterator.next() : undefined;
    if (second?.done === true) {
      const whole = await gunzipWhole(first.value, { maxOutputLength: Math.min(limit, WHOLE_INFLATE_MAX_OUTPUT) }).catch(() => undefined);
      yield* whole !== undefined ? [whole] : inflate(once(first.value), limit);
      return;
    }
    const rest: AsyncIterable<Buffer> = {
      [Symbol.asyncIterator]: () => ({ next: () => iterator.next(), return: () => iterator.return(undefined) }),
    };
    async function* all(): AsyncGenerator<Buffer> {
      yield first.value;
      if (second !== undefined && second.done !== true) yield second.value;
      yield* rest;
    }
    yield* facts.gzip ? inflate(all(), limit) : all();
  }
  return transcode(unpacked(), facts);
}

async function* once(chunk: Buffer): AsyncGenerator<Buffer> {
  await Promise.resolve();
  yield chunk;
}

/** Fresh facts for {@link decodedChunks}. */
export function newByteStreamFacts(): ByteStreamFacts {
  return { sourceBytes: 0, textBytes: 0, gzip: false, encoding: 'utf-8' };
}
