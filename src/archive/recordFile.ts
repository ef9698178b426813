/**
 * Reads the raw CloudTrail records of one file: a trail log file (`{"Records":[…]}`, gzipped or
 * not — gzip is detected by its magic bytes, whatever the name), a bare JSON array of records, JSON
 * lines of records, or JSON lines of `{"record": …}` wrappers. Damage never throws: a bad line is a
 * per-record error item, an unreadable, truncated or non-JSON file is one file-level error item.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

/**
 * One item read from a record file. `error` items without `index` concern the whole file (it could
 * not be read, is not JSON, or was truncated after the records already yielded).
 */
export type RecordItem =
  | { readonly kind: 'record'; readonly record: unknown; readonly index: number }
  | { readonly kind: 'error'; readonly error: string; readonly index?: number };

const gunzip = promisify(zlib.gunzip);

/**
 * Yields the records of a file in file order. `index` is the position in `Records[]` (or the array)
 * for JSON documents, and the 0-based line number for JSON lines.
 */
export async function* readRecordFile(path: string): AsyncGenerator<RecordItem> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    yield { kind: 'error', error: `Cannot read ${path}: ${messageOf(err)}` };
    return;
  }
  let gzipError: string | undefined;
  if (isGzip(bytes)) {
    const inflated = await inflate(bytes);
    gzipError = inflated.error;
    bytes = inflated.data;
  }
  let text: string;
  try {
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    yield { kind: 'error', error: `Cannot read ${path}: ${messageOf(err)}` };
    return;
  }
  let records = 0;
  for (const item of parseRecordText(text, path, gzipError !== undefined)) {
    if (item.kind === 'record') records++;
    yield item;
  }
  if (gzipError !== undefined) {
    const consequence = records > 0 ? 'records after the damage are missing' : 'no record could be read from it';
    yield { kind: 'error', error: `${path} is a damaged or truncated gzip file (${gzipError}); ${consequence}` };
  }
}

/**
 * Parses the text of a record file (already decompressed). `label` names the file in messages.
 * With `truncated`, an unfinished last line is not reported (the file-level error covers it).
 * Exported for readers of other containers (archives, clipboard) that already hold the text.
 */
export function* parseRecordText(text: string, label: string, truncated = false): Generator<RecordItem> {
  if (text.trim() === '') {
    return;
  }
  let documentError: string | undefined;
  try {
    const whole: unknown = JSON.parse(text);
    yield* recordsOfDocument(whole, label);
    return;
  } catch (err) {
    documentError = messageOf(err);
  }
  yield* recordsOfLines(text, label, documentError, truncated);
}

function* recordsOfDocument(doc: unknown, label: string): Generator<RecordItem> {
  if (Array.isArray(doc)) {
    for (const [index, record] of doc.entries()) yield { kind: 'record', record: unwrap(record), index };
    return;
  }
  if (isObject(doc)) {
    const records = doc.Records ?? doc.records;
    if (Array.isArray(records)) {
      for (const [index, record] of records.entries()) yield { kind: 'record', record, index };
      return;
    }
    if (records !== undefined) {
      yield { kind: 'error', error: `${label}: "Records" is not a list` };
      return;
    }
    if (looksLikeRecord(doc) || isObject(doc.record)) {
      yield { kind: 'record', record: unwrap(doc), index: 0 };
      return;
    }
  }
  yield { kind: 'error', error: `${label} is JSON but not CloudTrail records: expected {"Records": […]}, a list of records, or JSON lines of records` };
}

function* recordsOfLines(text: string, label: string, documentError: string, truncated: boolean): Generator<RecordItem> {
  const lines = text.split('\n');
  // Drop the unfinished line a truncated file ends with; the file-level error reports the damage.
  if (truncated && !text.endsWith('\n')) lines.pop();
  const parsed: RecordItem[] = [];
  let goodLines = 0;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      parsed.push({ kind: 'record', record: unwrap(value), index });
      goodLines++;
    } catch (err) {
      parsed.push({ kind: 'error', error: `${label} line ${index + 1}: not valid JSON (${messageOf(err)})`, index });
    }
  }
  if (goodLines === 0) {
    // Not JSON lines at all: one clear message instead of one per line.
    if (!truncated) yield { kind: 'error', error: `${label} is not valid JSON: ${documentError}` };
    return;
  }
  yield* parsed;
}

/** `{"record": {...}}` (as written by exports and the samples) → the record itself. */
function unwrap(value: unknown): unknown {
  if (isObject(value) && isObject(value.record) && !looksLikeRecord(value)) {
    return value.record;
  }
  return value;
}

function looksLikeRecord(value: Readonly<Record<string, unknown>>): boolean {
  return 'eventName' in value || 'eventTime' in value || 'eventVersion' in value || 'eventID' in value;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips, salvaging what precedes any damage (a sync flush keeps partial output). */
async function inflate(bytes: Buffer): Promise<{ data: Buffer; error?: string }> {
  try {
    return { data: await gunzip(bytes) };
  } catch (err) {
    let data: Buffer;
    try {
      data = await gunzip(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      data = Buffer.alloc(0);
    }
    return { data, error: messageOf(err) };
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a folder, not a file';
    if (code === 'EACCES') return 'permission denied';
    return err.message;
  }
  return String(err);
}
