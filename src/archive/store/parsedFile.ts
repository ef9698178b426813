/**
 * Reading one trail file into store rows: the work an ingest worker thread does (read, gunzip,
 * parse, normalize, serialize) so the thread that writes SQLite only writes. The reading itself
 * goes through {@link readTrailFile}, the one place that names the archive's file reader.
 */
import { Readable } from 'node:stream';
import { readArchiveEventBatches, readArchiveEvents, readArchiveTextBatches, type ArchiveReadItem } from '../readArchiveEvents';
import { smallText } from '../prefetchText';
import { withoutPath } from '../problemText';
import type { ArchiveFileFormat } from '../scanArchive';
import type { TrailEvent } from '../../core/model';
import { isFailed } from '../../core/outcome';
import { BodyShape, resourceKeys } from './eventRow';
import { appendToPack, type KeptCopy } from './objectPack';

/**
 * One event as the writer inserts it: `[recordIndex, eventId, time, region, source, name, userName,
 * accessKey, readOnly, errorCode, insight, shape]` (plain values, cheap to pass between threads).
 */
export type StoreRow = [number, string, number, string, string, string, string | null, string | null, number | null, string | null, number, number];

/** What one file gave. */
export interface ParsedFile {
  readonly rows: StoreRow[];
  /**
   * Every row's body — the record's JSON, or the normalized event's for shape 1 — as UTF-8, one
   * after the other (`bodyEnds[i]` ends row i): one buffer moves between threads without a copy,
   * and SQLite stores each slice as it is.
   */
  readonly bodies: Uint8Array;
  readonly bodyEnds: Uint32Array;
  /** `[row position, resource name, resource type]` for the ResourceName / ResourceType filters. */
  readonly resources: [number, string, string | null][];
  readonly recordErrors: { readonly index: number; readonly message: string }[];
  /** Problems with the file as a whole (unreadable, truncated, not CloudTrail), joined. */
  readonly problem?: string;
  /** Where the bytes were kept (a pack in {@link ParseBytes.keepIn}); absent when not asked or not written. */
  readonly kept?: KeptCopy;
}

/**
 * The archive's reader for one file. When the streaming reader lands (a Node Readable plus a
 * name), this is the one line to change.
 */
export function readTrailFile(path: string, format: ArchiveFileFormat): AsyncIterable<ArchiveReadItem> {
  return readArchiveEvents(path, format);
}

/** Rows being collected for one file. */
export interface RowCollector {
  readonly rows: StoreRow[];
  readonly texts: string[];
  readonly resources: [number, string, string | null][];
}

/** An empty collector. */
export function collector(): RowCollector {
  return { rows: [], texts: [], resources: [] };
}

/** The row of an event and its body text. */
function rowOf(event: TrailEvent, recordIndex: number, asEvent: boolean): { row: StoreRow; text: string } {
  const shape = asEvent || event.partial === true ? BodyShape.Event : BodyShape.Record;
  const p = event.principal;
  const row: StoreRow = [
    recordIndex,
    event.id,
    event.time,
    event.region,
    event.service.source,
    event.name,
    p.userName ?? null,
    p.accessKeyId ?? null,
    event.readOnly === undefined ? null : event.readOnly ? 1 : 0,
    // The failure rule of core (a failed sign-in has no errorCode): '' marks a failure without a code.
    event.errorCode ?? (isFailed(event) ? '' : null),
    event.category === 'Insight' || event.eventType === 'AwsCloudTrailInsight' ? 1 : 0,
    shape,
  ];
  return { row, text: JSON.stringify(shape === BodyShape.Event ? event : event.raw) };
}

/** Appends an event's row, body and resource keys to a file's lists. */
export function pushEvent(into: RowCollector, event: TrailEvent, recordIndex: number, asEvent = false): void {
  const position = into.rows.length;
  const { row, text } = rowOf(event, recordIndex, asEvent);
  into.rows.push(row);
  into.texts.push(text);
  for (const key of resourceKeys(event)) into.resources.push([position, key.name, key.type]);
}

/** Packs the collected bodies into one buffer (not pooled, so it can be transferred). */
export function packRows(into: RowCollector): Pick<ParsedFile, 'rows' | 'bodies' | 'bodyEnds' | 'resources'> {
  const bodyEnds = new Uint32Array(into.texts.length);
  let total = 0;
  into.texts.forEach((text, i) => {
    total += Buffer.byteLength(text, 'utf8');
    bodyEnds[i] = total;
  });
  const bodies = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const text of into.texts) at += bodies.write(text, at, 'utf8');
  return { rows: into.rows, bodies, bodyEnds, resources: into.resources };
}

/**
 * What to parse: a file on disk, or bytes already in memory (an S3 object just downloaded: no
 * file is written and read back before parsing) with the name its problems are told under and,
 * optionally, where to keep a copy once parsed (the object cache's pack folder: appended by the
 * parser thread, so the thread that downloads never waits on the disk).
 */
export type ParseInput = string | ParseBytes;

/** Bytes to parse (see {@link ParseInput}). */
export interface ParseBytes {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly keepIn?: string;
  /** The buffer is the caller's to give away: it moves to the parser thread without a copy. */
  readonly owned?: boolean;
  /** Told (in the calling thread) where the copy went in `keepIn` (undefined: it could not be written). */
  readonly kept?: (copy: KeptCopy | undefined) => void;
}

/** The input's items and its name (the prefix that {@link withoutPath} removes from messages). */
function itemsOf(input: ParseInput, format: ArchiveFileFormat): { items: AsyncIterable<ArchiveReadItem>; name: string } {
  if (typeof input === 'string') return { items: readTrailFile(input, format), name: input };
  const { bytes, name } = input;
  const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A small object's text: one JSON.parse for CloudTrail's own shape, the streaming reader for anything else.
  const text = smallText(chunk);
  const batches = text !== undefined ? readArchiveTextBatches(text, name, format) : readArchiveEventBatches(Readable.from([chunk]) as AsyncIterable<Buffer>, name, format);
  return {
    name,
    items: (async function* flat(): AsyncGenerator<ArchiveReadItem> {
      for await (const batch of batches) yield* batch;
    })(),
  };
}

/** Reads a file (or an object's bytes) into rows; never throws (an unreadable one is a `problem`). */
export async function parseTrailFile(input: ParseInput, format: ArchiveFileFormat): Promise<ParsedFile> {
  const into = collector();
  const recordErrors: { index: number; message: string }[] = [];
  const problems: string[] = [];
  const { items, name } = itemsOf(input, format);
  try {
    for await (const item of items) {
      if (item.kind === 'event') pushEvent(into, item.event, item.index);
      else if (item.kind === 'recordError') recordErrors.push({ index: item.index, message: item.message });
      else problems.push(withoutPath(item.message, name));
    }
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  const kept = typeof input !== 'string' && input.keepIn !== undefined ? appendToPack(input.keepIn, input.bytes) : undefined;
  return { ...packRows(into), recordErrors, ...(problems.length > 0 ? { problem: problems.join('; ') } : {}), ...(kept !== undefined ? { kept } : {}) };
}
