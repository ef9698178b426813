import * as assert from 'node:assert/strict';
import { consoleCsvRowToEvent } from '../../../src/archive/consoleCsv';
import { parseCsv } from '../../../src/archive/parseCsv';
import {
  CONSOLE_CSV_COLUMNS,
  eventsToConsoleCsv,
  eventsToRecordsJson,
  formatCsv,
  neutralizeFormula,
  parseConsoleCsv,
  parseCsvRows,
  restoreNeutralized,
} from '../../../src/core/csv';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { buildEvent, loadSampleRecords } from './fixtures';

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
    it('restores exactly, even for values that already start with the prefix', () => {
      for (const v of ['=1', "'=1", "''=1", "'", 'plain', '-', "'-"]) assert.equal(restoreNeutralized(neutralizeFormula(v)), v);
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
  });

  describe('console export', () => {
    it('writes the console columns in order', () => {
      const header = eventsToConsoleCsv([]).split('\r\n')[0];
      assert.equal(header, CONSOLE_CSV_COLUMNS.join(','));
      assert.equal(CONSOLE_CSV_COLUMNS.length, 15);
    });

    it('writes resources as the console does (resourceType/resourceName JSON)', () => {
      const event = buildEvent({ resources: [{ type: 'AWS::EC2::SecurityGroup', name: 'sg-1' }, { name: 'x', arn: 'arn:aws:s3:::x' }] });
      const row = parseConsoleCsv(eventsToConsoleCsv([event])).at(0);
      assert.deepEqual(JSON.parse(row?.Resources ?? ''), [
        { resourceType: 'AWS::EC2::SecurityGroup', resourceName: 'sg-1' },
        { resourceType: '', resourceName: 'arn:aws:s3:::x' },
      ]);
    });

    it('round-trips hostile values through our parser', () => {
      const event = buildEvent({
        id: 'e,1',
        userAgent: '=cmd|" /C calc"!A0',
        sourceIp: '-1+1',
        errorCode: '@SUM(1)',
        principal: { userName: '+alice\nnewline' },
        readOnly: false,
      });
      const row = parseConsoleCsv(eventsToConsoleCsv([event])).at(0);
      assert.ok(row);
      assert.equal(row['User agent'], '=cmd|" /C calc"!A0');
      assert.equal(row['Source IP address'], '-1+1');
      assert.equal(row['Error code'], '@SUM(1)');
      assert.equal(row['User name'], '+alice\nnewline');
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
      const rows = parseCsv(eventsToConsoleCsv(events));
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
});
