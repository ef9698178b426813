/**
 * Downloaded S3 objects on disk, keyed by bucket + key + ETag (an object that changes gets a new
 * ETag, so a stale copy is never used), under a size cap with least-recently-used eviction. The
 * bookkeeping lives in the store (`objects` table); the bytes in `dir` (the extension's global
 * storage). Events stay queryable after eviction: the store keeps them; only re-validation or an
 * evidence export needs the bytes again.
 *
 * A download is written straight to its final name by whoever holds the bytes (the parser thread,
 * see `ParseBytes.keepAt`), with one `mkdir` per folder and no rename; its row is added, in one
 * transaction per batch, only once the bytes are on disk, so a file is found only when complete
 * (a half-written one after a crash has no row, and the next download overwrites it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TrailStore } from './trailStore';

/** Default size cap: 2 GiB. */
export const DEFAULT_OBJECT_CACHE_BYTES = 2 * 1024 ** 3;

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
  private readonly folders = new Set<string>();
  private readonly done: { bucket: string; key: string; etag: string; file: string; size: number }[] = [];
  private outstanding = 0;
  private readonly idle: (() => void)[] = [];
  private failures = 0;

  constructor(
    private readonly store: TrailStore,
    readonly dir: string,
    private capBytes = DEFAULT_OBJECT_CACHE_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** `key + "\n" + etag` of every object of `bucket` cached now (one query instead of one per object). */
  cachedKeys(bucket: string): ReadonlySet<string> {
    const rows = this.store.statement('SELECT key, etag FROM objects WHERE bucket = ?').all(bucket) as Row[];
    return new Set(rows.map((r) => `${String(r.key)}\n${String(r.etag)}`));
  }

  /** The local file of an object if cached (and marks it used), else undefined. */
  lookup(bucket: string, key: string, etag: string): string | undefined {
    const row = this.store.statement('SELECT file FROM objects WHERE bucket = ? AND key = ? AND etag = ?').get(bucket, key, etag) as Row | undefined;
    if (!row) return undefined;
    const file = join(this.dir, String(row.file));
    try {
      statSync(file);
    } catch {
      this.store.statement('DELETE FROM objects WHERE bucket = ? AND key = ? AND etag = ?').run(bucket, key, etag);
      return undefined;
    }
    this.store.statement('UPDATE objects SET used_at = ? WHERE bucket = ? AND key = ? AND etag = ?').run(Date.now(), bucket, key, etag);
    return file;
  }

  /**
   * Where to keep a downloaded object (its final name; the folder exists), and `written` to call
   * once the bytes are on disk (or could not be written): the rows are added in batches, so the
   * object is found by {@link lookup} after the next {@link flush}; `release` when nothing was downloaded.
   */
  reserve(bucket: string, key: string, etag: string): { readonly path: string; written(ok: boolean, size: number): void; release(): void } {
    const name = createHash('sha256').update(`${bucket}\n${key}\n${etag}`).digest('hex');
    const sub = name.slice(0, 2);
    if (!this.folders.has(sub)) {
      mkdirSync(join(this.dir, sub), { recursive: true });
      this.folders.add(sub);
    }
    this.outstanding++;
    let told = false;
    return {
      path: join(this.dir, sub, name),
      written: (ok, size) => {
        if (told) return;
        told = true;
        this.outstanding--;
        if (ok) this.done.push({ bucket, key, etag, file: join(sub, name), size });
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
    const insert = this.store.statement('INSERT OR REPLACE INTO objects (bucket, key, etag, file, size, used_at) VALUES (?, ?, ?, ?, ?, ?)');
    const now = Date.now();
    this.store.transaction(() => {
      for (const row of rows) insert.run(row.bucket, row.key, row.etag, row.file, row.size, now);
    });
    if (this.bytes !== undefined) this.bytes += rows.reduce((n, r) => n + r.size, 0);
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
    this.folders.clear();
  }

  private evict(): void {
    this.bytes ??= this.usage().bytes;
    if (this.bytes <= this.capBytes) return;
    let bytes = this.usage().bytes;
    const oldest = this.store.statement('SELECT bucket, key, etag, file, size FROM objects ORDER BY used_at, file').all() as Row[];
    for (const row of oldest) {
      if (bytes <= this.capBytes) break;
      rmSync(join(this.dir, String(row.file)), { force: true });
      this.store.statement('DELETE FROM objects WHERE bucket = ? AND key = ? AND etag = ?').run(String(row.bucket), String(row.key), String(row.etag));
      bytes -= Number(row.size);
    }
    this.bytes = bytes;
  }
}
