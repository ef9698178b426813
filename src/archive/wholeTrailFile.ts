/**
 * The cheap path for a small trail log file already read (and inflated) whole: CloudTrail's own
 * `{"Records":[…]}` parsed with one JSON.parse, as the whole-file reader of old did, without the
 * streaming framer's per-byte work. Anything else — another shape, damage, NUL bytes, a BOM or
 * UTF-16, an empty list, text over the record cap — is left to the streaming reader, which keeps
 * every record before the damage and names the problem.
 */

/** The first bytes of CloudTrail's envelope, after optional ASCII whitespace. */
const ENVELOPE_HEAD = /^[ \t\r\n]*\{[ \t\r\n]*"Records"[ \t\r\n]*:[ \t\r\n]*\[/;

/** The records of `text` when it is exactly `{"Records":[…]}` with at least one record, else undefined. */
export function parseWholeTrailFile(text: Buffer, maxRecordBytes: number): readonly unknown[] | undefined {
  if (text.length === 0 || text.length > maxRecordBytes) return undefined;
  if (!ENVELOPE_HEAD.test(text.subarray(0, 64).toString('latin1'))) return undefined;
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
