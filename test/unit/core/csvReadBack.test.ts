// The CSV export read back by an independent, well-kept parser (csv-parse), never by the project's
// own reader: what a spreadsheet or a script gets from the file. Cells are compared with the real
// records they came from (test/fixtures/records.jsonl, AWS documentation examples), field by field.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CONSOLE_CSV_COLUMNS, eventsToConsoleCsv } from '../../../src/core/csv';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { buildEvent, repoRoot } from './fixtures';

/** Spreadsheets end a row at CRLF, LF or a lone CR: a line break left unquoted splits the row. */
function readCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
}

/** What a spreadsheet shows for a cell: the text itself, or `'` first when it would run as a formula (OWASP CSV injection). */
const shown = (value: string): string => (/^[=+\-@\t\r]/.test(value) || /^'+[=+\-@\t\r]/.test(value) ? `'${value}` : value);

interface Sample {
  readonly source: string;
  readonly record: Record<string, unknown>;
}

function samples(): Sample[] {
  return readFileSync(path.join(repoRoot, 'test', 'fixtures', 'records.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Sample);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

describe('core/csv read back by csv-parse', () => {
  const all = samples();
  const events: { sample: Sample; event: TrailEvent }[] = all.flatMap((sample, i) => {
    const n = normalizeRecord(sample.record, i);
    return n.ok ? [{ sample, event: n.event }] : [];
  });

  it('every sample record becomes one row of the console columns', () => {
    assert.ok(events.length > 250, `${events.length} sample events`);
    const [header, ...rows] = readCsv(eventsToConsoleCsv(events.map((e) => e.event)));
    assert.deepEqual(header, [...CONSOLE_CSV_COLUMNS]);
    assert.equal(rows.length, events.length);
    for (const row of rows) assert.equal(row.length, CONSOLE_CSV_COLUMNS.length);
  });

  it('each cell holds what the record says (traced by the record source)', () => {
    const [header = [], ...rows] = readCsv(eventsToConsoleCsv(events.map((e) => e.event)));
    rows.forEach((row, i) => {
      const { sample } = events[i];
      const r = sample.record;
      const cell = (column: string): string => row[header.indexOf(column)] ?? '<missing column>';
      const where = `${sample.source} ${str(r.eventName)} ${str(r.eventID)}`;
      // A few documentation excerpts omit eventID; the export then carries the id the extension made up.
      if (typeof r.eventID === 'string') assert.equal(cell('Event ID'), shown(r.eventID), where);
      // Insights events name the API call and its service inside insightDetails.
      const insight = (r.insightDetails ?? {}) as Record<string, unknown>;
      assert.equal(cell('Event name'), shown(str(r.eventName ?? insight.eventName)), where);
      assert.equal(cell('Event source'), shown(str(r.eventSource ?? insight.eventSource)), where);
      assert.equal(cell('AWS region'), shown(str(r.awsRegion)), where);
      assert.equal(cell('Event time'), str(r.eventTime).replace(/\.\d+Z$/, 'Z'), where);
      assert.equal(cell('Source IP address'), shown(str(r.sourceIPAddress)), where);
      assert.equal(cell('User agent'), shown(str(r.userAgent)), where);
      assert.equal(cell('Error code'), shown(str(r.errorCode)), where);
      assert.equal(cell('Request ID'), shown(str(r.requestID)), where);
      assert.equal(cell('Event type'), shown(str(r.eventType)), where);
      assert.equal(cell('Event category'), shown(str(r.eventCategory)), where);
      if (typeof r.readOnly === 'boolean') assert.equal(cell('Read-only'), String(r.readOnly), where);
      const resources = Array.isArray(r.resources) ? (r.resources as Record<string, unknown>[]) : [];
      const listed = JSON.parse(cell('Resources')) as { resourceType: string; resourceName: string }[];
      for (const res of resources) {
        const name = str(res.ARN);
        if (name === '') continue;
        assert.ok(
          listed.some((l) => l.resourceName === name && l.resourceType === str(res.type)),
          `${where}: ${name} (${str(res.type)}) in ${cell('Resources')}`,
        );
      }
    });
  });

  it('hostile values stay in their cell, whole, and never run as formulas', () => {
    const hostile = {
      id: 'e,1 "quoted"',
      userAgent: '=cmd|" /C calc"!A0',
      sourceIp: '-1+1',
      errorCode: '@SUM(1)',
      name: 'Put\rObject',
      principal: { userName: "'=already prefixed" },
      requestId: 'line one\nline two\r\nline three',
      eventType: '+tab\tinside',
      category: '\tLeading tab',
    };
    const event = buildEvent({
      id: hostile.id,
      userAgent: hostile.userAgent,
      sourceIp: hostile.sourceIp,
      errorCode: hostile.errorCode,
      name: hostile.name,
      principal: hostile.principal,
      requestId: hostile.requestId,
      eventType: hostile.eventType,
      category: hostile.category,
    });
    const rows = readCsv(eventsToConsoleCsv([event, buildEvent({ id: 'next' })]));
    assert.equal(rows.length, 3, 'header and two rows: no line break escaped its cell');
    const [header = [], row = [], next = []] = rows;
    const cell = (column: string): string => row[header.indexOf(column)] ?? '<missing column>';
    assert.equal(cell('Event ID'), hostile.id);
    assert.equal(cell('Event name'), 'Put\rObject', 'a lone carriage return is kept inside the cell');
    assert.equal(cell('Request ID'), hostile.requestId);
    assert.equal(cell('User agent'), `'${hostile.userAgent}`);
    assert.equal(cell('Source IP address'), `'${hostile.sourceIp}`);
    assert.equal(cell('Error code'), `'${hostile.errorCode}`);
    assert.equal(cell('User name'), `'${hostile.principal.userName}`);
    assert.equal(cell('Event type'), `'${hostile.eventType}`);
    assert.equal(cell('Event category'), `'${hostile.category}`);
    assert.equal(next[header.indexOf('Event ID')], 'next');
    for (const value of row) assert.ok(!/^[=+\-@\t\r]/.test(value), `a cell starts with a formula trigger: ${JSON.stringify(value)}`);
  });

  it('an empty export is the header line alone, ended by CRLF', () => {
    const text = eventsToConsoleCsv([]);
    assert.ok(text.endsWith('\r\n') && !text.endsWith('\r\n\r\n'));
    assert.deepEqual(readCsv(text), [[...CONSOLE_CSV_COLUMNS]]);
  });
});
