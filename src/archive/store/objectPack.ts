/**
 * The object cache's bytes: downloaded objects appended to pack files, one pack open per thread
 * at a time (its name is the thread's own, so two threads or two windows never write the same
 * file), instead of one file per object. Creating, writing and closing a file per object cost the
 * parser threads more system time than the rest of a download (12,000 small trail objects: 12,000
 * inodes); an append is one write call. A pack is never appended to once closed or after a
 * restart: bytes a crash left half-written belong to no row and go with their pack.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Where one kept object is: a pack in the cache folder, and its byte range there. */
export interface KeptCopy {
  /** The pack's file name, relative to the cache folder. */
  readonly pack: string;
  readonly offset: number;
  readonly length: number;
}

/** A pack is closed and a new one started past this size (eviction frees whole packs). */
export const PACK_MAX_BYTES = 32 * 1024 * 1024;

/** The suffix of pack files (anything else in the folder is not the cache's). */
export const PACK_SUFFIX = '.pack';

interface OpenPack {
  readonly name: string;
  readonly fd: number;
  size: number;
}

/** The pack this thread appends to, per cache folder. */
const open = new Map<string, OpenPack>();

function startPack(dir: string): OpenPack {
  const name = `${Date.now().toString(36)}-${String(process.pid)}-${String(threadId)}-${randomBytes(4).toString('hex')}${PACK_SUFFIX}`;
  const pack = { name, fd: openSync(join(dir, name), 'wx'), size: 0 };
  open.set(dir, pack);
  return pack;
}

function closePack(dir: string, pack: OpenPack): void {
  open.delete(dir);
  try {
    closeSync(pack.fd);
  } catch {
    // already unusable
  }
}

/**
 * Appends `bytes` to this thread's pack in `dir`; undefined when they cannot be written (a full
 * disk, a removed folder): the object is downloaded again next time. Never throws.
 */
export function appendToPack(dir: string, bytes: Uint8Array, maxPackBytes = PACK_MAX_BYTES): KeptCopy | undefined {
  let pack = open.get(dir);
  try {
    // A pack that is full, or that was deleted under it (the cache cleared or evicted): a new one.
    if (pack && (pack.size > 0 && pack.size + bytes.byteLength > maxPackBytes || fstatSync(pack.fd).nlink === 0)) {
      closePack(dir, pack);
      pack = undefined;
    }
    pack ??= startPack(dir);
    const offset = pack.size;
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(pack.fd, bytes, done, bytes.byteLength - done, offset + done);
    pack.size += bytes.byteLength;
    return { pack: pack.name, offset, length: bytes.byteLength };
  } catch {
    // Whatever was half-written belongs to no row; the next object starts a new pack.
    if (pack) closePack(dir, pack);
    return undefined;
  }
}

/** The bytes of a kept object, in a buffer of their own; undefined when the pack is gone or shorter than the range. */
export function readPacked(dir: string, copy: KeptCopy): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(dir, copy.pack), 'r');
    // Not from Node's shared pool: the caller moves this buffer to a parser thread (a pooled one cannot be transferred).
    const bytes = Buffer.allocUnsafeSlow(copy.length);
    let done = 0;
    while (done < copy.length) {
      const n = readSync(fd, bytes, done, copy.length - done, copy.offset + done);
      if (n === 0) return undefined;
      done += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
