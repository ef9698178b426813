// Generated bad files (made here, never committed): what a user sees when opening them — the good
// records, the problem entry and its wording — through the archive source and the record reader.
import * as assert from 'node:assert/strict';
import { constants, gzipSync, gunzipSync } from 'node:zlib';
import { createArchiveEventSource } from '../../../src/archive/archiveEventSource';
import { type RecordItem, readRecordFile, readRecords } from '../../../src/archive/recordFile';
import { everything, makeRecord, tempDir } from './helpers';

const record = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...makeRecord({ id: `id-${String(i).padStart(5, '0')}`, time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString().replace('.000', '') }),
  ...extra,
});

/** CloudTrail's real form: one line, `{"Records":[…]}`, and where each record ends in it. */
function oneLineTrail(count: number): { text: string; ends: number[] } {
  const parts = Array.from({ length: count }, (_, i) => JSON.stringify(record(i, { pad: 'p'.repeat(100 + (i % 13) * 17) })));
  const ends: number[] = [];
  let at = '{"Records":['.length;
  for (const [i, part] of parts.entries()) {
    at += (i > 0 ? 1 : 0) + Buffer.byteLength(part);
    ends.push(at);
  }
  return { text: `{"Records":[${parts.join(',')}]}`, ends };
}

async function readAll(items: AsyncIterable<RecordItem>): Promise<RecordItem[]> {
  const all: RecordItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const recordIds = (items: readonly RecordItem[]): string[] => items.flatMap((i) => (i.kind === 'record' ? [(i.record as { eventID: string }).eventID] : []));
const errors = (items: readonly RecordItem[]): string[] => items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));

