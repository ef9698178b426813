/**
 * Reads the raw CloudTrail records of one file or byte stream, streaming: trail log files
 * (`{"Records":[…]}`, gzipped or not — gzip is detected by its magic bytes, whatever the name),
 * `lookup-events` output (`{"Events":[…]}`, also gzipped or several outputs concatenated), bare
 * lists, JSON lines of records or of `{"record": …}` wrappers, a pretty-printed record. Memory is
 * bounded by the largest record. Damage never throws and never hides what came before it: a bad
 * record is a per-record error item, and a file that is empty, truncated, cut short by the inflate
 * cap, padded with NUL bytes or not CloudTrail ends with one file-level error item.
 *
 * Other sources (an S3 object body, a zip entry) pass any byte stream and a name to {@link readRecords}.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ByteStreamError, decodedChunks, newByteStreamFacts, type ByteStreamFacts } from './byteStream';
import { type FramedItem, JsonFramer, type RecordContainer } from './jsonFramer';
import { LineFramer } from './lineFramer';

/**
 * One item read from a record file. `error` items without `index` concern the whole file (it could
 * not be read, is empty or not JSON, or was cut after the records already yielded).
 */
export type RecordItem =
  | { readonly kind: 'record'; readonly record: unknown; readonly index: number; readonly container: RecordContainer; readonly bytes: number }
  | { readonly kind: 'error'; readonly error: string; readonly index?: number };

/** Options for {@link readRecords} and {@link readRecordFile}. */
export interface ReadRecordsOptions {
  /** Only these record indexes are parsed and yielded (a re-read for a query); the rest are skipped unparsed. */
  readonly wanted?: ReadonlySet<number>;
  /** Cap on the inflated size of a gzip file (default 1 GiB). */
  readonly maxInflatedBytes?: number;
  /** A record larger than this is skipped with an error item (default 64 MiB). */
  readonly maxRecordBytes?: number;
  /** Stops reading; what was read stays yielded and a file-level error says the rest was not read. */
  readonly signal?: AbortSignal;
}

