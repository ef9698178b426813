/**
 * CSV export of events with the CloudTrail console's Event history columns (so a file exported here
 * opens like one downloaded from the console), RFC 4180 quoting, and neutralization of cells a
 * spreadsheet would run as a formula. Pure: callers write the text to disk.
 */
import type { TrailEvent } from './model';

/** The console's "Download events → CSV" columns, in its order. */
export const CONSOLE_CSV_COLUMNS = [
  'User name',
  'Event time',
  'Event source',
  'Event name',
  'AWS region',
  'Source IP address',
  'User agent',
  'Error code',
  'Resources',
  'Request ID',
  'Event ID',
  'Read-only',
  'Event type',
  'Recipient Account Id',
  'Event category',
] as const;

/** One of {@link CONSOLE_CSV_COLUMNS}. */
export type ConsoleCsvColumn = (typeof CONSOLE_CSV_COLUMNS)[number];

/**
 * Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula when it starts
 * with them (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, plus tab and carriage return.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The prefix that turns a would-be formula into text; spreadsheets show the cell without it. */
export const NEUTRALIZING_PREFIX = "'";

function needsNeutralizing(value: string): boolean {
  // A value that already starts with the prefix before a trigger is prefixed again, so reading back is exact.
  if (value.length === 0) return false;
  if (FORMULA_TRIGGERS.has(value.charAt(0))) return true;
  return value.startsWith(NEUTRALIZING_PREFIX) && needsNeutralizing(value.slice(1));
}

/**
 * Neutralizes a cell a spreadsheet would evaluate: a value starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'`. Other values are returned unchanged.
 */
export function neutralizeFormula(value: string): string {
  return needsNeutralizing(value) ? `${NEUTRALIZING_PREFIX}${value}` : value;
}

/** Reverses {@link neutralizeFormula} exactly (for reading back our own exports). */
export function restoreNeutralized(value: string): string {
  return value.startsWith(NEUTRALIZING_PREFIX) && needsNeutralizing(value.slice(1)) ? value.slice(1) : value;
}

/** Quotes a field when it holds a comma, a double quote or a line break (RFC 4180). */
export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text: every cell neutralized then quoted, CRLF line ends (RFC 4180), no trailing blank row. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => quoteCsvField(neutralizeFormula(cell))).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/**
 * Parses RFC 4180 CSV text into rows (quoted fields may hold commas, `""` and line breaks; a BOM and
 * a final line break are ignored). Lenient: a missing closing quote ends the field at the end of text.
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
    } else {
      field += c;
      fieldStarted = true;
    }
    i++;
  }
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The `Event time` cell: ISO 8601 in UTC to the second, as the console writes it. */
export function formatCsvTime(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One event as a console-style row (values not yet neutralized or quoted). */
export function eventToConsoleRow(event: TrailEvent): Record<ConsoleCsvColumn, string> {
  const resources = event.resources.map((r) => ({ resourceType: r.type ?? '', resourceName: r.arn ?? r.name }));
  return {
    'User name': event.principal.userName ?? (event.principal.label === 'unknown' ? '' : event.principal.label),
    'Event time': formatCsvTime(event.time),
    'Event source': event.service.source,
    'Event name': event.name,
    'AWS region': event.region,
    'Source IP address': event.sourceIp ?? '',
    'User agent': event.userAgent ?? '',
    'Error code': event.errorCode ?? '',
    Resources: JSON.stringify(resources),
    'Request ID': event.requestId ?? '',
    'Event ID': event.id,
    'Read-only': event.readOnly === undefined ? '' : String(event.readOnly),
    'Event type': event.eventType ?? '',
    'Recipient Account Id': event.account ?? '',
    'Event category': event.category ?? '',
  };
}

/** Events to CSV text with a header row of {@link CONSOLE_CSV_COLUMNS}; cells neutralized against formula injection. */
export function eventsToConsoleCsv(events: readonly TrailEvent[]): string {
  const rows: string[][] = [[...CONSOLE_CSV_COLUMNS]];
  for (const event of events) {
    const row = eventToConsoleRow(event);
    rows.push(CONSOLE_CSV_COLUMNS.map((column) => row[column]));
  }
  return formatCsv(rows);
}

/**
 * Reads CSV written by {@link eventsToConsoleCsv} back into rows keyed by column (neutralization
 * undone). Rows shorter than the header get empty strings.
 */
export function parseConsoleCsv(text: string): Record<string, string>[] {
  const all = parseCsvRows(text);
  const header = all.at(0);
  if (header === undefined) return [];
  const rows = all.slice(1);
  const columns = header.map(restoreNeutralized);
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, restoreNeutralized(row.at(i) ?? '')])));
}

/** JSON export: the raw records (what CloudTrail itself would give), in the shape of a trail file. */
export function eventsToRecordsJson(events: readonly TrailEvent[]): string {
  return `${JSON.stringify({ Records: events.map((e) => e.raw) }, null, 2)}\n`;
}
