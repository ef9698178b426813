/**
 * The cheap path for a small trail log file already read (and inflated) whole: CloudTrail's own
 * `{"Records":[…]}` parsed with one JSON.parse, as the whole-file reader of old did, without the
 * streaming framer's per-byte work. Anything else — another shape, damage, NUL bytes, a BOM or
 * UTF-16, an empty list, text over the record cap — is left to the streaming reader, which keeps
 * every record before the damage and names the problem.
 */

/**
 * The first bytes of CloudTrail's envelope, after an optional UTF-8 byte-order mark and JSON
 * whitespace. Read as latin1, so the mark is these three characters.
 */
const ENVELOPE_HEAD = /^(?:\u00EF\u00BB\u00BF)?[ \t\r\n]*\{[ \t\r\n]*"Records"[ \t\r\n]*:[ \t\r\n]*\[/;
const BOM_FIRST_BYTE = 0xef;

/** Where the first element of CloudTrail's top-level `Records` list may start in `bytes`, or -1 when they do not open with the envelope. */
export function recordsStart(bytes: Uint8Array): number {
  const head = ENVELOPE_HEAD.exec(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64)).toString('latin1'));
  return head ? head[0].length : -1;
}

/** The records of `text` when it is exactly `{"Records":[…]}` with at least one record, else undefined. */
export function parseWholeTrailFile(text: Buffer, maxRecordBytes: number): readonly unknown[] | undefined {
  if (text.length === 0 || text.length > maxRecordBytes) return undefined;
  // A byte-order mark is left to the streaming reader, as the module says.
  if (text[0] === BOM_FIRST_BYTE || recordsStart(text) < 0) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const keys = Object.keys(doc);
  const records = (doc as { Records?: unknown }).Records;
  return keys.length === 1 && Array.isArray(records) && records.length > 0 ? records : undefined;
}
