import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createParserPool } from '../../../../src/archive/store/parserPool';
import { type KeptCopy, readPacked } from '../../../../src/archive/store/objectPack';
import { sampleRecords, tempDir } from '../helpers';

describe('archive/store: parser threads fed with downloaded bytes', () => {
  it('parses bytes like the same file, moves an owned buffer, writes the kept copy, and reports damage by name', async () => {
    const tmp = tempDir();
    const pool = createParserPool(2);
    try {
      const gz = gzipSync(JSON.stringify({ Records: sampleRecords() }));
      const file = tmp.write('a.json.gz', gz);
      const fromFile = await pool.parse(file, 'json');
      const owned = new Uint8Array(gz);
      const kept: (KeptCopy | undefined)[] = [];
      const keepIn = join(tmp.dir, 'cache');
      mkdirSync(keepIn);
      const fromBytes = await pool.parse({ bytes: owned, owned: true, name: 's3://b/a.json.gz', keepIn, kept: (copy) => kept.push(copy) }, 'json');
      assert.equal(owned.byteLength, 0, 'the owned buffer moved to the worker, not copied');
      assert.deepEqual(fromBytes.rows, fromFile.rows);
      assert.deepEqual(Buffer.from(fromBytes.bodies), Buffer.from(fromFile.bodies));
      assert.equal(fromBytes.rows.length, sampleRecords().length);
      assert.equal(kept.length, 1);
      assert.ok(kept[0], 'the copy was written');
      assert.deepEqual(readPacked(keepIn, kept[0]), gz, 'the cache copy is the object as downloaded');
      // An owned buffer that is a slice of Node's shared pool cannot move: it is copied, and parsed.
      const one = gzipSync(JSON.stringify({ Records: sampleRecords().slice(0, 1) }));
      const pooled = Buffer.from(one);
      assert.ok(pooled.buffer.byteLength > pooled.byteLength, 'a pooled slice');
      const fromPool = await pool.parse({ bytes: pooled, owned: true, name: 's3://b/one.json.gz' }, 'json');
      assert.equal(fromPool.problem, undefined);
      assert.equal(fromPool.rows.length, 1);
      assert.deepEqual(pooled, one, 'the pool was not detached');
      // Several jobs in one batch, one of them damaged: each answers for itself.
      const cut = gz.subarray(0, gz.length - 40);
      const answers = await Promise.all([0, 1, 2].map((i) => pool.parse({ bytes: i === 1 ? cut : gz, name: `s3://b/${String(i)}.json.gz` }, 'json')));
      assert.equal(answers[0].rows.length, sampleRecords().length);
      assert.equal(answers[2].rows.length, sampleRecords().length);
      assert.ok(answers[1].problem !== undefined && !answers[1].problem.includes('s3://b/1.json.gz'), answers[1].problem);
      assert.ok(answers[1].rows.length < sampleRecords().length);
      assert.equal(existsSync(join(tmp.dir, 'never')), false);
    } finally {
      await pool.close();
      tmp.cleanup();
    }
  });
});
