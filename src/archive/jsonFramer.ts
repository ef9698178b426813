/**
 * Cuts a stream of JSON text into the raw text of each record, so records are parsed one at a time
 * by the engine's native `JSON.parse` and memory is bounded by the largest record, never the file.
 *
 * Why not a streaming parser library: measured on a 200 MB one-line trail file (see bench/
 * archiveStream.ts), `@streamparser/json` needs about twice the time of `JSON.parse` and
 * `stream-json` six to eight times (its README also says it is not designed for hostile input); a
 * framer only has to find where each record starts and ends (strings, escapes, depth), which
 * `Buffer.indexOf` does at memory speed, and leaves values to V8's parser, which is iterative (any
 * nesting) and hardened. It also lets a re-read skip parsing every record it does not want.
 *
 * Shapes (several documents may follow each other, as when `lookup-events` outputs are concatenated):
 * `{"Records":[…]}` (trail files, console JSON), `{"Events":[…],"NextToken":…}` (lookup-events
 * output), `[…]` (a bare list), and any other object as one record (a pretty-printed record).
 *
 * Inside a list, the bytewise walk frames the first record and each chunk's first and last (cut
 * by the chunk's edges); the whole records between them are parsed as one run
 * ({@link parseRecordRun}), which does the framing inside V8's parser.
 */
import { parseRecordRun, recordMarker } from './recordRun';

/** Which part of the document a record came from. */
export type RecordContainer = 'Records' | 'Events' | 'array' | 'document' | 'line';

/**
 * One framed record: its raw text, or a problem with it. `index` counts records in file order. With
 * `parseRuns`, whole records side by side in a list come already parsed (`records`: `values[k]` is
 * record `index + k`, `bytes` their text's total size).
 */
export type FramedItem =
  | { readonly kind: 'record'; readonly index: number; readonly container: RecordContainer; readonly text: Buffer }
  | { readonly kind: 'records'; readonly index: number; readonly container: RecordContainer; readonly values: readonly unknown[]; readonly bytes: number }
  | { readonly kind: 'oversized'; readonly index: number; readonly bytes: number }
  | { readonly kind: 'problem'; readonly message: string; readonly fatal: boolean; readonly damage?: boolean };

