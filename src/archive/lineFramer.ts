/**
 * JSON lines (`.jsonl`, `{"record": …}` per line as the samples and exports write): each line is
 * one record. Framing by line keeps a bad line from disturbing the next one.
 */
import type { FramedItem } from './jsonFramer';

/** Splits text bytes into lines; `index` is the 0-based line number (blank lines count, yield nothing). */
export class LineFramer {
  private pieces: Buffer[] = [];
  private collected = 0;
  private oversized = false;
  private line = 0;

  constructor(private readonly maxRecordBytes: number) {}

  /** Frames one chunk; returns the lines it completed. */
  push(chunk: Buffer): FramedItem[] {
    const out: FramedItem[] = [];
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, from);
      if (newline === -1) break;
      this.take(chunk.subarray(from, newline), out);
      from = newline + 1;
    }
    this.keep(chunk.subarray(from));
    return out;
  }

  /** Ends the input: a last line without a line break is a line too. */
  end(): FramedItem[] {
    const out: FramedItem[] = [];
    if (this.collected > 0 || this.oversized) this.take(Buffer.alloc(0), out);
    return out;
  }

  private keep(part: Buffer): void {
    if (part.length === 0 || this.oversized) return;
    this.collected += part.length;
    if (this.collected > this.maxRecordBytes) {
      this.oversized = true;
      this.pieces = [];
    } else this.pieces.push(Buffer.from(part));
  }

  private take(tail: Buffer, out: FramedItem[]): void {
    const index = this.line++;
    const bytes = this.collected + tail.length;
    const text = this.pieces.length === 0 ? tail : Buffer.concat([...this.pieces, tail]);
    const oversized = this.oversized || bytes > this.maxRecordBytes;
    this.pieces = [];
    this.collected = 0;
    this.oversized = false;
    if (oversized) out.push({ kind: 'oversized', index, bytes });
    else if (!isBlank(text)) out.push({ kind: 'record', index, container: 'line', text });
  }
}

function isBlank(text: Buffer): boolean {
  for (const byte of text) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}
