/**
 * One entry point for every file the archive reads: trail log files (through `recordFile.ts`),
 * lookup-events / console JSON exports and the console CSV export, all normalized to events.
 * Problems with the file as a whole (cannot open, truncated gzip, not CloudTrail) and with single
 * records are told apart, so one bad record never hides a file and one bad file never stops a folder.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { normalizeRecord } from '../core/event';
import type { TrailEvent } from '../core/model';
import { consoleCsvRowToEvent, isConsoleCsvHeader } from './consoleCsv';
import { looksLikeExportJson, readExportJson } from './exportJson';
import { parseCsv } from './parseCsv';
import { parseRecordText } from './recordFile';
import type { ArchiveFileFormat } from './scanArchive';

/** One item read from a file. `fileError` items concern the whole file (no record index). */
export type ArchiveReadItem =
  | { readonly kind: 'event'; readonly event: TrailEvent; readonly index: number }
  | { readonly kind: 'recordError'; readonly message: string; readonly index: number }
  | { readonly kind: 'fileError'; readonly message: string };

function messageOf(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'file not found';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') return `corrupt or truncated gzip (${err.message})`;
    return err.message;
  }
  if (typeof err === 'object' && err !== null && 'error' in err) return String(err.error);
  return String(err);
}

async function* readCsv(path: string, wanted?: ReadonlySet<number>): AsyncGenerator<ArchiveReadItem> {
  const rows = parseCsv(await readFile(path, 'utf8'));
  const [header, ...data] = rows as [string[] | undefined, ...string[][]];
  if (header === undefined || !isConsoleCsvHeader(header)) {
    yield { kind: 'fileError', message: 'Not a CloudTrail CSV export: expected columns "Event time", "Event name" and "Event ID"' };
    return;
  }
  for (let index = 0; index < data.length; index++) {
    const row = data[index];
    if ((row.length === 1 && row[0] === '') || (wanted && !wanted.has(index))) continue;
    const result = consoleCsvRowToEvent(header, row, index);
    yield result.ok ? { kind: 'event', event: result.event, index } : { kind: 'recordError', message: result.error.error, index };
  }
}

/** A JSON file read into memory: its text, or why it could not be read. `export` means a lookup-events/console export. */
export type LoadedJson = { readonly kind: 'trail'; readonly text: string; readonly truncation?: string } | { readonly kind: 'export'; readonly text: string } | { readonly kind: 'error'; readonly message: string };

const gunzip = promisify(zlib.gunzip);

/** Gunzips, salvaging what precedes damage (a sync flush keeps partial output), as `recordFile.ts` does. */
async function inflate(bytes: Buffer): Promise<{ data: Buffer; error?: string }> {
  try {
    return { data: await gunzip(bytes) };
  } catch (err) {
    const data = await gunzip(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).catch(() => Buffer.alloc(0));
    return { data, error: messageOf(err) };
  }
}

/**
 * The I/O half of reading a JSON file (read, gunzip, decode), kept apart from parsing so the index
 * can read files ahead while it parses another: only bytes wait in memory, never parsed records.
 */
export async function loadJsonFile(path: string): Promise<LoadedJson> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { kind: 'error', message: `Cannot read: ${messageOf(err)}` };
  }
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let truncation: string | undefined;
  if (gzipped) {
    const inflated = await inflate(bytes);
    if (inflated.error !== undefined) {
      if (inflated.data.length === 0) return { kind: 'error', message: `File is a damaged or truncated gzip file (${inflated.error}); nothing could be read from it` };
      truncation = `File is a damaged or truncated gzip file (${inflated.error}); records after the damage are missing`;
    }
    bytes = inflated.data;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (!gzipped && looksLikeExportJson(text.slice(0, 4096))) return { kind: 'export', text };
  return truncation === undefined ? { kind: 'trail', text } : { kind: 'trail', text, truncation };
}

/** The parsing half: records of a loaded file, normalized, synchronously and in file order. */
export function* eventsOfJson(path: string, loaded: LoadedJson, wanted?: ReadonlySet<number>): Generator<ArchiveReadItem> {
  if (loaded.kind === 'error') {
    yield { kind: 'fileError', message: loaded.message };
    return;
  }
  if (loaded.kind === 'export') {
    let index = 0;
    for (const result of readExportJson(loaded.text)) {
      if (!wanted || wanted.has(index)) {
        if (result.ok) yield { kind: 'event', event: result.event, index };
        else if (result.error.index === undefined) yield { kind: 'fileError', message: result.error.error };
        else yield { kind: 'recordError', message: result.error.error, index: result.error.index };
      }
      index++;
    }
    return;
  }
  for (const item of parseRecordText(loaded.text, path, loaded.truncation !== undefined)) {
    if (item.kind === 'error') {
      if (item.index === undefined) yield { kind: 'fileError', message: item.error };
      else yield { kind: 'recordError', message: item.error, index: item.index };
      continue;
    }
    if (wanted && !wanted.has(item.index)) continue;
    const result = normalizeRecord(item.record, item.index);
    if (result.ok) yield { kind: 'event', event: result.event, index: item.index };
    else yield { kind: 'recordError', message: result.error.error, index: item.index };
  }
  if (loaded.truncation !== undefined) yield { kind: 'fileError', message: loaded.truncation };
}

/**
 * Reads one file as events, in file order. Never throws: an unreadable file, a truncated gzip or a
 * non-CloudTrail file ends with one `fileError` (after any records read before the damage).
 * With `wanted`, only those record indexes are normalized and yielded (re-reads for a query).
 */
export async function* readArchiveEvents(path: string, format: ArchiveFileFormat, wanted?: ReadonlySet<number>): AsyncGenerator<ArchiveReadItem> {
  try {
    if (format === 'csv') yield* readCsv(path, wanted);
    else yield* eventsOfJson(path, await loadJsonFile(path), wanted);
  } catch (err) {
    yield { kind: 'fileError', message: messageOf(err) };
  }
}