/** Default cap on one record's JSON text. Real records are at most a few hundred KB. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

const ENVELOPE_FIRST_KEY = /^\{\s*"(Records|records|Events|NextToken)"/;
const MAX_HEAD_BYTES = 1024 * 1024;

type Framer = Pick<JsonFramer, 'push' | 'end'>;

/** Picks JSON lines or document framing from the first bytes; undefined while more bytes are needed. */
function chooseFramer(head: Buffer, ended: boolean, maxRecordBytes: number, parseRuns: boolean): Framer | undefined {
  const json = (): JsonFramer => new JsonFramer(maxRecordBytes, parseRuns);
  let start = 0;
  while (start < head.length && (head[start] === 0x20 || head[start] === 0x0a || head[start] === 0x0d || head[start] === 0x09)) start++;
  if (start >= head.length) return ended ? json() : undefined;
  if (head[start] !== 0x7b) return json();
  const text = head.subarray(start, Math.min(head.length, start + 64)).toString('utf8');
  if (ENVELOPE_FIRST_KEY.test(text)) return json();
  if (!/^\{\s*"/.test(text) && text.length < 64 && !ended) return undefined;
  const newline = head.indexOf(0x0a, start);
  if (newline === -1 && !ended && head.length < MAX_HEAD_BYTES) return undefined;
  const firstLine = head.subarray(start, newline === -1 ? head.length : newline).toString('utf8');
  try {
    JSON.parse(firstLine);
    return newline === -1 ? json() : new LineFramer(maxRecordBytes);
  } catch {
    return json();
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeRecord(value: Readonly<Record<string, unknown>>): boolean {
  return 'eventName' in value || 'eventTime' in value || 'eventVersion' in value || 'eventID' in value;
}

/** `{"record": {...}}` (as written by exports and the samples) → the record itself. */
function unwrap(value: unknown): unknown {
  return isObject(value) && isObject(value.record) && !looksLikeRecord(value) ? value.record : value;
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** Turns framed items into record items (parsing only wanted records). */
class ItemMaker {
  records = 0;
  notCloudTrail = false;

  constructor(
    private readonly name: string,
    private readonly options: ReadRecordsOptions,
  ) {}

  make(framed: readonly FramedItem[]): RecordItem[] {
    const out: RecordItem[] = [];
    const { wanted } = this.options;
    for (let i = 0; i < framed.length; i++) {
      const item = framed[i];
      if (item.kind === 'problem') {
        const after = item.damage === true ? `; ${consequence(this.records, 'damage')}` : '';
        out.push({ kind: 'error', error: `${this.name} ${item.message}${after}` });
        continue;
      }
      if (item.kind === 'records') {
        this.runItems(item, out);
        continue;
      }
      const where = item.kind === 'record' && item.container === 'line' ? `line ${item.index + 1}` : `record ${item.index}`;
      if (item.kind === 'oversized') {
        if (!wanted || wanted.has(item.index)) out.push({ kind: 'error', error: `${this.name} ${where} is ${megabytes(item.bytes)}, over the ${megabytes(this.options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES)} limit for one record; skipped`, index: item.index });
        continue;
      }
      this.records++;
      if (wanted && !wanted.has(item.index)) continue;
      // Records side by side in one chunk of a list are parsed with one JSON.parse call (far
      // fewer calls and strings); a run that fails falls back to one record at a time.
      const run = this.runFrom(framed, i);
      if (run.length > 1) {
        const values = parseRun(run);
        if (values !== undefined) {
          for (const [k, r] of run.entries()) out.push(this.recordItem(r, values[k]));
          this.records += run.length - 1;
          i += run.length - 1;
          continue;
        }
      }
      let value: unknown;
      const text = item.text.toString('utf8');
      try {
        value = JSON.parse(text);
      } catch (err) {
        const nul = text.includes('\u0000') ? '; it holds NUL bytes' : '';
        out.push({ kind: 'error', error: `${this.name} ${where}: not valid JSON (${err instanceof Error ? err.message : String(err)}${nul})`, index: item.index });
        continue;
      }
      if (item.container === 'document' && item.index === 0 && isObject(value) && !looksLikeRecord(value) && !isObject(value.record)) {
        this.notCloudTrail = true;
        out.push({ kind: 'error', error: `${this.name} is JSON but not CloudTrail records: expected {"Records": […]}, a list of records, or JSON lines of records` });
        continue;
      }
      out.push(this.recordItem(item, value));
    }
    return out;
  }

  /** Records the framer parsed as one run; each one's `bytes` is its even share of the run. */
  private runItems(run: Extract<FramedItem, { kind: 'records' }>, out: RecordItem[]): void {
    const { wanted } = this.options;
    const share = Math.ceil(run.bytes / run.values.length);
    const bare = run.container === 'Records' || run.container === 'Events';
    for (let k = 0; k < run.values.length; k++) {
      const index = run.index + k;
      this.records++;
      if (wanted && !wanted.has(index)) continue;
      const value = run.values[k];
      out.push({ kind: 'record', record: bare ? value : unwrap(value), index, container: run.container, bytes: share });
    }
  }

  private recordItem(item: FramedRecord, value: unknown): RecordItem {
    const record = item.container === 'Records' || item.container === 'Events' ? value : unwrap(value);
    return { kind: 'record', record, index: item.index, container: item.container, bytes: item.text.length };
  }

  /** The wanted records from `framed[start]` on that lie side by side in one buffer of one list. */
  private runFrom(framed: readonly FramedItem[], start: number): FramedRecord[] {
    const first = framed[start];
    if (first.kind !== 'record' || !IN_LIST.has(first.container)) return [];
    const run: FramedRecord[] = [first];
    const { wanted } = this.options;
    for (let j = start + 1; j < framed.length; j++) {
      const next = framed[j];
      const last = run[run.length - 1];
      if (next.kind !== 'record' || next.container !== first.container) break;
      if (next.text.buffer !== last.text.buffer || next.text.byteOffset < last.text.byteOffset + last.text.length) break;
      if (wanted && !wanted.has(next.index)) break;
      run.push(next);
    }
    return run;
  }
}

type FramedRecord = Extract<FramedItem, { kind: 'record' }>;

/** Containers whose records are separated by commas (so a run of them is itself a JSON list's body). */
const IN_LIST: ReadonlySet<string> = new Set(['Records', 'Events', 'array']);

/** Parses a run of records at once, or undefined when any of them is bad. */
function parseRun(run: readonly FramedRecord[]): unknown[] | undefined {
  const first = run[0];
  const last = run[run.length - 1];
  const whole = Buffer.from(first.text.buffer, first.text.byteOffset, last.text.byteOffset + last.text.length - first.text.byteOffset);
  try {
    const values = JSON.parse(`[${whole.toString('utf8')}]`) as unknown;
    return Array.isArray(values) && values.length === run.length ? values : undefined;
  } catch {
    return undefined;
  }
}

function consequence(records: number, what: string): string {
  return records > 0 ? `records after the ${what} are missing` : 'no record could be read from it';
}

/** What to say about a file that held no records at all. */
function emptiness(facts: ByteStreamFacts, nuls: number, name: string): string {
  if (facts.sourceBytes === 0) return `${name} is empty (0 bytes)`;
  if (facts.gzip && facts.textBytes === 0) return `${name} is a gzip file that holds nothing`;
  if (nuls > 0) return `${name} holds only NUL bytes (${nuls.toLocaleString('en-US')}): a file that was never written`;
  return `${name} holds nothing but whitespace`;
}

/**
 * The records of a byte stream in file order, in batches (one per chunk read). `index` is the
 * position in `Records[]`/`Events[]`/the list (counted across concatenated documents), or the
 * 0-based line number for JSON lines; integrity checks and re-reads refer to records by it.
 */
export async function* readRecordBatches(source: AsyncIterable<Buffer | string>, name: string, options: ReadRecordsOptions = {}): AsyncGenerator<RecordItem[]> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const facts = newByteStreamFacts();
  const maker = new ItemMaker(name, options);
  let framer: Framer | undefined;
  let jsonFramer: JsonFramer | undefined;
  const head: Buffer[] = [];
  const feed = (chunk: Buffer, ended: boolean): RecordItem[] => {
    if (!framer) {
      if (chunk.length > 0) head.push(chunk);
      const all = Buffer.concat(head);
      // A re-read for a few records frames the rest without parsing them.
      framer = chooseFramer(all, ended, maxRecordBytes, options.wanted === undefined);
      if (!framer) return [];
      if (framer instanceof JsonFramer) jsonFramer = framer;
      return maker.make(framer.push(all));
    }
    return maker.make(framer.push(chunk));
  };
  let failure: ByteStreamError | undefined;
  try {
    for await (const chunk of decodedChunks(source, facts, options)) {
      const items = feed(chunk, false);
      if (items.length > 0) yield items;
      if (jsonFramer?.isStopped === true || maker.notCloudTrail) return;
    }
  } catch (err) {
    if (!(err instanceof ByteStreamError)) throw err;
    failure = err;
  }
  if (failure?.kind === 'read') {
    yield [{ kind: 'error', error: `Cannot read ${name}: ${failure.message}` }];
    return;
  }
  const tail = feed(Buffer.alloc(0), true);
  const nuls = jsonFramer?.nuls.count ?? 0;
  if (failure === undefined) {
    tail.push(...maker.make(framer?.end() ?? []));
  } else {
    const what = failure.kind === 'inflateLimit' ? 'limit' : failure.kind === 'cancelled' ? 'cancel' : 'damage';
    const rest = failure.kind === 'cancelled' ? 'records after it were not read' : consequence(maker.records, what);
    tail.push({ kind: 'error', error: `${name} ${failure.message}; ${rest}` });
  }
  if (maker.records === 0 && failure === undefined && !tail.some((item) => item.kind === 'error') && (jsonFramer?.empty ?? false)) {
    tail.push({ kind: 'error', error: emptiness(facts, nuls, name) });
  } else if (nuls > 0 && jsonFramer && !jsonFramer.empty) {
    const at = jsonFramer.nuls.firstOffset.toLocaleString('en-US');
    tail.push({ kind: 'error', error: `${name} holds ${nuls.toLocaleString('en-US')} NUL bytes from byte ${at} (a partly written or damaged file); records that touch them were skipped` });
  }
  if (tail.length > 0) yield tail;
}

/** {@link readRecordBatches}, one item at a time. */
export async function* readRecords(source: AsyncIterable<Buffer | string>, name: string, options: ReadRecordsOptions = {}): AsyncGenerator<RecordItem> {
  for await (const batch of readRecordBatches(source, name, options)) yield* batch;
}

/** Files up to this size are read with one call: cheaper than a stream for the many small trail files. */
const SMALL_FILE_BYTES = 4 * 1024 * 1024;

/** Opens a file for {@link readRecordBatches}: one read when `size` says it is small, else 1 MiB reads. */
export function openRecordFile(path: string, size?: number): AsyncIterable<Buffer> {
  if (size !== undefined && size <= SMALL_FILE_BYTES) {
    return (async function* whole(): AsyncGenerator<Buffer> {
      yield await readFile(path);
    })();
  }
  return createReadStream(path, { highWaterMark: 1024 * 1024 });
}

/** Yields the records of the file at `path` in file order (see {@link readRecords}). */
export function readRecordFile(path: string, options: ReadRecordsOptions = {}): AsyncGenerator<RecordItem> {
  return readRecords(openRecordFile(path), path, options);
}
