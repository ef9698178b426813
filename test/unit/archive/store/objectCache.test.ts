import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectCache } from '../../../../src/archive/store/objectCache';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { tempDir } from '../helpers';

async function put(cache: ObjectCache, key: string, etag: string, bytes: number): Promise<string> {
  const slot = cache.reserve('b', key, etag);
  writeFileSync(slot.path, new Uint8Array(bytes));
  slot.written(true, bytes);
  await cache.flush();
  const path = cache.lookup('b', key, etag);
  assert.ok(path !== undefined, `${key} is cached once flushed`);
  return path;
}

describe('archive/store: downloaded-object cache', () => {
  it('finds an object by bucket + key + ETag only; a new ETag is a miss', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const cache = new ObjectCache(store, join(tmp.dir, 'objects'));
      const path = await put(cache, 'k1', 'e1', 10);
      assert.equal(cache.lookup('b', 'k1', 'e1'), path);
      assert.equal(cache.lookup('b', 'k1', 'e2'), undefined);
      assert.equal(cache.lookup('other', 'k1', 'e1'), undefined);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('evicts the least recently used objects above the size cap, and clear() empties it', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const cache = new ObjectCache(store, join(tmp.dir, 'objects'), 250);
      const a = await put(cache, 'a', 'e', 100);
      await new Promise((r) => setTimeout(r, 5));
      const b = await put(cache, 'b', 'e', 100);
      await new Promise((r) => setTimeout(r, 5));
      assert.ok(cache.lookup('b', 'a', 'e'), 'a used again: b is now the oldest');
      await new Promise((r) => setTimeout(r, 5));
      await put(cache, 'c', 'e', 100);
      assert.equal(cache.lookup('b', 'b', 'e'), undefined);
      assert.equal(existsSync(b), false, 'its file is deleted');
      assert.equal(cache.lookup('b', 'a', 'e'), a);
      assert.deepEqual(cache.usage(), { objects: 2, bytes: 200, capBytes: 250 });
      cache.clear();
      assert.deepEqual(cache.usage(), { objects: 0, bytes: 0, capBytes: 250 });
      assert.equal(existsSync(a), false);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('finds an object only once its write is reported and flushed; a failed write leaves no row', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const cache = new ObjectCache(store, join(tmp.dir, 'objects'));
      const bodies = Array.from({ length: 300 }, (_, i) => Buffer.from(`object ${String(i)} `.repeat(i + 1)));
      const slots = bodies.map((_, i) => cache.reserve('b', `k${String(i)}`, 'e'));
      let flushed = false;
      const flushing = cache.flush().then(() => { flushed = true; });
      slots.forEach((slot, i) => { writeFileSync(slot.path, bodies[i]); });
      await new Promise((r) => setImmediate(r));
      assert.equal(flushed, false, 'flush waits for every reserved write');
      assert.equal(cache.lookup('b', 'k299', 'e'), undefined, 'not found before its write is reported');
      slots.forEach((slot, i) => { slot.written(i !== 7, bodies[i].length); });
      await flushing;
      bodies.forEach((body, i) => {
        const path = cache.lookup('b', `k${String(i)}`, 'e');
        if (i === 7) {
          assert.equal(path, undefined, 'a failed write is downloaded again next time');
          return;
        }
        assert.ok(path !== undefined && existsSync(path));
        assert.deepEqual(readFileSync(path), body);
      });
      assert.equal(cache.writeFailures, 1);
      assert.equal(cache.usage().objects, 299);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
