/**
 * Downloaded S3 objects on disk, keyed by bucket + key + ETag (an object that changes gets a new
 * ETag, so a stale copy is never used), under a size cap with least-recently-used eviction. The
 * bookkeeping lives in the store (`objects` table: pack, offset, size, last use); the bytes in
 * pack files in `dir` (the extension's global storage), appended by whoever holds the bytes (the
 * parser thread, see `objectPack.ts` and `ParseBytes.keepIn`). Events stay queryable after
 * eviction: the store keeps them; only re-reading a file needs the bytes again.
 *
 * An object's row is added, in one transaction per batch, only once its bytes are in the pack, so
 * an object is found only when complete (bytes a crash left half-written belong to no row). Eviction
 * frees whole packs, least recently used first (a pack's last use is its objects' latest).
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type KeptCopy, PACK_SUFFIX, readPacked } from './objectPack';
import type { TrailStore } from './trailStore';

/** Default size cap: 2 GiB. */
export const DEFAULT_OBJECT_CACHE_BYTES = 2 * 1024 ** 3;

/** Packs with no row are deleted when the cache opens, once unchanged this long (another window may be writing one). */
const ORPHAN_PACK_AGE_MS = 60 * 60 * 1000;

/** Usage figures for settings and status. */
export interface ObjectCacheUsage {
  readonly objects: number;
  readonly bytes: number;
  readonly capBytes: number;
}

type Row = Record<string, unknown>;

/** The cache. */
export class ObjectCache {
  /** Bytes held, kept here so eviction does not sum the table on every download. */
  private bytes: number | undefined;
  private readonly done: { bucket: string; key: string; etag: string; copy: KeptCopy }[] = [];
  private outstanding = 0;
  private readonly idle: (() => void)[] = [];
  private failures = 0;

  constructor(
    private readonly store: TrailStore,
    readonly dir: string,
    private capBytes = DEFAULT_OBJECT_CACHE_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
    this.sweep();
  }

  /**
   * Deletes what no row points to: the one-file-per-object folders of older versions, and packs
   * left by a crash or a cleared store once nobody has written them for an hour.
   */
  private sweep(): void {
    const used = new Set((this.store.statement('SELECT DISTINCT file FROM objects').all() as Row[]).map((r) => String(r.file)));
    const now = Date.now();
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      const path = join(this.dir, entry.name);
      try {
        if (entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name)) rmSync(path, { recursive: true, force: true });
        else if (entry.isFile() && entry.name.endsWith(PACK_SUFFIX) && !used.has(entry.name) && now - statSync(path).mtimeMs > ORPHAN_PACK_AGE_MS) rmSync(path, { force: true });
      } catch {
        // gone meanwhile, or not ours to delete
      }
    }
  }

  /** `key + "\n" + etag` of every object of `bucket` cached now (one query instead of one per object). */
  cachedKeys(bucket: string): ReadonlySet<string> {
    const rows = this.store.statement('SELECT key, etag FROM objects WHERE bucket = ?').all(bucket) as Row[];
    return new Set(rows.map((r) => `${String(r.key)}\n${String(r.etag)}`));
  }

  /** The bytes of an object if cached (and marks it used), else undefined (a copy gone from disk loses its row). */
  read(bucket: string, key: string, etag: string): Buffer | undefined {
    const row = this.store.statement('SELECT file, offset, size FROM objects WHERE bucket = ? AND key = ? AND etag = ?').get(bucket, key, etag) as Row | undefined;
    if (!row) return undefined;
    const bytes = readPacked(this.dir, { pack: String(row.file), offset: Number(row.offset), length: Number(row.size) });
    if (bytes === undefined) {
      this.store.statement('DELETE FROM objects WHERE bucket = ? AND key = ? AND etag = ?').run(bucket, key, etag);
      this.bytes = undefined;
      return undefined;
    }
    this.store.statement('UPDATE objects SET used_at = ? WHERE bucket = ? AND key = ? AND etag = ?').run(Date.now(), bucket, key, etag);
    return bytes;
  }

  /**
   * Where to keep a downloaded object (the pack folder, for {@link appendToPack}), and `written` to
   * call with where its bytes went (undefined: they could not be written): the rows are added in
   * batches, so the object is found by {@link read} after the next {@link flush}; `release` when
   * nothing was downloaded.
   */
  reserve(bucket: string, key: string, etag: string): { readonly dir: string; written(copy: KeptCopy | undefined): void; release(): void } {
    this.outstanding++;
    let told = false;
    return {
      dir: this.dir,
      written: (copy) => {
        if (told) return;
        told = true;
        this.outstanding--;
        if (copy) this.done.push({ bucket, key, etag, copy });
        else this.failures++;
        if (this.done.length >= 256) this.record();
        if (this.outstanding === 0) for (const resume of this.idle.splice(0)) resume();
      },
      // Nothing was downloaded (a failed or cancelled GET): no row, and not a write failure.
      release: () => {
        if (told) return;
        told = true;
        this.outstanding--;
        if (this.outstanding === 0) for (const resume of this.idle.splice(0)) resume();
      },
    };
  }

  /** Resolves once every reserved object was reported written, with their rows added. */
  async flush(): Promise<void> {
    if (this.outstanding > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    this.record();
  }

  /** Objects that could not be written (a full disk): they are downloaded again next time. */
  get writeFailures(): number {
    return this.failures;
  }

  /** Adds the rows of the objects written so far, in one transaction, then evicts. */
  private record(): void {
    if (this.done.length === 0 || !this.store.db.isOpen) return;
    const rows = this.done.splice(0);
    const insert = this.store.statement('INSERT OR REPLACE INTO objects (bucket, key, etag, file, offset, size, used_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const now = Date.now();
    this.store.transaction(() => {
      for (const row of rows) insert.run(row.bucket, row.key, row.etag, row.copy.pack, row.copy.offset, row.copy.length, now);
    });
    // A replaced row (the same object kept twice) would be counted twice: sum again at the next eviction.
    this.bytes = undefined;
    this.evict();
  }

  usage(): ObjectCacheUsage {
    const row = this.store.statement('SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM objects').get() as Row;
    return { objects: Number(row.n), bytes: Number(row.bytes), capBytes: this.capBytes };
  }

  /** Changes the cap (a setting changed) and evicts down to it. */
  setCap(bytes: number): void {
    this.capBytes = bytes;
    this.evict();
  }

  /** Deletes every cached object. The store's events stay (they answer queries without the bytes). */
  clear(): void {
    this.store.statement('DELETE FROM objects').run();
    this.bytes = 0;
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  /** Frees whole packs, least recently used first, until the objects left fit under the cap. */
  private evict(): void {
    this.bytes ??= this.usage().bytes;
    if (this.bytes <= this.capBytes) return;
    let bytes = this.bytes;
    const packs = this.store.statement('SELECT file, SUM(size) AS bytes, MAX(used_at) AS used FROM objects GROUP BY file ORDER BY used, file').all() as Row[];
    for (const pack of packs) {
      if (bytes <= this.capBytes) break;
      rmSync(join(this.dir, String(pack.file)), { force: true });
      this.store.statement('DELETE FROM objects WHERE file = ?').run(String(pack.file));
      bytes -= Number(pack.bytes);
    }
    this.bytes = bytes;
  }
}