/** Keys of a top-level object whose array holds the records. */
const ENVELOPE_KEYS: ReadonlyMap<string, RecordContainer> = new Map([
  ['Records', 'Records'],
  ['records', 'Records'],
  ['Events', 'Events'],
]);
/** Keys that mark an envelope even when they come first (`lookup-events` may print NextToken first). */
const OTHER_ENVELOPE_KEYS = new Set(['NextToken']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type Place = 'top' | 'key' | 'colon' | 'value' | 'afterValue';

/** The framing state machine. Feed chunks with {@link JsonFramer.push}, then call {@link JsonFramer.end}. */
export class JsonFramer {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Where we are in the top-level object (depth 1). */
  private place: Place = 'top';
  private keyBytes: number[] = [];
  private currentKey = '';
  private topIsObject = false;
  private firstKeyPending = false;
  /** The container whose array elements are records, and at which depth they sit. */
  private container: RecordContainer | undefined;
  private recordDepth = -1;
  /** A record (or a whole-document record) is being collected. */
  private collecting = false;
  private pieces: Buffer[] = [];
  private collected = 0;
  private oversized = false;
  private index = 0;
  private offset = 0;
  private stopped = false;
  private sawDocument = false;
  /** A top-level list or envelope was seen (so the file is CloudTrail-shaped even with no records). */
  private sawEnvelope = false;
  private nulBytes = 0;
  private firstNul = -1;

  /** How the next record of the list opens, learnt from its first record (for {@link parseRecordRun}). */
  private marker: Buffer | undefined;

  /** `parseRuns`: parse runs of whole records in a list here (a re-read that wants a few records does not). */
  constructor(
    private readonly maxRecordBytes: number,
    private readonly parseRuns = false,
  ) {}

  /** True once the text is so damaged that nothing more can be framed. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** NUL bytes seen (zero padding of a partly written file) and where the first was. */
  get nuls(): { readonly count: number; readonly firstOffset: number } {
    return { count: this.nulBytes, firstOffset: this.firstNul };
  }

  /** Frames one chunk; returns the records (and problems) it completed. */
  push(chunk: Buffer): FramedItem[] {
    const out: FramedItem[] = [];
    if (this.stopped) return out;
    this.countNuls(chunk);
    let start = this.collecting ? 0 : -1;
    let i = 0;
    const n = chunk.length;
    let nextBackslash = -2;
    // One fast-path attempt per chunk: a failed one (damage, an odd list) leaves the chunk to the bytewise walk.
    let tryRun = this.parseRuns;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          if (this.place === 'key' && this.depth === 1) this.keyByte(chunk[i]);
          i++;
          continue;
        }
        const quote = chunk.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const stop = quote === -1 ? n : quote;
        const escape = nextBackslash !== -1 && nextBackslash < stop ? nextBackslash : -1;
        const until = escape >= 0 ? escape : stop;
        if (this.place === 'key' && this.depth === 1) for (let k = i; k < until; k++) this.keyByte(chunk[k]);
        if (escape >= 0) {
          this.escaped = true;
          i = escape + 1;
          continue;
        }
        if (quote === -1) {
          i = n;
          continue;
        }
        this.inString = false;
        if (this.place === 'key' && this.topIsObject && this.depth === 1) this.endKey();
        i = quote + 1;
        continue;
      }
      const c = chunk[i] ?? 0;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      if (c === 0) {
        i++;
        continue;
      }
      if (this.depth === 0) {
        start = this.startDocument(c, i, out);
        if (this.isStopped) return out;
        i++;
        continue;
      }
      // Inside a records array: elements are separated by commas at the record depth.
      if (this.depth === this.recordDepth && !this.collecting && c !== 0x2c && c !== 0x5d) {
        if (tryRun && this.marker !== undefined) {
          tryRun = false;
          const run = parseRecordRun(chunk, i, this.marker, this.maxRecordBytes);
          if (run !== undefined) {
            out.push({ kind: 'records', index: this.index, container: this.container ?? 'array', values: run.values, bytes: run.end - i });
            this.index += run.values.length;
            i = run.end;
            continue;
          }
        }
        this.collecting = true;
        this.pieces = [];
        this.collected = 0;
        this.oversized = false;
        start = i;
      }
      if (this.depth === this.recordDepth && this.collecting && (c === 0x2c || c === 0x5d)) {
        this.emit(chunk, start, i, out);
        start = -1;
      }
      if (this.topIsObject && this.depth === 1 && this.place === 'value') this.startValue(c, out);
      if (c === QUOTE) {
        this.inString = true;
        if (this.topIsObject && this.depth === 1 && this.place === 'key') this.keyBytes = [];
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
      } else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.container !== 'document' && this.container !== 'array' && this.depth === this.recordDepth - 1) {
          this.recordDepth = -1;
          this.container = undefined;
        }
        if (this.depth === 0) {
          if (this.collecting && this.container === 'document') {
            this.emit(chunk, start, i + 1, out);
            start = -1;
          }
          this.endDocument();
        }
      } else if (this.topIsObject && this.depth === 1) {
        if (c === 0x3a && this.place === 'colon') this.place = 'value';
        else if (c === 0x2c) this.place = 'key';
      }
      i++;
    }
    if (this.collecting && start >= 0) this.keep(chunk.subarray(start));
    this.offset += n;
    return out;
  }

  /** Ends the input; returns a problem when it stopped inside a value. */
  end(): FramedItem[] {
    const out: FramedItem[] = [];
    if (this.stopped) return out;
    if (this.depth > 0 || this.inString) {
      out.push({ kind: 'problem', message: 'ends in the middle of a record: the file is truncated', fatal: true, damage: true });
    } else if (this.sawDocument && !this.sawEnvelope && this.index === 0) {
      out.push({ kind: 'problem', message: 'is JSON but not CloudTrail records: expected {"Records": […]}, a list of records, or JSON lines of records', fatal: true });
    }
    return out;
  }

  /** True when nothing but whitespace (or NULs) was seen. */
  get empty(): boolean {
    return !this.sawDocument;
  }

  /** NUL bytes anywhere (inside strings too): JSON never holds one raw, a partly written file does. */
  private countNuls(chunk: Buffer): void {
    let at = chunk.indexOf(0);
    if (at === -1) return;
    if (this.firstNul < 0) this.firstNul = this.offset + at;
    for (; at < chunk.length; at++) if (chunk[at] === 0) this.nulBytes++;
  }

  private startDocument(c: number, i: number, out: FramedItem[]): number {
    this.sawDocument = true;
    this.container = undefined;
    this.recordDepth = -1;
    this.currentKey = '';
    this.topIsObject = c === 0x7b;
    if (c === 0x5b) {
      this.depth = 1;
      this.container = 'array';
      this.recordDepth = 1;
      this.sawEnvelope = true;
      this.place = 'top';
      return -1;
    }
    if (c === 0x7b) {
      this.depth = 1;
      this.place = 'key';
      this.firstKeyPending = true;
      // Until the first key tells whether this is an envelope, keep the bytes: it may be a record.
      this.collecting = true;
      this.pieces = [];
      this.collected = 0;
      this.oversized = false;
      return i;
    }
    const shown = c >= 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    out.push({ kind: 'problem', message: `is not valid JSON: unexpected ${shown} at byte ${(this.offset + i).toLocaleString('en-US')}`, fatal: true, damage: this.index > 0 });
    this.stopped = true;
    return -1;
  }

  private endDocument(): void {
    this.topIsObject = false;
    this.firstKeyPending = false;
    this.collecting = false;
    this.pieces = [];
    this.place = 'top';
    this.container = undefined;
    this.recordDepth = -1;
  }

  private keyByte(byte: number | undefined): void {
    if (byte !== undefined && this.keyBytes.length < 64) this.keyBytes.push(byte);
  }

  private endKey(): void {
    this.currentKey = Buffer.from(this.keyBytes).toString('utf8');
    this.place = 'colon';
    if (!this.firstKeyPending) return;
    this.firstKeyPending = false;
    if (ENVELOPE_KEYS.has(this.currentKey) || OTHER_ENVELOPE_KEYS.has(this.currentKey)) {
      this.sawEnvelope = true;
      this.collecting = false;
      this.pieces = [];
    } else {
      // Not an envelope: the whole document is one record (a pretty-printed record).
      this.container = 'document';
    }
  }

  /** The first byte of a value in the top-level object; the records array if its key names one. */
  private startValue(c: number, out: FramedItem[]): void {
    this.place = 'afterValue';
    if (this.container === 'document') return;
    const container = ENVELOPE_KEYS.get(this.currentKey);
    if (container === undefined) return;
    this.sawEnvelope = true;
    if (c === 0x5b) {
      this.container = container;
      this.recordDepth = 2;
    } else {
      out.push({ kind: 'problem', message: `"${this.currentKey}" is not a list`, fatal: false });
    }
  }

  private keep(part: Buffer): void {
    if (this.oversized) return;
    this.collected += part.length;
    if (this.collected > this.maxRecordBytes) {
      this.oversized = true;
      this.pieces = [];
      return;
    }
    // Copy: the chunk's memory may be reused by the stream after this call.
    this.pieces.push(Buffer.from(part));
  }

  private emit(chunk: Buffer, start: number, end: number, out: FramedItem[]): void {
    const container = this.container ?? 'array';
    const index = this.index++;
    this.collecting = false;
    const tail = chunk.subarray(Math.max(0, start), end);
    const bytes = this.collected + tail.length;
    if (this.oversized || bytes > this.maxRecordBytes) {
      out.push({ kind: 'oversized', index, bytes });
    } else {
      const text = this.pieces.length === 0 ? tail : Buffer.concat([...this.pieces, tail]);
      out.push({ kind: 'record', index, container, text });
      if (this.parseRuns && this.marker === undefined && container !== 'document') this.marker = recordMarker(text);
    }
    this.pieces = [];
    this.collected = 0;
    this.oversized = false;
  }
}
