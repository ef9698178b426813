/**
 * The first answer over files never read before, without waiting for them to be indexed: a text
 * search for a literal the query's filters force every match to contain (an event name, source,
 * id or access key), then only the records holding it are parsed, normalized and checked exactly.
 * The folder is indexed right after, in the background; later queries use the store.
 */
import { normalizeRecord } from '../../core/event';
import { USER_NAMES_NOT_IN_RECORD } from '../../core/principal';
import { matchesQueryLocally } from '../../core/filters';
import type { TrailEvent } from '../../core/model';
import type { EventQuery } from '../../core/query';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { readArchiveEvents } from '../readArchiveEvents';
import { recordsStart } from '../wholeTrailFile';
import type { ArchiveFileFormat } from '../scanArchive';

const gunzip = promisify(zlib.gunzip);
/** The fast path reads a whole file; larger ones (or damaged ones) go through the streaming reader. */
const MAX_FAST_PATH_BYTES = 256 * 1024 * 1024;

/** The bytes of a JSON file (gunzipped), or undefined when it is damaged or too large for the fast path. */
async function loadBytes(path: string): Promise<Buffer | undefined> {
  try {
    let bytes = await readFile(path);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes, { maxOutputLength: MAX_FAST_PATH_BYTES });
    return bytes.length > MAX_FAST_PATH_BYTES ? undefined : bytes;
  } catch {
    return undefined;
  }
}

/** Every matching event of a file through the streaming reader (exports, damaged or large files). */
async function scanWhole(path: string, format: ArchiveFileFormat, query: EventQuery): Promise<TrailEvent[]> {
  const events: TrailEvent[] = [];
  for await (const item of readArchiveEvents(path, format)) {
    if (item.kind === 'event' && eventMatchesQuery(item.event, query)) events.push({ ...item.event, origin: { file: path, recordIndex: item.index } });
  }
  return events;
}

/** Runs of characters JSON writes as they are (CloudTrail escapes none of them). */
const PLAIN_RUNS = /[A-Za-z0-9_.:@+=-]+/g;
/** Shortest literal worth a text search. */
const MIN_NEEDLE = 3;
/**
 * Keys whose matching values are strings of the record as they are, or parts of them: event name,
 * source, id, access key, resource names and ARNs, and user names (an IAM user name, the session
 * part of a role ARN or principal id…) — except the few names derivation writes itself.
 */
const TEXT_KEYS = new Set(['EventName', 'EventSource', 'EventId', 'AccessKeyId', 'ResourceName', 'Username']);
const NOT_IN_RECORD: Readonly<Record<string, readonly string[]>> = { Username: Object.values(USER_NAMES_NOT_IN_RECORD) };

/**
 * The longest literal every matching record's text contains, or undefined when there is none: a run
 * of plain characters (JSON never escapes them) of a filter value's literal parts (between `*`
 * wildcards), at least 3 long, never part of a name derivation writes itself.
 */
export function needleOf(query: EventQuery): string | undefined {
  let best: string | undefined;
  for (const filter of query.filters) {
    if (!TEXT_KEYS.has(filter.key)) continue;
    const written = NOT_IN_RECORD[filter.key] ?? [];
    for (const part of filter.value.split('*')) {
      for (const [run] of part.matchAll(PLAIN_RUNS)) {
        if (run.length >= MIN_NEEDLE && run.length > (best?.length ?? 0) && !written.some((name) => name.includes(run))) best = run;
      }
    }
  }
  return best;
}

/** Whether an event answers the query (time, regions, category, switches and every filter, exactly). */
export function eventMatchesQuery(event: TrailEvent, query: EventQuery): boolean {
  if (event.time < query.start || event.time > query.end) return false;
  if (query.regions.length > 0 && !query.regions.includes(event.region)) return false;
  const insight = event.category === 'Insight' || event.eventType === 'AwsCloudTrailInsight';
  if (insight !== (query.category === 'insight')) return false;
  return matchesQueryLocally(event, { local: query.filters }, query);
}

export { recordsStart };

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * `[start, end)` (byte offsets) of each element of a trail file's top-level `Records` array,
 * found by one pass over the UTF-8 bytes that tracks strings and nesting (a string is skipped with
 * a native search for its closing quote); undefined when the bytes are not in that form. Exact for
 * UTF-8: no byte of a multi-byte character is a quote, backslash, brace or bracket.
 */
export function recordSpans(bytes: Uint8Array, from = recordsStart(bytes)): Int32Array | undefined {
  if (from < 0) return undefined;
  const spans: number[] = [];
  let depth = 0;
  let start = -1;
  for (let i = from, n = bytes.length; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      // The closing quote: the next one not escaped (preceded by an even run of backslashes).
      let close = i;
      for (;;) {
        close = bytes.indexOf(QUOTE, close + 1);
        if (close < 0) return Int32Array.from(spans);
        let backslashes = 0;
        while (bytes[close - 1 - backslashes] === BACKSLASH) backslashes++;
        if ((backslashes & 1) === 0) break;
      }
      i = close;
    } else if (c === 123 || c === 91) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 125 || c === 93) {
      if (depth === 0) break;
      depth--;
      if (depth === 0 && start >= 0) spans.push(start, i + 1);
    }
  }
  return Int32Array.from(spans);
}

/** The events of one file that answer `query`, reading only the records that contain `needle`. */
export async function scanTrailFile(path: string, format: ArchiveFileFormat, query: EventQuery, needle: string): Promise<TrailEvent[]> {
  // A console CSV export is no trail file's text: the streaming reader reads it whole.
  if (format !== 'json') return scanWhole(path, format, query);
  const bytes = await loadBytes(path);
  if (bytes === undefined) return scanWhole(path, format, query);
  const from = recordsStart(bytes);
  // Not a trail file's one `Records` array (a lookup-events export, JSON lines): read it whole.
  if (from < 0) return scanWhole(path, format, query);
  // The needle is plain ASCII, so its bytes are its text; a file without it holds no match.
  let at = bytes.indexOf(needle, from, 'latin1');
  if (at < 0) return [];
  const spans = recordSpans(bytes, from) ?? new Int32Array(0);
  const events: TrailEvent[] = [];
  let record = 0;
  for (; at >= 0; at = bytes.indexOf(needle, at + 1, 'latin1')) {
    while (record * 2 < spans.length && (spans[record * 2 + 1] ?? 0) <= at) record++;
    if (record * 2 >= spans.length) break;
    const start = spans.at(record * 2) ?? 0;
    const end = spans.at(record * 2 + 1) ?? 0;
    // Outside every record (between them): not a record's text.
    if (start > at) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8', start, end));
    } catch {
      // Damaged inside (the gzip itself was whole): the streaming reader keeps every good record and names the damage.
      return scanWhole(path, format, query);
    }
    const result = normalizeRecord(raw, record);
    if (result.ok && eventMatchesQuery(result.event, query)) events.push({ ...result.event, origin: { file: path, recordIndex: record } });
    // One record is checked once, however often it holds the literal.
    at = end - 1;
    record++;
  }
  return events;
}
