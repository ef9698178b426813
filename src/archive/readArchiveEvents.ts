/**
 * One entry point for every file the archive reads — trail log files, lookup-events / console JSON
 * exports and the console CSV export — streamed and normalized to events. Problems with the file
 * as a whole (cannot open, empty, truncated, inflate cap, not CloudTrail) and with single records
 * are told apart, so one bad record never hides a file and one bad file never stops a folder.
 * Sources other than the disk (an S3 object) pass a byte stream and a name.
 */
import { type NormalizeOptions, normalizeRecord } from '../core/event';
import { CsvRowReader } from '../core/csv';
import type { TrailEvent } from '../core/model';
import { ByteStreamError, decodedChunks, newByteStreamFacts } from './byteStream';
import { consoleCsvRowToEvent, isConsoleCsvHeader } from './consoleCsv';
import { isLookupEventItem, normalizeExportItem } from './exportJson';
import { DEFAULT_MAX_RECORD_BYTES, openRecordFile, readRecordBatches, type RecordItem, type ReadRecordsOptions } from './recordFile';
import { bufferSource } from './prefetchText';
import { parseWholeTrailFile } from './wholeTrailFile';
import type { ArchiveFileFormat } from './scanArchive';

/** One item read from a file. `fileError` items concern the whole file (no record index). */
export type ArchiveReadItem =
  | { readonly kind: 'event'; readonly event: TrailEvent; readonly index: number; readonly bytes: number }
  | { readonly kind: 'recordError'; readonly message: string; readonly index: number }
  | { readonly kind: 'fileError'; readonly message: string };

/** Options for {@link readArchiveEventBatches}: the record reader's (wanted indexes, caps, signal). */
export interface ArchiveReadOptions extends ReadRecordsOptions {
  /** The events are only indexed, never shown: trail records skip what an index does not hold ({@link NormalizeOptions}). */
  readonly indexOnly?: boolean;
}

async function* csvBatches(source: AsyncIterable<Buffer | string>, name: string, options: ArchiveReadOptions): AsyncGenerator<ArchiveReadItem[]> {
  const facts = newByteStreamFacts();
  const decoder = new TextDecoder('utf-8');
  const reader = new CsvRowReader();
  let header: string[] | undefined;
  let index = 0;
  const rowsToItems = (rows: string[][]): ArchiveReadItem[] => {
    const out: ArchiveReadItem[] = [];
    for (const row of rows) {
      if (header === undefined) {
        header = row;
        continue;
      }
      const at = index++;
      if ((row.length === 1 && row[0] === '') || (options.wanted && !options.wanted.has(at))) continue;
      const result = consoleCsvRowToEvent(header, row, at);
      out.push(result.ok ? { kind: 'event', event: result.event, index: at, bytes: row.reduce((n, cell) => n + cell.length, 0) } : { kind: 'recordError', message: result.error.error, index: at });
    }
    return out;
  };
  const checkHeader = (): ArchiveReadItem | undefined =>
    header !== undefined && !isConsoleCsvHeader(header) ? { kind: 'fileError', message: `${name}: not a CloudTrail CSV export: expected columns "Event time", "Event name" and "Event ID"` } : undefined;
  try {
    for await (const chunk of decodedChunks(source, facts, options)) {
      const items = rowsToItems(reader.push(decoder.decode(chunk, { stream: true })));
      const bad = checkHeader();
      if (bad) {
        yield [bad];
        return;
      }
      if (items.length > 0) yield items;
    }
  } catch (err) {
    if (!(err instanceof ByteStreamError)) throw err;
    yield [err.kind === 'read' ? { kind: 'fileError', message: `Cannot read ${name}: ${err.message}` } : { kind: 'fileError', message: `${name} ${err.message}; rows after it are missing` }];
    return;
  }
  const items = rowsToItems([...reader.push(decoder.decode()), ...reader.end()]);
  const bad = checkHeader();
  if (bad) items.push(bad);
  else if (header === undefined) items.push({ kind: 'fileError', message: facts.sourceBytes === 0 ? `${name} is empty (0 bytes)` : `${name} holds no CSV rows` });
  if (items.length > 0) yield items;
}

const INDEX_ONLY: NormalizeOptions = { indexOnly: true };

function toArchiveItem(item: RecordItem, indexOnly: boolean | undefined): ArchiveReadItem {
  if (item.kind === 'error') return item.index === undefined ? { kind: 'fileError', message: item.error } : { kind: 'recordError', message: item.error, index: item.index };
  const result = item.container === 'Events' || isLookupEventItem(item.record) ? normalizeExportItem(item.record, item.index) : normalizeRecord(item.record, item.index, indexOnly === true ? INDEX_ONLY : undefined);
  return result.ok ? { kind: 'event', event: result.event, index: item.index, bytes: item.bytes } : { kind: 'recordError', message: result.error.error, index: item.index };
}

async function* jsonBatches(source: AsyncIterable<Buffer | string>, name: string, options: ArchiveReadOptions): AsyncGenerator<ArchiveReadItem[]> {
  for await (const batch of readRecordBatches(source, name, options)) {
    const out = batch.map((item) => toArchiveItem(item, options.indexOnly));
    if (out.length > 0) yield out;
  }
}

/**
 * {@link readArchiveEventBatches} for a small file whose text was read (and inflated) whole: a
 * well-formed trail log file takes one JSON.parse; anything else, or any damage, goes through the
 * streaming reader over the same bytes (same records kept, same problem entries). The caller has
 * applied the inflate cap. Each event's `bytes` is its even share of the file's text.
 */
export async function* readArchiveTextBatches(text: Buffer, name: string, format: ArchiveFileFormat, options: ArchiveReadOptions = {}): AsyncGenerator<ArchiveReadItem[]> {
  const records = format === 'csv' || options.signal?.aborted === true ? undefined : parseWholeTrailFile(text, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  if (records === undefined) {
    yield* readArchiveEventBatches(bufferSource(text), name, format, options);
    return;
  }
  const share = Math.ceil(text.length / records.length);
  const out: ArchiveReadItem[] = [];
  for (let index = 0; index < records.length; index++) {
    if (options.wanted && !options.wanted.has(index)) continue;
    out.push(toArchiveItem({ kind: 'record', record: records[index], index, container: 'Records', bytes: share }, options.indexOnly));
  }
  await Promise.resolve();
  if (out.length > 0) yield out;
}

/**
 * Reads one byte stream as events, in file order and in batches. Never throws for bad content: an
 * unreadable, empty, truncated or non-CloudTrail file ends with one `fileError` (after any records
 * read before the damage). With `options.wanted`, only those record indexes are parsed and yielded.
 */
export function readArchiveEventBatches(source: AsyncIterable<Buffer | string>, name: string, format: ArchiveFileFormat, options: ArchiveReadOptions = {}): AsyncGenerator<ArchiveReadItem[]> {
  return format === 'csv' ? csvBatches(source, name, options) : jsonBatches(source, name, options);
}

/** {@link readArchiveEventBatches} for a file on disk, one item at a time. */
export async function* readArchiveEvents(path: string, format: ArchiveFileFormat, wanted?: ReadonlySet<number>, options: ArchiveReadOptions = {}, size?: number): AsyncGenerator<ArchiveReadItem> {
  for await (const batch of readArchiveEventBatches(openRecordFile(path, size), path, format, { ...options, ...(wanted ? { wanted } : {}) })) yield* batch;
}
