// The extension's trail store and object cache, in its global storage folder: opened on first use
// (activation never loads node:sqlite), capped by the `trailCache.maxSizeMB` setting, cleared by
// "Clear Trail Cache", closed when the extension stops.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { ObjectCache } from '../../archive/store/objectCache';
import { TrailStore } from '../../archive/store/trailStore';

/** What "Clear Trail Cache" freed. */
export interface ClearedCache {
  readonly objects: number;
  readonly bytes: number;
}

/** The store and cache of one extension instance. */
export class TrailCache implements vscode.Disposable {
  private opened: { store: TrailStore; cache: ObjectCache } | undefined;

  constructor(
    /** The extension's global storage folder (`context.globalStorageUri.fsPath`). */
    readonly dir: string,
    private readonly capBytes: () => number,
  ) {}

  /** Where the index lives. */
  get storePath(): string {
    return join(this.dir, 'store.sqlite');
  }

  /** The store and object cache, opened now if needed. */
  open(): { store: TrailStore; cache: ObjectCache } {
    if (!this.opened) {
      // VS Code does not create the global storage folder.
      mkdirSync(this.dir, { recursive: true });
      const store = TrailStore.open(this.storePath);
      this.opened = { store, cache: new ObjectCache(store, join(this.dir, 'objects'), this.capBytes()) };
    }
    return this.opened;
  }

  /** True once something opened the store in this session. */
  get isOpen(): boolean {
    return this.opened !== undefined;
  }

  /** Applies a changed size cap (evicting down to it). */
  capChanged(): void {
    this.opened?.cache.setCap(this.capBytes());
  }

  /** Deletes the downloaded objects and the persisted index; the next open starts empty. */
  clear(): ClearedCache {
    const { cache } = this.open();
    const usage = cache.usage();
    cache.clear();
    this.dispose();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.storePath}${suffix}`, { force: true });
    return { objects: usage.objects, bytes: usage.bytes };
  }

  dispose(): void {
    this.opened?.store.close();
    this.opened = undefined;
  }
}
