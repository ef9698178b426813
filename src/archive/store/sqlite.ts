/**
 * Opens the store's database with `node:sqlite` (built into Node 22: SQLite with JSON1 and FTS5,
 * no native module to ship per platform). The module is loaded on first use only, so activation
 * and the CLI's other commands never pay for it, and its one-time "experimental" warning is kept
 * out of the user's terminal and logs.
 */
import type { DatabaseSync } from 'node:sqlite';

type SqliteModule = typeof import('node:sqlite');

let loaded: SqliteModule | undefined;

/** Loads `node:sqlite`, or throws a message that says which Node it needs. */
export function sqliteModule(): SqliteModule {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning.bind(process);
  // The warning is emitted once, synchronously, while the module loads.
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/i.test(text)) return;
    (emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('node:sqlite') as SqliteModule;
  } catch (err) {
    throw new Error(`The trail store needs Node 22.13 or later (node:sqlite); this is Node ${process.versions.node}`, { cause: err });
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

/** Opens (creating if needed) a database file, or `:memory:`, tuned for one writer and fast reads. */
export function openDatabase(path: string): DatabaseSync {
  const { DatabaseSync: Database } = sqliteModule();
  const db = new Database(path);
  // Larger pages: a record body is about a kilobyte, and bulk loads write fewer, fuller pages (new files only).
  db.exec(`PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
    PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824; PRAGMA foreign_keys = OFF; PRAGMA busy_timeout = 5000;`);
  return db;
}
