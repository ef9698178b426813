/**
 * The framer's fast path inside a records list: the whole records of a chunk parsed with one
 * `JSON.parse`, instead of walking their bytes in JavaScript. A run starts at a record's first
 * byte and ends at the last place in the chunk where a record ends and the next one opens the way
 * the first record of the list did (`},{"eventVersion":` in a trail file), found by
 * `Buffer.lastIndexOf` at memory speed.
 *
 * The parse is the proof of the cut: JSON's grammar is deterministic, so `[` + run + `]` parses
 * only when the run is a list of whole values and its end is where the list's next comma is. A
 * marker met inside a nested object or a string, a malformed record, a NUL byte — any of them
 * fails the parse, and the caller frames the chunk byte by byte as before (same records, same
 * problems).
 */

/** How a record opens: `{"key":` with a plain key. Anything else (pretty-printed lists) has no fast path. */
const OPENING = /^\{"[A-Za-z0-9_$-]{1,40}":/;

/** The bytes between two records of the list `record` came from (`},` + its opening), or undefined. */
export function recordMarker(record: Buffer): Buffer | undefined {
  const opening = OPENING.exec(record.subarray(0, 48).toString('latin1'));
  return opening === null ? undefined : Buffer.from(`},${opening[0]}`, 'latin1');
}

/** Whole records parsed at once, and the chunk offset just past the last one (where its comma is). */
export interface RecordRun {
  readonly values: readonly unknown[];
  readonly end: number;
}

/**
 * The records of `chunk` from offset `start` (a record's first byte, inside a list) up to the last
 * `marker` in the chunk, parsed as one list; undefined when there is no such marker, the run is
 * over `maxBytes` (so no record in it can be over the record cap) or it does not parse.
 */
export function parseRecordRun(chunk: Buffer, start: number, marker: Buffer, maxBytes: number): RecordRun | undefined {
  const at = chunk.lastIndexOf(marker);
  if (at < start) return undefined;
  const end = at + 1;
  if (end - start > maxBytes) return undefined;
  // The list's brackets go around the bytes before decoding: one string, no concatenation to flatten.
  const list = Buffer.allocUnsafe(end - start + 2);
  list[0] = 0x5b;
  chunk.copy(list, 1, start, end);
  list[list.length - 1] = 0x5d;
  let values: unknown;
  try {
    values = JSON.parse(list.toString('utf8'));
  } catch {
    return undefined;
  }
  return Array.isArray(values) && values.length > 0 ? { values, end } : undefined;
}
