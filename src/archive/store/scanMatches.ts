/**
 * The first answer over files never read before, without waiting for them to be indexed: a text
 * search for a literal the query's filters force every match to contain (an event name, source,
 * id or access key), then only the records holding it are parsed, normalized and checked exactly.
 * The folder is indexed right after, in the background; later queries use the store.
 */
import { normalizeRecord } from '../../core/event';
import { matchesQueryLocally } from '../../core/filters';
import type { TrailEvent } from '../../core/model';
import type { EventQuery } from '../../core/query';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { readArchiveEvents } from '../readArchiveEvents';
import type { ArchiveFileFormat } from '../scanArchive';

const gunzip = promisify(zlib.gunzip);
/** The fast path reads a whole file; larger ones (or damaged ones) go through the streaming reader. */
const MAX_FAST_PATH_BYTES = 256 * 1024 * 1024;

/** The whole text of a JSON file (gunzipped), or undefined when it is damaged or too large for the fast path. */
async function loadText(path: string): Promise<string | undefined> {
  try {
    let bytes = await readFile(path);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes, { maxOutputLength: MAX_FAST_PATH_BYTES });
    if (bytes.length > MAX_FAST_PATH_BYTES) return undefined;
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
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

/** Characters a value may hold for its text to appear unescaped in the record's JSON. */
const PLAIN = /^[A-Za-z0-9_.:@+=-]+$/;
/** Keys whose value is written as is in the record (no derivation, unlike user names or resources). */
const LITERAL_KEYS = new Set(['EventName', 'EventSource', 'EventId', 'AccessKeyId']);

/** The longest literal every matching record's text contains, or undefined when there is none. */
export function needleOf(query: EventQuery): string | undefined {
  let best: string | undefined;
  for (const filter of query.filters) {
    if (!LITERAL_KEYS.has(filter.key)) continue;
    for (const part of filter.value.split('*')) if (part.length >= 3 && PLAIN.test(part) && part.length > (best?.length ?? 0)) best = part;
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

/**
 * `[start, end)` of each element of a trail file's top-level `Records` array, found by one pass
 * that tracks strings and nesting; undefined when the text is not in that form.
 */
export function recordSpans(text: string): Int32Array | undefined {
  const head = /^\s*\{\s*"Records"\s*:\s*\[/.exec(text.slice(0, 64));
  if (!head) return undefined;
  const spans: number[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = head[0].length; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
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
  if (format !== 'json') return [];
  const text = await loadText(path);
  if (text === undefined) return scanWhole(path, format, query);
  const spans = recordSpans(text);
  // Not a trail file's one `Records` array (a lookup-events export, JSON lines): read it whole.
  if (!spans) return scanWhole(path, format, query);
  if (!text.includes(needle)) return [];
  const events: TrailEvent[] = [];
  let record = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    while (record * 2 < spans.length && (spans[record * 2 + 1] ?? 0) <= at) record++;
    if (record * 2 >= spans.length) break;
    const start = spans.at(record * 2) ?? 0;
    const end = spans.at(record * 2 + 1) ?? 0;
    // Outside every record (between them): not a record's text.
    if (start > at) continue;
    const result = normalizeRecord(JSON.parse(text.slice(start, end)) as unknown, record);
    if (result.ok && eventMatchesQuery(result.event, query)) events.push({ ...result.event, origin: { file: path, recordIndex: record } });
    // One record is checked once, however often it holds the literal.
    at = end - 1;
    record++;
  }
  return events;
}
