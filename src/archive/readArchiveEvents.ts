/**
 * One entry point for every file the archive reads: trail log files (through `recordFile.ts`),
 * lookup-events / console JSON exports and the console CSV export, all normalized to events.
 * Problems with the file as a whole (cannot open, truncated gzip, not CloudTrail) and with single
 * records are told apart, so one bad record never hides a file and one bad file never stops a folder.
 */
import { open, readFile } from 'node:fs/promises';
import { normalizeRecord } from '../core/event';
import type { TrailEvent } from '../core/model';
import { consoleCsvRowToEvent, isConsoleCsvHeader } from './consoleCsv';
import { looksLikeExportJson, readExportJson } from './exportJson';
import { parseCsv } from './parseCsv';
import { readRecordFile } from './recordFile';
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

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
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

async function* readJson(path: string, wanted?: ReadonlySet<number>): AsyncGenerator<ArchiveReadItem> {
  const head = await readHead(path);
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzipped && looksLikeExportJson(head.toString('utf8'))) {
    let index = 0;
    for (const result of readExportJson(await readFile(path, 'utf8'))) {
      if (wanted && !wanted.has(index)) {
        index++;
        continue;
      }
      if (result.ok) yield { kind: 'event', event: result.event, index: index };
      else if (result.error.index === undefined) yield { kind: 'fileError', message: result.error.error };
      else yield { kind: 'recordError', message: result.error.error, index: result.error.index };
      index++;
    }
    return;
  }
  for await (const item of readRecordFile(path)) {
    if (item.kind === 'error') {
      if (item.index === undefined) yield { kind: 'fileError', message: messageOf(item.error) };
      else yield { kind: 'recordError', message: messageOf(item.error), index: item.index };
      continue;
    }
    if (wanted && !wanted.has(item.index)) continue;
    const result = normalizeRecord(item.record, item.index);
    if (result.ok) yield { kind: 'event', event: result.event, index: item.index };
    else yield { kind: 'recordError', message: result.error.error, index: item.index };
  }
}

/**
 * Reads one file as events, in file order. Never throws: an unreadable file, a truncated gzip or a
 * non-CloudTrail file ends with one `fileError` (after any records read before the damage).
 * With `wanted`, only those record indexes are normalized and yielded (re-reads for a query).
 */
export async function* readArchiveEvents(path: string, format: ArchiveFileFormat, wanted?: ReadonlySet<number>): AsyncGenerator<ArchiveReadItem> {
  try {
    yield* format === 'csv' ? readCsv(path, wanted) : readJson(path, wanted);
  } catch (err) {
    yield { kind: 'fileError', message: messageOf(err) };
  }
}
