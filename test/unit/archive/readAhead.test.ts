// Small files read and inflated ahead in a worker thread (a folder of many small log files): the
// same text as reading them here, the same "unusual" verdicts, and nothing lost when the thread
// cannot start, dies, or is stopped with reads in flight.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createArchiveEventSource } from '../../../src/archive/archiveEventSource';
import { prefetchText } from '../../../src/archive/prefetchText';
import { arrivedOrReadHere, askAhead, createReadAhead, THREAD_MIN_FILES } from '../../../src/archive/readAhead';
import { everything, makeRecord, useTempDir } from './helpers';

const logName = (n: number): string => `AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0000Z_f${String(n).padStart(4, '0')}.json.gz`;
const trailText = (n: number): string => JSON.stringify({ Records: [0, 1, 2].map((k) => makeRecord({ id: `e-${n}-${k}`, time: '2024-01-01T00:00:00Z', name: `Call${k}` })) });

describe('archive: small files read ahead in a worker thread', () => {
  const tmp = useTempDir();

  /** A gzipped file, a plain one, a cut gzip, an empty file and one over a 1 KB cap. */
  function files(): { path: string; size: number }[] {
    const t = tmp();
    const gz = gzipSync(trailText(1));
    return [
      t.write('a.json.gz', trailText(1), true),
      t.write('b.json', trailText(2)),
      t.write('cut.json.gz', gz.subarray(0, gz.length - 9)),
      t.write('empty.json.gz', Buffer.alloc(0)),
      t.write('big.json.gz', trailText(3).repeat(20), true),
    ].map((path) => ({ path, size: statSync(path).size }));
  }

  it('gives every file the same text (or the same "read it the slow way") as reading it in this thread', async () => {
    const reader = createReadAhead(THREAD_MIN_FILES);
    try {
      assert.equal(reader.threaded, true, 'a thread reads for a folder of many files');
      for (const { path, size } of files()) {
        const [there, here] = await Promise.all([reader.read(path, size, 1024), prefetchText(path, 1024, size)]);
        assert.equal(there?.toString('utf8'), here?.toString('utf8'), path);
      }
      const [{ path, size }] = files();
      assert.equal((await reader.read(path, size))?.toString('utf8'), trailText(1));
    } finally {
      await reader.close();
    }
  });

  it('reads in this thread for a few files, and when the thread cannot start or dies', async () => {
    const list = files();
    const [first] = list;
    assert.equal(createReadAhead(THREAD_MIN_FILES - 1).threaded, false);
    assert.equal(createReadAhead(THREAD_MIN_FILES, join(tmp().dir, 'missing.js')).threaded, false);
    // A worker script that dies at once: every read is still answered, with the right text.
    const dies = tmp().write('dies.js', "throw new Error('worker broke');");
    const reader = createReadAhead(THREAD_MIN_FILES, dies);
    try {
      const texts = await Promise.all([0, 1, 2].map(() => reader.read(first.path, first.size)));
      assert.deepEqual(texts.map((t) => t?.toString('utf8')), [trailText(1), trailText(1), trailText(1)]);
      assert.equal((await reader.read(first.path, first.size))?.toString('utf8'), trailText(1), 'reads after the thread died');
    } finally {
      await reader.close();
    }
  });

  it('never waits on a thread that stops answering: the indexing thread reads the file itself', async () => {
    const [first] = files();
    // A worker that takes every request and never answers.
    const silent = tmp().write('silent.js', "require('node:worker_threads').parentPort.on('message', () => undefined);");
    const reader = createReadAhead(THREAD_MIN_FILES, silent);
    try {
      assert.equal(reader.threaded, true);
      let readHere = 0;
      const started = Date.now();
      for (let n = 0; n < 20; n++) {
        const read = askAhead(reader, first.path, first.size);
        const text = await arrivedOrReadHere(reader, read, first.path, first.size, undefined, () => { readHere++; });
        assert.equal(text?.toString('utf8'), trailText(1));
      }
      assert.equal(readHere, 20, 'every file read here');
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    } finally {
      await reader.close();
    }
    // A thread that answers: its texts are used, none read twice.
    const working = createReadAhead(THREAD_MIN_FILES);
    try {
      const reads = Array.from({ length: 20 }, () => askAhead(working, first.path, first.size));
      await Promise.all(reads.map((r) => r.text));
      let readHere = 0;
      for (const read of reads) assert.equal((await arrivedOrReadHere(working, read, first.path, first.size, undefined, () => { readHere++; }))?.toString('utf8'), trailText(1));
      assert.equal(readHere, 0);
    } finally {
      await working.close();
    }
  });

  it('answers the reads in flight when it is closed', async () => {
    const [first] = files();
    const reader = createReadAhead(THREAD_MIN_FILES);
    const reads = Array.from({ length: 20 }, () => reader.read(first.path, first.size));
    await reader.close();
    const texts = await Promise.all(reads);
    assert.deepEqual(new Set(texts.map((t) => t?.toString('utf8'))), new Set([trailText(1)]));
  });

  it('opens a folder of many small files with every event and the damaged file named', async () => {
    const t = tmp();
    const count = THREAD_MIN_FILES + 6;
    for (let n = 0; n < count; n++) t.write(logName(n), trailText(n), true);
    const cut = gzipSync(trailText(999));
    t.write(logName(999), cut.subarray(0, cut.length - 9));
    const source = await createArchiveEventSource([t.dir]);
    const result = await source.query(everything());
    const ids = new Set(result.events.map((e) => e.id));
    for (let n = 0; n < count; n++) for (const k of [0, 1, 2]) assert.ok(ids.has(`e-${n}-${k}`), `e-${n}-${k}`);
    assert.equal(result.events.length, ids.size, 'each event once');
    assert.deepEqual(source.problems.map((p) => p.path), [join(t.dir, logName(999))]);
    assert.match(source.problems[0]?.message ?? '', /truncated|damaged|unexpected end/i);
    assert.equal(result.events.length - count * 3, 3, 'the cut file\'s complete records are kept too');
  });
});
