import * as assert from 'node:assert/strict';
import { consoleCsvRowToEvent } from '../../../src/archive/consoleCsv';
import { parse as parseWithCsvLibrary } from 'csv-parse/sync';
import {
  CONSOLE_CSV_COLUMNS,
  EXPORT_CSV_COLUMNS,
  eventsToAnnotatedJson,
  eventsToConsoleCsv,
  eventsToExportCsv,
  eventsToRecordsJson,
  formatCsv,
  neutralizeFormula,
  parseCsvRows,
} from '../../../src/core/csv';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { buildEvent, loadSampleRecords, sampleRecord } from './fixtures';

/** The export read back by an independent, well-kept CSV parser (csv-parse), keyed by column. */
function readWithLibrary(text: string): Record<string, string>[] {
  return parseWithCsvLibrary<Record<string, string>>(text, { columns: true, bom: true });
}

function sampleEvents(): TrailEvent[] {
  return loadSampleRecords().flatMap((r, i) => {
    const n = normalizeRecord(r, i);
    return n.ok ? [n.event] : [];
  });
}

describe('core/csv', () => {
  describe('formula neutralization', () => {
    it('prefixes cells a spreadsheet would evaluate', () => {
      for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) assert.equal(neutralizeFormula(v), `'${v}`);
    });
    it('leaves ordinary cells alone', () => {
      for (const v of ['alice', '203.0.113.7', '', 'a=b', "it's"]) assert.equal(neutralizeFormula(v), v);
    });
    it('prefixes again a value that already starts with the prefix before a trigger, so it shows whole', () => {
      assert.equal(neutralizeFormula("'=1"), "''=1");
      assert.equal(neutralizeFormula("'"), "'");
      assert.equal(neutralizeFormula("'-"), "''-");
    });
    it('neutralizes inside the CSV text, before quoting', () => {
      const text = formatCsv([['=HYPERLINK("http://evil","x")', 'ok']]);
      assert.equal(text, `"'=HYPERLINK(""http://evil"",""x"")",ok\r\n`);
    });
  });

  describe('parser', () => {
    it('reads quotes, commas, line breaks and a BOM', () => {
      assert.deepEqual(parseCsvRows('\uFEFFa,"b,c","d""e"\r\n"multi\nline",,x\n'), [
        ['a', 'b,c', 'd"e'],
        ['multi\nline', '', 'x'],
      ]);
    });
    it('keeps an empty last field and a final row without a line break', () => {
      assert.deepEqual(parseCsvRows('a,\nb'), [['a', ''], ['b']]);
    });
    it('reads a row of empty fields and CRLF line ends', () => {
      assert.deepEqual(parseCsvRows('a,b,c\r\n1,"x, ""y""","line1\nline2"\r\n,,\r\n'), [
        ['a', 'b', 'c'],
        ['1', 'x, "y"', 'line1\nline2'],
        ['', '', ''],
      ]);
    });
    it('keeps a last record that is one empty quoted field', () => {
      assert.deepEqual(parseCsvRows('a\n""'), [['a'], ['']]);
    });
  });

  describe('console export', () => {
    it('writes the console columns in order', () => {
      const header = eventsToConsoleCsv([]).split('\r\n')[0];
      assert.equal(header, CONSOLE_CSV_COLUMNS.join(','));
      assert.equal(CONSOLE_CSV_COLUMNS.length, 15);
    });

    it('writes resources as the console does (resourceType/resourceName JSON)', () => {
      const event = buildEvent({ resources: [{ type: 'AWS::EC2::SecurityGroup', name: 'sg-1' }, { name: 'x', arn: 'arn:aws:s3:::x' }] });
      const row = readWithLibrary(eventsToConsoleCsv([event])).at(0);
      assert.deepEqual(JSON.parse(row?.Resources ?? ''), [
        { resourceType: 'AWS::EC2::SecurityGroup', resourceName: 'sg-1' },
        { resourceType: '', resourceName: 'arn:aws:s3:::x' },
      ]);
    });

    it('keeps hostile values whole, neutralized, as another CSV parser reads them', () => {
      const event = buildEvent({
        id: 'e,1',
        userAgent: '=cmd|" /C calc"!A0',
        sourceIp: '-1+1',
        errorCode: '@SUM(1)',
        principal: { userName: '+alice\nnewline' },
        readOnly: false,
      });
      const row = readWithLibrary(eventsToConsoleCsv([event])).at(0);
      assert.ok(row);
      // A spreadsheet shows these cells as text without the leading apostrophe.
      assert.equal(row['User agent'], `'=cmd|" /C calc"!A0`);
      assert.equal(row['Source IP address'], "'-1+1");
      assert.equal(row['Error code'], "'@SUM(1)");
      assert.equal(row['User name'], "'+alice\nnewline");
      assert.equal(row['Event ID'], 'e,1');
      assert.equal(row['Read-only'], 'false');
    });

    it('no cell of the raw text starts a formula', () => {
      const event = buildEvent({ userAgent: '=1', sourceIp: '+1', errorCode: '-1', principal: { userName: '@x' } });
      for (const row of parseCsvRows(eventsToConsoleCsv([event]))) for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), cell);
    });

    it('parses back to the same events with the console CSV reader (sample records)', () => {
      const events = sampleEvents();
      assert.ok(events.length >= 5);
      const rows = parseCsvRows(eventsToConsoleCsv(events));
      const [header = [], ...data] = rows;
      assert.equal(data.length, events.length);
      data.forEach((row, i) => {
        const back = consoleCsvRowToEvent(header, row, i);
        assert.ok(back.ok, JSON.stringify(back));
        const original = events[i];
        assert.ok(original);
        assert.equal(back.event.id, original.id);
        assert.equal(back.event.time, Math.floor(original.time / 1000) * 1000);
        // The console reader trims cells; the CSV itself keeps the name as recorded.
        assert.equal(back.event.name, original.name.trim());
        assert.equal(back.event.region, original.region);
        assert.equal(back.event.service.source, original.service.source);
        assert.equal(back.event.errorCode, original.errorCode);
        assert.equal(back.event.requestId, original.requestId);
        assert.equal(back.event.readOnly, original.readOnly);
        assert.equal(back.event.sourceIp, original.sourceIp);
        assert.deepEqual(
          back.event.resources.map((r) => r.name),
          original.resources.map((r) => r.arn ?? r.name),
        );
      });
    });
  });

  it('exports JSON as the raw records of a trail file', () => {
    const events = sampleEvents().slice(0, 3);
    const parsed = JSON.parse(eventsToRecordsJson(events)) as { Records: unknown[] };
    assert.deepEqual(parsed.Records, events.map((e) => e.raw));
  });

  describe('export columns: outcome, failure, change channel, changed by', () => {
    // A real failed console sign-in (no errorCode) and a real CLI DeleteBucket by a role session.
    const failedLogin = sampleRecord({ source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID: 'd38ce1b3-4575-4cb8-a632-611b8243bfc3' });
    const deleteBucket = sampleRecord({ source: 'iam-user-guide:doc_source/cloudtrail-integration.md', eventName: 'DeleteBucket' });
    const events = [failedLogin, deleteBucket].map((r) => {
      const n = normalizeRecord(r);
      if (!n.ok) assert.fail(n.error.error);
      return n.event;
    });

    it('writes the console columns first, then the four added ones', () => {
      const [header] = parseCsvRows(eventsToExportCsv([]));
      assert.deepEqual(header, [...CONSOLE_CSV_COLUMNS, 'Outcome', 'Failure', 'Change channel', 'Changed by']);
      assert.deepEqual(header, [...EXPORT_CSV_COLUMNS]);
    });

    it('says a failed sign-in failed although its Error code cell is empty, and how each change was made', () => {
      const rows = readWithLibrary(eventsToExportCsv(events));
      assert.deepEqual(
        rows.map((r) => [r['Error code'], r.Outcome, r.Failure, r['Change channel'], r['Changed by']]),
        [
          ['', 'Failed', 'Failed authentication', 'AWS console', 'anaya'],
          ['', 'Success', '', 'AWS CLI (1.11.10)', 'AssumeNothing (role session)'],
        ],
      );
    });

    it('is still read by the console CSV reader (extra columns ignored)', () => {
      const [header = [], ...data] = parseCsvRows(eventsToExportCsv(events));
      const back = consoleCsvRowToEvent(header, data[0] ?? [], 0);
      assert.ok(back.ok);
      assert.equal(back.event.id, 'd38ce1b3-4575-4cb8-a632-611b8243bfc3');
    });

    it('annotated JSON keeps each record untouched beside what was derived', () => {
      const parsed = JSON.parse(eventsToAnnotatedJson(events)) as { events: { eventID: string; outcome: string; failure?: string; changeChannel: { kind: string; iac: boolean }; changedBy: { label: string }; record: unknown }[] };
      assert.deepEqual(parsed.events.map((e) => e.record), [failedLogin, deleteBucket]);
      assert.deepEqual(
        parsed.events.map((e) => [e.eventID, e.outcome, e.failure, e.changeChannel.kind, e.changeChannel.iac, e.changedBy.label]),
        [
          ['d38ce1b3-4575-4cb8-a632-611b8243bfc3', 'Failed', 'Failed authentication', 'console', false, 'anaya'],
          ['dEXAMPLE-265a-41e0-9352-4401bEXAMPLE', 'Success', undefined, 'cli', false, 'AssumeNothing (role session)'],
        ],
      );
    });
  });
});