describe('archive bad files (generated)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('keeps every complete record before the damage of a truncated one-line .json.gz, at several cuts', async () => {
    const { text, ends } = oneLineTrail(300);
    const gz = gzipSync(text);
    for (const cut of [0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const damaged = gz.subarray(0, Math.floor(gz.length * cut));
      const available = gunzipSync(damaged, { finishFlush: constants.Z_SYNC_FLUSH }).length;
      const complete = ends.filter((end) => end <= available).length;
      const path = tmp.write(`cut-${cut}.json.gz`, damaged);
      const items = await readAll(readRecordFile(path));
      const ids = recordIds(items);
      assert.equal(ids.length, complete, `cut ${cut}: every complete record is kept`);
      assert.deepEqual(ids, Array.from({ length: complete }, (_, i) => `id-${String(i).padStart(5, '0')}`));
      const rest = complete > 0 ? 'records after the damage are missing' : 'no record could be read from it';
      assert.deepEqual(errors(items), [`${path} is a damaged or truncated gzip file (unexpected end of file); ${rest}`]);
    }
    // The user-facing problem in the archive says how many were kept.
    const source = await createArchiveEventSource([tmp.write('AWSLogs/half.json.gz', gz.subarray(0, Math.floor(gz.length / 2)))]);
    const result = await source.query(everything());
    assert.ok(result.events.length > 100, `${result.events.length} events`);
    assert.deepEqual(
      source.problems.map((p) => p.message),
      [`File is a damaged or truncated gzip file (unexpected end of file); records after the damage are missing (${result.events.length} events before the damage were kept)`],
    );
  });

  it('stops a file at the inflate cap with a clear problem and loses no other file', async () => {
    // 200 good records, then 64 MB of whitespace inside the list (4 KB of gzip), then 100 more.
    const good = Array.from({ length: 200 }, (_, i) => JSON.stringify(record(i)));
    const after = Array.from({ length: 100 }, (_, i) => JSON.stringify(record(1000 + i)));
    const bomb = gzipSync(Buffer.concat([Buffer.from(`{"Records":[${good.join(',')},`), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from(`${after.join(',')}]}`)]));
    assert.ok(bomb.length < 200_000, `the bomb is small on disk (${bomb.length} bytes)`);
    const bombPath = tmp.write('logs/bomb.json.gz', bomb);
    tmp.write('logs/good.json.gz', JSON.stringify({ Records: [record(5000), record(5001)] }), true);
    const started = Date.now();
    const source = await createArchiveEventSource([`${tmp.dir}/logs`], { maxInflatedBytes: 8 * 1024 * 1024, indexAll: true });
    const result = await source.query(everything());
    assert.ok(Date.now() - started < 10_000, 'the cap bounds the time spent');
    const ids = new Set(result.events.map((e) => e.id));
    assert.equal(result.events.length, 202, 'the 200 records before the cap and the other file');
    assert.ok(ids.has('id-05000') && ids.has('id-05001') && ids.has('id-00199') && !ids.has('id-01000'));
    assert.deepEqual(source.problems, [
      { path: bombPath, message: 'File inflates to more than 8 MB, the limit for one file (a damaged file or a decompression bomb); records after the limit are missing (200 events before the damage were kept)' },
    ]);
  });

  it('applies the inflate cap to a small file read ahead too (20 MB of text in a 20 KB gzip, cap 8 MB)', async () => {
    const good = Array.from({ length: 50 }, (_, i) => JSON.stringify(record(i)));
    const bomb = gzipSync(Buffer.concat([Buffer.from(`{"Records":[${good.join(',')},`), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from(`${JSON.stringify(record(999))}]}`)]));
    assert.ok(bomb.length < 100_000, `small on disk (${bomb.length} bytes): read ahead whole`);
    // The first file is read as the others are read ahead: the bomb comes second.
    tmp.write('logs/a.json.gz', JSON.stringify({ Records: [record(5000)] }), true);
    const bombPath = tmp.write('logs/bomb.json.gz', bomb);
    const source = await createArchiveEventSource([`${tmp.dir}/logs`], { maxInflatedBytes: 8 * 1024 * 1024, indexAll: true });
    const result = await source.query(everything());
    assert.equal(result.events.length, 51, 'the records before the cap and the other file, not the one after the cap');
    assert.deepEqual(source.problems, [
      { path: bombPath, message: 'File inflates to more than 8 MB, the limit for one file (a damaged file or a decompression bomb); records after the limit are missing (50 events before the damage were kept)' },
    ]);
  });

  it('lists zero-byte and empty files as problems instead of ignoring them', async () => {
    tmp.write('logs/a_CloudTrail_us-east-1_20240101T0000Z_x.json.gz', '');
    tmp.write('logs/blank.json', ' \n\n');
    tmp.write('logs/hollow.json.gz', gzipSync(''));
    tmp.write('logs/ok.json', JSON.stringify({ Records: [record(1)] }));
    const source = await createArchiveEventSource([`${tmp.dir}/logs`], { indexAll: true });
    assert.equal((await source.query(everything())).events.length, 1);
    assert.deepEqual(
      source.problems.map((p) => `${p.path.slice(tmp.dir.length + 6)}: ${p.message}`),
      ['a_CloudTrail_us-east-1_20240101T0000Z_x.json.gz: File is empty (0 bytes)', 'blank.json: File holds nothing but whitespace', 'hollow.json.gz: File is a gzip file that holds nothing'],
    );
  });

  it('reads a record nested 10,000 levels deep and one with 100 KB fields beside good ones', async () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const huge = record(2, { requestParameters: Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`field${i}`, 'x'.repeat(100_000)])) });
    // JSON.stringify cannot write the deep record; build its text by hand.
    const deepText = `${JSON.stringify(record(1)).slice(0, -1)},"requestParameters":${'{"a":'.repeat(10_000)}{"leaf":true}${'}'.repeat(10_000)}}`;
    const path = tmp.write('odd.json', `{"Records":[${JSON.stringify(record(0))},${deepText},${JSON.stringify(huge)},${JSON.stringify(record(3))}]}`);
    const source = await createArchiveEventSource([path]);
    const result = await source.query(everything());
    assert.deepEqual(result.events.map((e) => e.id).sort(), ['id-00000', 'id-00001', 'id-00002', 'id-00003']);
    assert.deepEqual(source.problems, []);
    // A record over the per-record cap is one bad record; the rest load.
    const capped = await readAll(readRecordFile(path, { maxRecordBytes: 1024 * 1024 }));
    assert.deepEqual(recordIds(capped), ['id-00000', 'id-00001', 'id-00003']);
    assert.deepEqual(errors(capped), [`${path} record 2 is 2.8 MB, over the 1 MB limit for one record; skipped`]);
  });

  it('makes bad times per-record errors and keeps the other records', async () => {
    const path = tmp.write(
      'times.json',
      JSON.stringify({ Records: [record(0), record(1, { eventTime: '2023-02-30T10:00:00Z' }), record(2, { eventTime: 1e20 }), record(3, { eventTime: '+275760-09-13T00:00:00Z' }), record(4)] }),
    );
    const source = await createArchiveEventSource([path]);
    const result = await source.query(everything());
    assert.deepEqual(result.events.map((e) => e.id).sort(), ['id-00000', 'id-00004']);
    assert.deepEqual(
      source.problems.map((p) => p.message),
      [
        'Record 1: record "DescribeDBInstances" (eventID id-00001): its eventTime "2023-02-30T10:00:00Z" is not a calendar date',
        'Record 2: record "DescribeDBInstances" (eventID id-00002): its eventTime is a number, not an ISO 8601 string',
        'Record 3: record "DescribeDBInstances" (eventID id-00003): its eventTime "+275760-09-13T00:00:00Z" is not an ISO 8601 date-time',
      ],
    );
  });

  it('reads UTF-16 files (PowerShell redirection) correctly, with or without a BOM', async () => {
    const text = JSON.stringify({ Records: [record(0), record(1, { userAgent: 'naïve ☃' })] }, null, 2);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(text, 'utf16le').swap16();
    for (const [name, bytes] of [['le.json', le], ['be-no-bom.json', be], ['le.json.gz', gzipSync(le)]] as const) {
      const items = await readAll(readRecordFile(tmp.write(name, bytes)));
      assert.deepEqual(recordIds(items), ['id-00000', 'id-00001'], name);
      assert.equal((items[1] as { record: { userAgent: string } }).record.userAgent, 'naïve ☃');
      assert.deepEqual(errors(items), []);
    }
  });

  it('names NUL bytes: a zero-padded partial trail file and a JSON-lines file with a NUL line', async () => {
    const { text } = oneLineTrail(20);
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const padded = tmp.write('padded.json', Buffer.concat([Buffer.from(cut), Buffer.alloc(4096)]));
    const items = await readAll(readRecordFile(padded));
    assert.ok(recordIds(items).length >= 10);
    assert.deepEqual(errors(items), [
      `${padded} ends in the middle of a record: the file is truncated; records after the damage are missing`,
      `${padded} holds 4,096 NUL bytes from byte ${Buffer.byteLength(cut).toLocaleString('en-US')} (a partly written or damaged file); records that touch them were skipped`,
    ]);
    const lines = tmp.write('nul.jsonl', `${JSON.stringify(record(0))}\n${'\u0000'.repeat(8)}\n${JSON.stringify(record(2))}\n`);
    const lineItems = await readAll(readRecordFile(lines));
    assert.deepEqual(recordIds(lineItems), ['id-00000', 'id-00002']);
    assert.match(errors(lineItems)[0] ?? '', /nul\.jsonl line 2: not valid JSON \(.*; it holds NUL bytes\)/);
    assert.equal(errors(lineItems).length, 1);
    const zeros = tmp.write('zeros.json.gz', gzipSync(Buffer.alloc(1000)));
    assert.deepEqual(errors(await readAll(readRecordFile(zeros))), [`${zeros} holds only NUL bytes (1,000): a file that was never written`]);
  });

  it('loads gzipped and concatenated lookup-events outputs', async () => {
    const page = (from: number, token?: string): string =>
      JSON.stringify(
        {
          Events: [0, 1].map((i) => ({ EventId: `id-${String(from + i).padStart(5, '0')}`, EventName: 'DescribeDBInstances', EventTime: 1704067200 + from + i, CloudTrailEvent: JSON.stringify(record(from + i)) })),
          ...(token ? { NextToken: token } : {}),
        },
        null,
        4,
      );
    const concatenated = `${page(0, 'abc')}\n${page(2)}\n`;
    tmp.write('exports/both.json', concatenated);
    tmp.write('exports/zipped.json.gz', page(10), true);
    tmp.write('exports/two-members.json.gz', Buffer.concat([gzipSync(page(20, 't')), gzipSync(page(22))]));
    const source = await createArchiveEventSource([`${tmp.dir}/exports`]);
    const result = await source.query(everything());
    assert.deepEqual(source.problems, []);
    assert.deepEqual(result.events.map((e) => e.id).sort(), ['id-00000', 'id-00001', 'id-00002', 'id-00003', 'id-00010', 'id-00011', 'id-00020', 'id-00021', 'id-00022', 'id-00023']);
  });

  it('keeps the good records around a malformed one inside a one-line trail file', async () => {
    const text = `{"Records":[${JSON.stringify(record(0))},{"eventID": "id-00001", oops},${JSON.stringify(record(2))},${JSON.stringify(record(3))}]}`;
    for (const [name, content] of [['bad-middle.json', text], ['bad-middle.json.gz', gzipSync(text)]] as const) {
      const path = tmp.write(name, content);
      const items = await readAll(readRecordFile(path));
      assert.deepEqual(recordIds(items), ['id-00000', 'id-00002', 'id-00003'], name);
      assert.deepEqual(items.flatMap((i) => (i.kind === 'error' ? [i.index] : [])), [1]);
      assert.match(errors(items)[0] ?? '', /record 1: not valid JSON/);
    }
  });

  it('reads any byte stream with a name (an S3 body, a pipe), not only files', async () => {
    async function* body(): AsyncGenerator<Buffer> {
      await Promise.resolve();
      const gz = gzipSync(JSON.stringify({ Records: [record(0), record(1), record(2)] }));
      for (let i = 0; i < gz.length; i += 7) yield gz.subarray(i, i + 7);
    }
    const items = await readAll(readRecords(body(), 's3://bucket/AWSLogs/x.json.gz'));
    assert.deepEqual(recordIds(items), ['id-00000', 'id-00001', 'id-00002']);
    assert.deepEqual(
      items.map((i) => (i.kind === 'record' ? i.index : -1)),
      [0, 1, 2],
      'the record index is the position in Records[] (for provenance)',
    );
  });
});
