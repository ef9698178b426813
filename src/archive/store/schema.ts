/**
 * The store's tables. One database holds every source the user opened — local folders, trail
 * buckets, LookupEvents results — so an event seen once is never fetched or parsed again.
 *
 * - `sources`: one row per opened thing (`folder:/abs/path`, `s3://bucket/prefix`, `api:<account>`).
 * - `files`: one row per trail file / S3 object / LookupEvents region of a source, with what tells a
 *   change (size + mtime for files, ETag for objects), its layout facts, its state, and the
 *   integrity status and provenance the `integrity` work fills in.
 * - `events`: one row per record: the columns every filter and sort needs (small rows, so scans and
 *   index builds stay fast); `bodies` (same id): the record JSON, or for `shape = 1` the normalized
 *   event JSON when no raw record exists (console CSV rows, LookupEvents results).
 * - `event_resources`: resource names/ARNs and types per event (ResourceName / ResourceType filters).
 * - `record_errors`: records that could not be normalized, per file.
 * - `coverage`: time intervals a LookupEvents query shape has fetched completely, per region.
 * - `listed`: S3 prefixes (one per account, region and day) already listed, up to which key, and
 *   whether the day is over (then it never changes: CloudTrail names files by delivery time).
 * - `objects`: the downloaded-object cache (bucket + key + ETag → pack file, offset and size), with last use.
 * - `sources.state`: what a source discovered once (an S3 bucket's layout), so a reopen sends nothing.
 */

/** Bumped when the schema changes; an older store is rebuilt (it is a cache: nothing is lost). */
export const SCHEMA_VERSION = 5;

/** Tables, created when missing. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY, locator TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  opened_at INTEGER NOT NULL, refreshed_at INTEGER, state TEXT
);
CREATE TABLE IF NOT EXISTS listed (
  source_id INTEGER NOT NULL, prefix TEXT NOT NULL, listed_at INTEGER NOT NULL, last_key TEXT, complete INTEGER NOT NULL,
  PRIMARY KEY (source_id, prefix)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS objects (
  bucket TEXT NOT NULL, key TEXT NOT NULL, etag TEXT NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL, size INTEGER NOT NULL, used_at INTEGER NOT NULL,
  PRIMARY KEY (bucket, key, etag)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, key TEXT NOT NULL,
  size INTEGER NOT NULL, mtime INTEGER, etag TEXT,
  kind TEXT NOT NULL, format TEXT NOT NULL, account TEXT, region TEXT, delivered_at INTEGER,
  state TEXT NOT NULL, events INTEGER NOT NULL DEFAULT 0, problem TEXT,
  integrity TEXT, integrity_detail TEXT,
  UNIQUE (source_id, key)
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, file_id INTEGER NOT NULL, record_index INTEGER NOT NULL,
  event_id TEXT NOT NULL, time INTEGER NOT NULL, region TEXT NOT NULL, event_source TEXT NOT NULL, name TEXT NOT NULL,
  user_name TEXT, access_key TEXT, read_only INTEGER, error_code TEXT, insight INTEGER NOT NULL,
  shape INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bodies (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_resources (event INTEGER NOT NULL, source_id INTEGER NOT NULL, name TEXT NOT NULL, type TEXT);
CREATE TABLE IF NOT EXISTS record_errors (file_id INTEGER NOT NULL, record_index INTEGER NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS coverage (
  source_id INTEGER NOT NULL, region TEXT NOT NULL, shape TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, fetched_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS files_source ON files (source_id, kind);
CREATE INDEX IF NOT EXISTS objects_file ON objects (file);
CREATE INDEX IF NOT EXISTS record_errors_file ON record_errors (file_id);
CREATE INDEX IF NOT EXISTS coverage_shape ON coverage (source_id, region, shape);
`;

/**
 * Secondary indexes on the big tables. Kept apart so a bulk load can drop them and build them once
 * at the end (a sort instead of one b-tree insert per row), which is several times faster.
 */
export const EVENT_INDEXES: readonly (readonly [string, string])[] = [
  ['events_time', 'events (source_id, time)'],
  ['events_name', 'events (source_id, name, time)'],
  ['events_user', 'events (source_id, user_name, time)'],
  ['events_source', 'events (source_id, event_source, time)'],
  ['events_event_id', 'events (event_id)'],
  // Failed calls are a few percent of all: a partial index makes "errors only" a short scan.
  ['events_errors', 'events (source_id, time) WHERE error_code IS NOT NULL'],
  ['resources_name', 'event_resources (name)'],
];
