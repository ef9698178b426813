// Where cloud blame keeps its lookups across restarts: one JSON file in the extension's global
// storage, an entry per source, region and resource with the newest changes found and the window
// they cover (CloudTrail events never change, so a covered window needs no request after a restart).
// A missing or unreadable file is an empty cache (said once in the log, rewritten on the next save);
// writes go to a temporary file renamed over the old one, so a crash never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TrailEvent } from '../../core/model';

/** What is kept for one resource: its newest changes in `[start, end]` (epoch ms). */
export interface StoredHistory {
  readonly start: number;
  readonly end: number;
  readonly changes: readonly TrailEvent[];
  readonly regions: readonly string[];
}

/** The storage a {@link BlameCache} reads before looking up and writes after. */
export interface BlameStore {
  get(key: string): StoredHistory | undefined;
  set(key: string, value: StoredHistory): void;
  clear(): void;
  /** Writes what is pending now (on dispose). */
  flush(): void;
}

/** Most resources kept (the oldest saved are dropped first). */
const MAX_ENTRIES = 5000;
/** Saves are batched: a drift scan of 200 resources writes the file a few times, not 200. */
const SAVE_DELAY_MS = 500;
const VERSION = 1;

function isStored(value: unknown): value is StoredHistory {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof StoredHistory, unknown>>;
  return typeof v.start === 'number' && typeof v.end === 'number' && Array.isArray(v.changes) && Array.isArray(v.regions);
}

/** The store in `folder` (the extension's `globalStorageUri.fsPath`). */
export class BlameFileStore implements BlameStore {
  private entries: Map<string, StoredHistory> | undefined;
  private readonly file: string;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    folder: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.file = path.join(folder, 'cloud-blame-cache.json');
  }

  get(key: string): StoredHistory | undefined {
    return this.load().get(key);
  }

  set(key: string, value: StoredHistory): void {
    const entries = this.load();
    entries.delete(key);
    entries.set(key, value);
    while (entries.size > MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    this.timer ??= setTimeout(() => { this.flush(); }, SAVE_DELAY_MS);
  }

  clear(): void {
    this.entries = new Map();
    this.flush();
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.entries !== undefined) this.save();
  }

  private load(): Map<string, StoredHistory> {
    if (this.entries !== undefined) return this.entries;
    this.entries = new Map();
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return this.entries; // no cache yet
    }
    try {
      const parsed = JSON.parse(text) as { version?: unknown; entries?: unknown };
      if (parsed.version !== VERSION || !Array.isArray(parsed.entries)) throw new Error(`not a version ${String(VERSION)} cache`);
      for (const item of parsed.entries as unknown[]) {
        if (Array.isArray(item) && typeof item[0] === 'string' && isStored(item[1])) this.entries.set(item[0], item[1]);
      }
    } catch (err) {
      this.log(`The cloud blame cache ${this.file} is unreadable (${err instanceof Error ? err.message : String(err)}); starting with an empty one.`);
    }
    return this.entries;
  }

  private save(): void {
    const entries = this.entries ?? new Map<string, StoredHistory>();
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${String(process.pid)}.tmp`;
      writeFileSync(temp, JSON.stringify({ version: VERSION, entries: [...entries] }), 'utf8');
      renameSync(temp, this.file);
    } catch (err) {
      this.log(`Could not save the cloud blame cache to ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
