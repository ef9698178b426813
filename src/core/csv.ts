/**
 * CSV export of events with the CloudTrail console's Event history columns (so a file exported here
 * opens like one downloaded from the console), RFC 4180 quoting, and neutralization of cells a
 * spreadsheet would run as a formula. Pure: callers write the text to disk.
 */
import { changeChannelOf } from './changeChannel';
import { resolveHumans, type HumanIndex } from './humanIndex';
import { stringifyJson } from './jsonText';
import type { TrailEvent } from './model';
import { failureOf } from './outcome';

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

/** Quotes a field when it holds a comma, a double quote or a line break (RFC 4180). */
export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text: every cell neutralized then quoted, CRLF line ends (RFC 4180), no trailing blank row. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => quoteCsvField(neutralizeFormula(cell))).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/**
 * An incremental RFC 4180 parser: feed text in chunks of any size ({@link CsvRowReader.push}) and
 * take the rows completed so far, so a large export is read with memory bounded by its longest row.
 * Quoted fields may hold commas, `""` and line breaks; a leading BOM is ignored; CRLF, LF and CR all
 * end a row. Lenient: a missing closing quote ends the field at the end of the text.
 */
export class CsvRowReader {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  private fieldStarted = false;
  /** A `"` seen inside quotes at the end of a chunk: an escaped quote or the closing one. */
  private pendingQuote = false;
  /** A `\r` ended the last chunk: a `\n` starting the next one belongs to it. */
  private pendingCr = false;
  private first = true;

  /** Parses `chunk` and returns the rows it completed. */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    let i = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.startsWith('\uFEFF')) i = 1;
    }
    if (this.pendingCr && chunk.charAt(i) === '\n') i++;
    this.pendingCr = false;
    if (this.pendingQuote && i < chunk.length) {
      this.pendingQuote = false;
      if (chunk.charAt(i) === '"') {
        this.field += '"';
        i++;
      } else this.quoted = false;
    }
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charAt(i);
      if (this.quoted) {
        if (c === '"') {
          if (i + 1 >= n) {
            this.pendingQuote = true;
            i++;
            continue;
          }
          if (chunk.charAt(i + 1) === '"') {
            this.field += '"';
            i += 2;
            continue;
          }
          this.quoted = false;
          i++;
          continue;
        }
        // Copy a run of plain characters at once instead of one by one.
        const next = chunk.indexOf('"', i);
        const end = next < 0 ? n : next;
        this.field += chunk.slice(i, end);
        i = end;
        continue;
      }
      if (c === '"' && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
      } else if (c === ',') {
        this.row.push(this.field);
        this.field = '';
        this.fieldStarted = false;
      } else if (c === '\r' || c === '\n') {
        rows.push(this.takeRow());
        if (c === '\r') {
          if (i + 1 >= n) this.pendingCr = true;
          else if (chunk.charAt(i + 1) === '\n') i++;
        }
      } else {
        this.field += c;
        this.fieldStarted = true;
      }
      i++;
    }
    return rows;
  }

  /** Ends the input; returns the last row when the text did not end with a line break. */
  end(): string[][] {
    this.pendingQuote = false;
    if (this.fieldStarted || this.row.length > 0) return [this.takeRow()];
    return [];
  }

  private takeRow(): string[] {
    this.row.push(this.field);
    const row = this.row;
    this.row = [];
    this.field = '';
    this.fieldStarted = false;
    return row;
  }
}

/** Parses RFC 4180 CSV text into rows in one go (see {@link CsvRowReader}); a final line break adds no row. */
export function parseCsvRows(text: string): string[][] {
  const reader = new CsvRowReader();
  return [...reader.push(text), ...reader.end()];
}

/** The `Event time` cell: ISO 8601 in UTC to the second, as the console writes it. */
export function formatCsvTime(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One event as a console-style row (values not yet neutralized or quoted). */
export function eventToConsoleRow(event: TrailEvent): Record<ConsoleCsvColumn, string> {
  const resources = event.resources.map((r) => ({ resourceType: r.type ?? '', resourceName: r.arn ?? r.name }));
  return {
    'User name': event.principal.userName ?? (event.principal.key === 'unknown' ? '' : event.principal.label),
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
 * The investigator's CSV columns: the console's, then what this extension adds — whether the call
 * failed (by every signal, not only `Error code`), how it was made, and who was behind it. Console
 * readers ignore the extra columns (they read by header name).
 */
export const EXPORT_CSV_COLUMNS = [...CONSOLE_CSV_COLUMNS, 'Outcome', 'Failure', 'Change channel', 'Changed by'] as const;

/** One of {@link EXPORT_CSV_COLUMNS}. */
export type ExportCsvColumn = (typeof EXPORT_CSV_COLUMNS)[number];

/** One event as an export row: the console row plus outcome, failure, change channel and human. */
export function eventToExportRow(event: TrailEvent, humans?: HumanIndex): Record<ExportCsvColumn, string> {
  const failure = failureOf(event);
  const channel = changeChannelOf(event);
  const human = (humans ?? resolveHumans([event])).humanOf(event);
  return {
    ...eventToConsoleRow(event),
    Outcome: failure === undefined ? 'Success' : 'Failed',
    Failure: failure?.summary ?? '',
    'Change channel': channel.detail === undefined ? channel.label : `${channel.label} (${channel.detail})`,
    'Changed by': human.label,
  };
}

/**
 * Events to CSV with {@link EXPORT_CSV_COLUMNS}; humans are resolved over the exported set (role
 * chains through the AssumeRole events among them) unless an index is given. Cells neutralized.
 */
export function eventsToExportCsv(events: readonly TrailEvent[], humans: HumanIndex = resolveHumans(events)): string {
  const rows: string[][] = [[...EXPORT_CSV_COLUMNS]];
  for (const event of events) {
    const row = eventToExportRow(event, humans);
    rows.push(EXPORT_CSV_COLUMNS.map((column) => row[column]));
  }
  return formatCsv(rows);
}

/**
 * JSON export with what this extension derived beside each untouched record:
 * `{ "events": [{ "eventID", "outcome", "failure", "changeChannel", "changedBy", "record" }] }`.
 * The records stay byte-for-byte what CloudTrail gave (evidence); annotations never go inside them.
 */
export function eventsToAnnotatedJson(events: readonly TrailEvent[], humans: HumanIndex = resolveHumans(events)): string {
  const out = events.map((event) => {
    const failure = failureOf(event);
    const channel = changeChannelOf(event);
    const human = humans.humanOf(event);
    return {
      eventID: event.id,
      outcome: failure === undefined ? 'Success' : 'Failed',
      ...(failure !== undefined ? { failure: failure.summary } : {}),
      changeChannel: { kind: channel.kind, label: channel.label, ...(channel.detail !== undefined ? { detail: channel.detail } : {}), iac: channel.iac },
      changedBy: { name: human.name, label: human.label, how: human.how, ...(human.via !== undefined ? { via: human.via } : {}) },
      record: event.raw,
    };
  });
  return `${stringifyJson({ events: out }, 2)}\n`;
}

/**
 * JSON export: the raw records (what CloudTrail itself would give), in the shape of a trail file.
 * Never throws on nesting: a record nested deeper than the engine's stack is written iteratively.
 */
export function eventsToRecordsJson(events: readonly TrailEvent[]): string {
  return `${stringifyJson({ Records: events.map((e) => e.raw) }, 2)}\n`;
}
