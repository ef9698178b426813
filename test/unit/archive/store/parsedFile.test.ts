// A downloaded object's bytes (a trail bucket) and the same bytes as a file on disk (the
// streaming reader) give the same rows, bodies, record errors and problem entries, whatever the
// object holds: small objects take the whole-text path (one inflate call, one JSON.parse), and
// anything unusual falls back to the streaming reader.
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { smallText } from '../../../../src/archive/prefetchText';
import { parseTrailFile } from '../../../../src/archive/store/parsedFile';
import { makeRecord, sampleRecords, useTempDir } from '../helpers';

const records = (n: number): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => makeRecord({ id: `obj-${String(i)}`, time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString().replace('.000', ''), name: i % 2 === 0 ? 'DeleteDBInstance' : 'GetObject' }));
const trail = (list: readonly unknown[]): Buffer => Buffer.from(JSON.stringify({ Records: list }));

describe('archive/store: parsing a downloaded object', () => {
  const tmp = useTempDir();

  /** Parses `bytes` as an object and as a file; asserts both give the same; returns the object's result. */
  async function same(label: string, bytes: Buffer): Promise<Awaited<ReturnType<typeof parseTrailFile>>> {
    const name = `s3://bucket/AWSLogs/${label}.json.gz`;
    const fromBytes = await parseTrailFile({ bytes: new Uint8Array(bytes), name }, 'json');
    const path = tmp().write(`${label}.json.gz`, bytes);
    const fromFile = await parseTrailFile(path, 'json');
    assert.deepEqual(fromBytes.rows, fromFile.rows, label);
    assert.deepEqual(Buffer.from(fromBytes.bodies).toString('utf8'), Buffer.from(fromFile.bodies).toString('utf8'), label);
    assert.deepEqual([...fromBytes.bodyEnds], [...fromFile.bodyEnds], label);
    assert.deepEqual(fromBytes.resources, fromFile.resources, label);
    assert.deepEqual(fromBytes.recordErrors, fromFile.recordErrors, label);
    assert.equal(fromBytes.problem, fromFile.problem, label);
    return fromBytes;
  }

  it('gives the rows, bodies and problems the streaming reader gives, for good, damaged, empty and unusual objects', async () => {
    const good = trail(records(30));
    assert.equal((await same('gzipped', gzipSync(good))).rows.length, 30);
    assert.equal((await same('plain', good)).rows.length, 30);
    assert.equal((await same('sample', gzipSync(trail(sampleRecords())))).rows.length, sampleRecords().length);
    const withBadRecord = trail([...records(3), { eventTime: 'not a time' }, ...records(2).map((r, i) => ({ ...r, eventID: `late-${String(i)}` }))]);
    const bad = await same('bad-record', gzipSync(withBadRecord));
    assert.equal(bad.rows.length, 5);
    assert.equal(bad.recordErrors.length, 1);
    const truncated = await same('truncated', gzipSync(good).subarray(0, Math.floor(gzipSync(good).length * 0.7)));
    assert.ok(truncated.problem !== undefined && !truncated.problem.includes('s3://bucket'), truncated.problem);
    assert.ok(truncated.rows.length > 0 && truncated.rows.length < 30, 'records before the damage kept');
    assert.ok((await same('cut-json', gzipSync(good.subarray(0, good.length - 30)))).problem !== undefined);
    assert.match((await same('empty', Buffer.alloc(0))).problem ?? '', /empty \(0 bytes\)/);
    assert.match((await same('gzip-of-nothing', gzipSync(Buffer.alloc(0)))).problem ?? '', /holds nothing/);
    assert.ok((await same('not-gzip', Buffer.from('\u001f\u008b this is not a gzip stream'))).problem !== undefined);
    assert.ok((await same('not-json', gzipSync('hello, world'))).problem !== undefined);
    assert.equal((await same('empty-list', gzipSync('{"Records":[]}'))).rows.length, 0);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]);
    assert.equal((await same('utf8-bom', gzipSync(bom))).rows.length, 30);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good.toString('utf8'), 'utf16le')]);
    assert.equal((await same('utf16', gzipSync(utf16))).rows.length, 30);
    const members = Buffer.concat([gzipSync(good.subarray(0, 500)), gzipSync(good.subarray(500))]);
    assert.equal((await same('two-members', members)).rows.length, 30);
    const lookupExport = Buffer.from(JSON.stringify({ Events: [{ EventId: 'e-1', EventName: 'DeleteDBInstance', EventTime: '2024-01-01T00:00:00Z', CloudTrailEvent: JSON.stringify(records(1)[0]) }] }));
    assert.equal((await same('lookup-export', gzipSync(lookupExport))).rows.length, 1);
  });

  it('an object whose text is larger than the whole-text cap is read by the streaming reader, every record kept', async () => {
    // 9 MB of text (padding inside each record) in a few KB of gzip: past the one-call cap, under the 1 GiB inflate cap.
    const padded = records(9).map((r) => ({ ...r, pad: ' '.repeat(1024 * 1024) }));
    const text = trail(padded);
    const gz = gzipSync(text);
    assert.ok(gz.length < 256 * 1024 && text.length > 8 * 1024 * 1024);
    assert.equal(smallText(gz), undefined, 'not inflated in one call');
    const parsed = await same('large-text', gz);
    assert.equal(parsed.rows.length, 9);
    assert.equal(parsed.problem, undefined);
  });

  it('smallText inflates small gzip objects, passes plain text through, and gives up on damage, emptiness and size', () => {
    const text = trail(records(4));
    assert.deepEqual(smallText(gzipSync(text)), text);
    assert.equal(smallText(text), text);
    assert.equal(smallText(Buffer.alloc(0)), undefined);
    assert.equal(smallText(gzipSync(Buffer.alloc(0))), undefined);
    assert.equal(smallText(gzipSync(text).subarray(0, 40)), undefined);
    assert.equal(smallText(Buffer.alloc(256 * 1024 + 1, 0x20)), undefined, 'large objects stream');
  });
});
