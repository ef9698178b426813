/**
 * The persisted store of everything seen: trail files and S3 objects (what they were when read,
 * so a reopen knows what changed), their events (indexed columns + the record), record errors,
 * and LookupEvents coverage. One SQLite database (`node:sqlite`), synchronous and single-writer:
 * the extension host and the CLI each own their connection; WAL lets a second reader in.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { TrailEvent } from '../../core/model';
import type { EventQuery } from '../../core/query';
import { EVENT_INDEXES, SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import { openDatabase } from './sqlite';
import { eventOfRow } from './eventRow';
import { type ParsedFile, collector, packRows, pushEvent } from './parsedFile';
import { selectSql, whereOf } from './storeQuery';

/** What identifies one file or object of a source, and what its path says. */
export interface FileFacts {
  /** Absolute path for local files, the S3 key for objects, `lookup/<region>` for API results. */
  readonly key: string;
  readonly size: number;
  /** Local files: modification time (ms). */
  readonly mtime?: number;
  /** S3 objects: the ETag. */
  readonly etag?: string;
  readonly kind: string;
  readonly format: string;
  readonly account?: string;
  readonly region?: string;
  readonly deliveredAt?: number;
}

/** A file as the store remembers it. */
export interface StoredFile extends FileFacts {
  readonly id: number;
  /** `pending` (not read yet), `indexed`, or `failed` (nothing could be read; `problem` says why). */
  readonly state: 'pending' | 'indexed' | 'failed';
  readonly events: number;
  readonly problem?: string;
  /** Integrity status once validated (verified / unverified / altered / notYetCovered). */
  readonly integrity?: string;
}

/** One stored event row as a query returns it. */
export interface StoredEventRow {
  readonly id: number;
  readonly fileId: number;
  readonly recordIndex: number;
  readonly eventId: string;
  readonly time: number;
  readonly shape: number;
  readonly body: string;
}

type Row = Record<string, unknown>;

/** Rows per INSERT statement (15 columns each: well under SQLite's 32,766 parameters). */
const BATCH = 256;

function placeholders(rows: number, columns: number): string {
  const one = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(one).join(', ');
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : num(v));

