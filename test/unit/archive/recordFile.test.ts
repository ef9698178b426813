import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type RecordItem, readRecordFile } from '../../../src/archive/recordFile';

const rec = (id: string): Record<string, unknown> => ({ eventVersion: '1.08', eventID: id, eventName: 'RunInstances', eventTime: '2026-01-01T00:00:00Z' });

async function readAll(file: string): Promise<RecordItem[]> {
  const items: RecordItem[] = [];
  for await (const item of readRecordFile(file)) items.push(item);
  return items;
}

const ids = (items: RecordItem[]): unknown[] => items.map((i) => (i.kind === 'record' ? [(i.record as { eventID?: string }).eventID, i.index] : ['error', i.index]));

describe('archive/recordFile readRecordFile', () => {
  let dir: string;
  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'recordfile-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a {"Records": […]} trail file', async () => {
    const items = await readAll(write('trail.json', JSON.stringify({ Records: [rec('a'), rec('b')] })));
    assert.deepEqual(ids(items), [['a', 0], ['b', 1]]);
  });

  it('reads a gzipped trail file, detected by magic bytes whatever its name', async () => {
    const gz = gzipSync(JSON.stringify({ Records: [rec('a'), rec('b'), rec('c')] }));
    assert.deepEqual(ids(await readAll(write('trail.json.gz', gz))), [['a', 0], ['b', 1], ['c', 2]]);
    assert.deepEqual(ids(await readAll(write('misnamed.json', gz))), [['a', 0], ['b', 1], ['c', 2]]);
  });

  it('reads JSON lines of records and of {"record": …} wrappers, with a BOM and blank lines', async () => {
    const lines = `\uFEFF${JSON.stringify(rec('a'))}\n\n${JSON.stringify({ source: 'x', record: rec('b') })}\r\n${JSON.stringify(rec('c'))}\n`;
    assert.deepEqual(ids(await readAll(write('lines.jsonl', lines))), [['a', 0], ['b', 2], ['c', 3]]);
  });

  it('reads a bare array of records and a single record', async () => {
    assert.deepEqual(ids(await readAll(write('array.json', JSON.stringify([rec('a'), { record: rec('b') }])))), [['a', 0], ['b', 1]]);
    assert.deepEqual(ids(await readAll(write('one.json', JSON.stringify(rec('a'))))), [['a', 0]]);
  });

  it('reports a bad JSON line as a per-record error and keeps the rest', async () => {
    const items = await readAll(write('bad-line.jsonl', `${JSON.stringify(rec('a'))}\n{"eventID": "b", oops\n${JSON.stringify(rec('c'))}\n`));
    assert.deepEqual(ids(items), [['a', 0], ['error', 1], ['c', 2]]);
    const error = items[1];
    assert.ok(error.kind === 'error');
    assert.match(error.error, /bad-line\.jsonl line 2: not valid JSON/);
  });

  it('gives one file-level error for invalid JSON, a truncated document or a non-JSON file', async () => {
    for (const [name, content, expected] of [
      ['truncated.json', JSON.stringify({ Records: [rec('a'), rec('b')] }).slice(0, 80), 'ends in the middle of a record: the file is truncated; no record could be read from it'],
      ['pretty-truncated.json', JSON.stringify({ Records: [rec('a')] }, null, 2).slice(0, 90), 'ends in the middle of a record: the file is truncated; no record could be read from it'],
      ['binary.bin', Buffer.from([0, 1, 2, 3, 255]), 'is not valid JSON: unexpected byte 0x01 at byte 0'],
      ['csv.csv', 'User name,Event time\nalice,2026-01-01\n', 'is not valid JSON: unexpected "U" at byte 0'],
    ] as const) {
      const items = await readAll(write(name, content));
      assert.equal(items.length, 1, name);
      const only = items[0];
      assert.ok(only.kind === 'error' && only.index === undefined, name);
      assert.equal(only.error, `${path.join(dir, name)} ${expected}`);
    }
  });

  it('salvages the records before the damage of a truncated gzip and then reports the truncation', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ ...rec(`id-${i}`), pad: 'x'.repeat(200 + (i % 7)) })).join('\n');
    const gz = gzipSync(lines);
    const items = await readAll(write('cut.json.gz', gz.subarray(0, Math.floor(gz.length / 2))));
    const records = items.filter((i) => i.kind === 'record');
    const errors = items.filter((i) => i.kind === 'error');
    assert.ok(records.length > 10 && records.length < 400, `salvaged ${records.length}`);
    assert.deepEqual(ids(records.slice(0, 2)), [['id-0', 0], ['id-1', 1]]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.index, undefined);
    assert.match(errors[0].error, /cut\.json\.gz is a damaged or truncated gzip file .*records after the damage are missing/);
    assert.equal(items.at(-1), errors[0]);
  });

  it('reports a gzip truncated to its header as unreadable', async () => {
    const gz = gzipSync(JSON.stringify({ Records: [rec('a')] }));
    const items = await readAll(write('header-only.json.gz', gz.subarray(0, 12)));
    assert.equal(items.length, 1);
    assert.ok(items[0].kind === 'error');
    assert.match(items[0].error, /damaged or truncated gzip file .*no record could be read/);
  });

  it('reports a missing file or a folder as a file-level error', async () => {
    const missing = await readAll(path.join(dir, 'nope.json'));
    assert.equal(missing.length, 1);
    assert.ok(missing[0].kind === 'error');
    assert.match(missing[0].error, /^Cannot read .*nope\.json: no such file$/);
    const folder = await readAll(dir);
    assert.ok(folder[0].kind === 'error');
    assert.match(folder[0].error, /folder/);
  });

  it('explains JSON that is not CloudTrail records, and a Records field that is not a list', async () => {
    const other = await readAll(write('other.json', JSON.stringify({ hello: 'world' })));
    assert.ok(other[0].kind === 'error');
    assert.match(other[0].error, /is JSON but not CloudTrail records/);
    const notList = await readAll(write('notlist.json', JSON.stringify({ Records: 'x' })));
    assert.ok(notList[0].kind === 'error');
    assert.match(notList[0].error, /"Records" is not a list/);
  });

  it('lists zero-byte, whitespace-only and empty gzip files as problems', async () => {
    const problems = async (name: string, content: string | Buffer): Promise<unknown[]> => (await readAll(write(name, content))).map((i) => (i.kind === 'error' ? i.error.slice(dir.length + 1) : i));
    assert.deepEqual(await problems('zero.json.gz', ''), ['zero.json.gz is empty (0 bytes)']);
    assert.deepEqual(await problems('blank.json', '  \n'), ['blank.json holds nothing but whitespace']);
    assert.deepEqual(await problems('hollow.json.gz', gzipSync('')), ['hollow.json.gz is a gzip file that holds nothing']);
  });

  it('reads the whole sample fixture (JSON lines of {"source","record"})', async () => {
    const items = await readAll(path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'records.jsonl'));
    assert.equal(items.filter((i) => i.kind === 'record').length, 283);
    assert.equal(items.filter((i) => i.kind === 'error').length, 0);
  });
});