function fileOfRow(row: Row): StoredFile {
  const mtime = optNum(row.mtime);
  const etag = optStr(row.etag);
  const account = optStr(row.account);
  const region = optStr(row.region);
  const deliveredAt = optNum(row.delivered_at);
  const problem = optStr(row.problem);
  const integrity = optStr(row.integrity);
  return {
    id: num(row.id),
    key: String(row.key),
    size: num(row.size),
    kind: String(row.kind),
    format: String(row.format),
    state: String(row.state) as StoredFile['state'],
    events: num(row.events),
    ...(mtime !== undefined ? { mtime } : {}),
    ...(etag !== undefined ? { etag } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    ...(problem !== undefined ? { problem } : {}),
    ...(integrity !== undefined ? { integrity } : {}),
  };
}

/** The store. Create with {@link TrailStore.open}; `close()` when done. */
export class TrailStore {
  private readonly statements = new Map<string, StatementSync>();
  private bulkDepth = 0;

  private constructor(
    /** The database (exposed for the store's own modules: coverage, object cache bookkeeping). */
    readonly db: DatabaseSync,
    readonly path: string,
  ) {}

  /** Opens or creates the store at `path` (`:memory:` for a throwaway one). */
  static open(path: string): TrailStore {
    const db = openDatabase(path);
    const version = (() => {
      try {
        return (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as Row | undefined)?.value;
      } catch {
        return undefined;
      }
    })();
    const interrupted = version !== undefined && (db.prepare("SELECT value FROM meta WHERE key = 'bulk'").get() as Row | undefined) !== undefined;
    if (interrupted || (version !== undefined && version !== String(SCHEMA_VERSION))) {
      // A cache from another version, or one a crash left mid-load: start again rather than misread it.
      for (const table of ['meta', 'sources', 'files', 'events', 'bodies', 'event_resources', 'record_errors', 'coverage', 'listed', 'objects']) db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
    db.exec(SCHEMA_SQL);
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    const store = new TrailStore(db, path);
    store.createIndexes(false);
    return store;
  }

  /** A cached prepared statement. */
  statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  /** The id of a source (`folder:/abs`, `s3://bucket/prefix`, `api:<account>`), created on first use. */
  sourceId(locator: string, kind: string): number {
    const existing = this.statement('SELECT id FROM sources WHERE locator = ?').get(locator) as Row | undefined;
    if (existing) {
      this.statement('UPDATE sources SET opened_at = ? WHERE id = ?').run(Date.now(), num(existing.id));
      return num(existing.id);
    }
    return num(this.statement('INSERT INTO sources (locator, kind, opened_at) VALUES (?, ?, ?)').run(locator, kind, Date.now()).lastInsertRowid);
  }

  /** What a source saved about itself (e.g. a bucket's layout), or undefined. */
  sourceState(sourceId: number): unknown {
    const row = this.statement('SELECT state FROM sources WHERE id = ?').get(sourceId) as Row | undefined;
    return typeof row?.state === 'string' ? (JSON.parse(row.state) as unknown) : undefined;
  }

  setSourceState(sourceId: number, state: unknown): void {
    this.statement('UPDATE sources SET state = ?, refreshed_at = ? WHERE id = ?').run(JSON.stringify(state), Date.now(), sourceId);
  }

  /** A listed prefix of a source: when, up to which key, and whether it can still change. */
  listing(sourceId: number, prefix: string): { listedAt: number; lastKey?: string; complete: boolean } | undefined {
    const row = this.statement('SELECT listed_at, last_key, complete FROM listed WHERE source_id = ? AND prefix = ?').get(sourceId, prefix) as Row | undefined;
    if (!row) return undefined;
    const lastKey = optStr(row.last_key);
    return { listedAt: num(row.listed_at), complete: num(row.complete) === 1, ...(lastKey !== undefined ? { lastKey } : {}) };
  }

  setListing(sourceId: number, prefix: string, lastKey: string | undefined, complete: boolean): void {
    this.statement('INSERT OR REPLACE INTO listed (source_id, prefix, listed_at, last_key, complete) VALUES (?, ?, ?, ?, ?)').run(sourceId, prefix, Date.now(), lastKey ?? null, complete ? 1 : 0);
  }

  /** Every file of a source, in key order. */
  files(sourceId: number): StoredFile[] {
    return (this.statement('SELECT * FROM files WHERE source_id = ? ORDER BY key').all(sourceId) as Row[]).map(fileOfRow);
  }

  /**
   * Records a file as seen now. Unknown files are added as pending; a known file whose size,
   * mtime or ETag changed loses its events and becomes pending again. Returns the stored file.
   */
  upsertFile(sourceId: number, facts: FileFacts): StoredFile {
    const row = this.statement('SELECT * FROM files WHERE source_id = ? AND key = ?').get(sourceId, facts.key) as Row | undefined;
    if (row) {
      const known = fileOfRow(row);
      // Tools that copy times (cp -p, rsync, utimes) round through floating-point seconds: ±1 ms is the same time.
      const sameTime = known.mtime === facts.mtime || (known.mtime !== undefined && facts.mtime !== undefined && Math.abs(known.mtime - facts.mtime) <= 1);
      const same = known.size === facts.size && sameTime && known.etag === facts.etag;
      if (same) return known;
      this.forgetFileEvents(known.id);
      this.statement('UPDATE files SET size = ?, mtime = ?, etag = ?, state = ?, events = 0, problem = NULL, integrity = NULL, integrity_detail = NULL WHERE id = ?').run(
        facts.size,
        facts.mtime ?? null,
        facts.etag ?? null,
        'pending',
        known.id,
      );
      return { ...facts, id: known.id, state: 'pending', events: 0 };
    }
    const id = num(
      this.statement('INSERT INTO files (source_id, key, size, mtime, etag, kind, format, account, region, delivered_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        sourceId,
        facts.key,
        facts.size,
        facts.mtime ?? null,
        facts.etag ?? null,
        facts.kind,
        facts.format,
        facts.account ?? null,
        facts.region ?? null,
        facts.deliveredAt ?? null,
        'pending',
      ).lastInsertRowid,
    );
    return { ...facts, id, state: 'pending', events: 0 };
  }

  /** Removes files of a source that no longer exist (and their events). */
  removeFiles(fileIds: readonly number[]): void {
    this.transaction(() => {
      for (const id of fileIds) {
        this.forgetFileEvents(id);
        this.statement('DELETE FROM files WHERE id = ?').run(id);
      }
    });
  }

  private forgetFileEvents(fileId: number): void {
    this.statement('DELETE FROM event_resources WHERE event IN (SELECT id FROM events WHERE file_id = ?)').run(fileId);
    this.statement('DELETE FROM bodies WHERE id IN (SELECT id FROM events WHERE file_id = ?)').run(fileId);
    this.statement('DELETE FROM events WHERE file_id = ?').run(fileId);
    this.statement('DELETE FROM record_errors WHERE file_id = ?').run(fileId);
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    if (this.db.isTransaction) return work();
    this.db.exec('BEGIN');
    try {
      const value = work();
      this.db.exec('COMMIT');
      return value;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /**
   * Adds a file's rows and resource keys; call inside the file's transaction. Rows go in batches
   * of {@link BATCH} per statement with ids assigned here: one call per row costs several times more.
   */
  addRows(sourceId: number, fileId: number, parsed: Pick<ParsedFile, 'rows' | 'bodies' | 'bodyEnds' | 'resources'>): void {
    const { rows, resources, bodies: bytes, bodyEnds } = parsed;
    if (rows.length === 0) return;
    this.transaction(() => {
      const base = num((this.statement('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM events').get() as Row).next);
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        const events: SQLInputValue[] = [];
        const bodies: SQLInputValue[] = [];
        batch.forEach((r, i) => {
          const id = base + at + i;
          const row = at + i;
          events.push(id, sourceId, fileId, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]);
          bodies.push(id, bytes.subarray(row === 0 ? 0 : (bodyEnds[row - 1] ?? 0), bodyEnds[row] ?? 0));
        });
        this.statement(`INSERT INTO events (id, source_id, file_id, record_index, event_id, time, region, event_source, name, user_name, access_key, read_only, error_code, insight, shape) VALUES ${placeholders(batch.length, 15)}`).run(...events);
        this.statement(`INSERT INTO bodies (id, body) VALUES ${placeholders(batch.length, 2)}`).run(...bodies);
      }
      for (let at = 0; at < resources.length; at += BATCH) {
        const batch = resources.slice(at, at + BATCH);
        const values: SQLInputValue[] = [];
        for (const [position, name, type] of batch) values.push(base + position, sourceId, name, type);
        this.statement(`INSERT INTO event_resources (event, source_id, name, type) VALUES ${placeholders(batch.length, 4)}`).run(...values);
      }
    });
  }

  /** Adds normalized events (LookupEvents results, built in code); see {@link addRows}. */
  addEvents(sourceId: number, fileId: number, events: readonly { readonly event: TrailEvent; readonly index: number; readonly asEvent?: boolean }[]): void {
    const into = collector();
    for (const item of events) pushEvent(into, item.event, item.index, item.asEvent === true);
    this.addRows(sourceId, fileId, packRows(into));
  }

  /** Records a record that could not be normalized. */
  addRecordError(fileId: number, recordIndex: number, message: string): void {
    this.statement('INSERT INTO record_errors (file_id, record_index, message) VALUES (?, ?, ?)').run(fileId, recordIndex, message);
  }

  /** Marks a file read: its state, event count and the problem that concerns it as a whole. */
  finishFile(fileId: number, state: StoredFile['state'], events: number, problem?: string): void {
    this.statement('UPDATE files SET state = ?, events = ?, problem = ? WHERE id = ?').run(state, events, problem ?? null, fileId);
  }

  /** Sets a file's integrity status (verified / unverified / altered / notYetCovered) and its detail. */
  setIntegrity(fileId: number, status: string, detail?: string): void {
    this.statement('UPDATE files SET integrity = ?, integrity_detail = ? WHERE id = ?').run(status, detail ?? null, fileId);
  }

  /** The integrity detail JSON a validation stored for a file, parsed. */
  integrityDetail(fileId: number): unknown {
    const row = this.statement('SELECT integrity_detail FROM files WHERE id = ?').get(fileId) as Row | undefined;
    return typeof row?.integrity_detail === 'string' ? (JSON.parse(row.integrity_detail) as unknown) : undefined;
  }

  clearIntegrity(fileId: number): void {
    this.statement('UPDATE files SET integrity = NULL, integrity_detail = NULL WHERE id = ?').run(fileId);
  }

  /** Record errors of a source's files: `{ key, index, message }`. */
  recordErrors(sourceId: number): { key: string; index: number; message: string }[] {
    return (this.statement('SELECT f.key, r.record_index, r.message FROM record_errors r JOIN files f ON f.id = r.file_id WHERE f.source_id = ? ORDER BY f.key, r.record_index').all(sourceId) as Row[]).map((row) => ({
      key: String(row.key),
      index: num(row.record_index),
      message: String(row.message),
    }));
  }

  /**
   * Drops the event indexes while many rows go in, and builds them once afterwards: call
   * `endBulk()` in a `finally`. Nested calls are counted.
   */
  beginBulk(): void {
    if (this.bulkDepth++ > 0) return;
    // Without a journal a crash can leave a damaged file: the marker makes the next open rebuild it.
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('bulk', '1')").run();
    for (const [name] of EVENT_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
    this.db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;');
  }

  endBulk(): void {
    if (--this.bulkDepth > 0) return;
    this.createIndexes();
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.prepare("DELETE FROM meta WHERE key = 'bulk'").run();
  }

  private createIndexes(analyze = true): void {
    for (const [name, on] of EVENT_INDEXES) this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
    // Statistics for the planner, refreshed after loads (cheap with a sampling limit).
    if (analyze) this.db.exec('PRAGMA analysis_limit = 1000; ANALYZE');
  }

  /** Rows matching `query` in a source, newest first, `limit` from `offset`. */
  queryRows(sourceId: number, query: EventQuery, offset = 0, limit = -1): StoredEventRow[] {
    const where = whereOf(sourceId, query);
    const rows = this.statement(selectSql(where, 'e.id, e.file_id, e.record_index, e.event_id, e.time, e.shape, (SELECT b.body FROM bodies b WHERE b.id = e.id) AS body')).all(...where.params, limit, offset) as Row[];
    return rows.map((row) => ({
      id: num(row.id),
      fileId: num(row.file_id),
      recordIndex: num(row.record_index),
      eventId: String(row.event_id),
      time: num(row.time),
      shape: num(row.shape),
      // Bodies are stored as UTF-8 bytes (see ParsedFile.bodies).
      body: typeof row.body === 'string' ? row.body : Buffer.from(row.body as Uint8Array).toString('utf8'),
    }));
  }

  /** How many rows match `query` in a source (copies of one event in two files count twice). */
  count(sourceId: number, query: EventQuery): number {
    const where = whereOf(sourceId, query);
    return num((this.statement(`SELECT COUNT(*) AS n FROM events e WHERE ${where.sql}`).get(...where.params) as Row).n);
  }

  /** The event of a stored row. */
  eventOf(row: StoredEventRow): TrailEvent | undefined {
    return eventOfRow(row.shape, row.body, row.recordIndex);
  }
}
