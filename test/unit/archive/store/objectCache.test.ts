import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectCache } from '../../../../src/archive/store/objectCache';
import { appendToPack } from '../../../../src/archive/store/objectPack';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { tempDir } from '../helpers';

/** Keeps `body` as a parser thread does (appended to this thread's pack), reports it and flushes. */
async function put(cache: ObjectCache, key: string, etag: string, body: Buffer, maxPackBytes?: number): Promise<string> {
  const slot = cache.reserve('b', key, etag);
  const copy = appendToPack(slot.dir, body, maxPackBytes);
  assert.ok(copy, 'the bytes were appended');
  slot.written(copy);
  await cache.flush();
  assert.deepEqual(cache.read('b', key, etag), body, `${key} is cached once flushed`);
  return join(slot.dir, copy.pack);
}

const packs = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.pack'));

describe('archive/store: downloaded-object cache', () => {
  it('finds an object by bucket + key + ETag only; a new ETag is a miss', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const cache = new ObjectCache(store, join(tmp.dir, 'objects'));
      await put(cache, 'k1', 'e1', Buffer.from('one'));
      assert.deepEqual(cache.read('b', 'k1', 'e1'), Buffer.from('one'));
      assert.equal(cache.read('b', 'k1', 'e2'), undefined);
      assert.equal(cache.read('other', 'k1', 'e1'), undefined);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('keeps many objects in one pack file, each read back exactly (no file per object)', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const dir = join(tmp.dir, 'objects');
      const cache = new ObjectCache(store, dir);
      const bodies = Array.from({ length: 500 }, (_, i) => Buffer.from(`object ${String(i)} `.repeat((i % 37) + 1)));
      for (const [i, body] of bodies.entries()) {
        const slot = cache.reserve('b', `k${String(i)}`, 'e');
        slot.written(appendToPack(slot.dir, body));
      }
      await cache.flush();
      assert.equal(packs(dir).length, 1, 'one pack for this thread');
      assert.deepEqual(readdirSync(dir).length, 1, 'and nothing else in the folder');
      bodies.forEach((body, i) => {
        const bytes = cache.read('b', `k${String(i)}`, 'e');
        assert.deepEqual(bytes, body, `k${String(i)}`);
        // Its own buffer, which a parser thread can take without a copy (Node's pooled small buffers cannot move).
        assert.equal(bytes.buffer.byteLength, body.length);
      });
      assert.deepEqual(cache.usage(), { objects: 500, bytes: bodies.reduce((n, b) => n + b.length, 0), capBytes: cache.usage().capBytes });
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('evicts the least recently used packs above the size cap, and clear() empties it', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const dir = join(tmp.dir, 'objects');
      const cache = new ObjectCache(store, dir, 250);
      // A pack cap below two objects: each object starts a pack of its own.
      const a = await put(cache, 'a', 'e', Buffer.alloc(100, 1), 150);
      await new Promise((r) => setTimeout(r, 5));
      const b = await put(cache, 'b', 'e', Buffer.alloc(100, 2), 150);
      await new Promise((r) => setTimeout(r, 5));
      assert.ok(cache.read('b', 'a', 'e'), 'a used again: b is now the oldest');
      await new Promise((r) => setTimeout(r, 5));
      await put(cache, 'c', 'e', Buffer.alloc(100, 3), 150);
      assert.equal(cache.read('b', 'b', 'e'), undefined);
      assert.equal(existsSync(b), false, 'its pack is deleted');
      assert.deepEqual(cache.read('b', 'a', 'e'), Buffer.alloc(100, 1));
      assert.ok(existsSync(a));
      assert.deepEqual(cache.usage(), { objects: 2, bytes: 200, capBytes: 250 });
      cache.clear();
      assert.deepEqual(cache.usage(), { objects: 0, bytes: 0, capBytes: 250 });
      assert.equal(existsSync(a), false);
      // A thread whose pack was deleted under it starts a new one.
      await put(cache, 'd', 'e', Buffer.from('after clear'));
      assert.equal(packs(dir).length, 1);
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
      const copies = slots.map((slot, i) => appendToPack(slot.dir, bodies[i]));
      await new Promise((r) => setImmediate(r));
      assert.equal(flushed, false, 'flush waits for every reserved write');
      assert.equal(cache.read('b', 'k299', 'e'), undefined, 'not found before its write is reported');
      slots.forEach((slot, i) => { slot.written(i === 7 ? undefined : copies[i]); });
      await flushing;
      bodies.forEach((body, i) => {
        const bytes = cache.read('b', `k${String(i)}`, 'e');
        if (i === 7) assert.equal(bytes, undefined, 'a failed write is downloaded again next time');
        else assert.deepEqual(bytes, body);
      });
      assert.equal(cache.writeFailures, 1);
      assert.equal(cache.usage().objects, 299);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('a pack deleted from disk is a miss (its rows go), and a folder that cannot take a pack is a failed write, not a crash', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const dir = join(tmp.dir, 'objects');
      const cache = new ObjectCache(store, dir);
      const pack = await put(cache, 'k', 'e', Buffer.from('kept'));
      rmSync(pack);
      assert.equal(cache.read('b', 'k', 'e'), undefined);
      assert.equal(cache.usage().objects, 0, 'the row of a lost copy is dropped');
      assert.equal(appendToPack(join(tmp.dir, 'no such folder'), Buffer.from('x')), undefined);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('on open, deletes the per-object folders of older versions and packs no row points to once an hour old', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(':memory:');
    try {
      const dir = join(tmp.dir, 'objects');
      const kept = await put(new ObjectCache(store, dir), 'k', 'e', Buffer.from('kept'));
      mkdirSync(join(dir, 'ab'));
      writeFileSync(join(dir, 'ab', 'abcdef'), 'an object cached by an older version');
      const orphan = join(dir, 'old-1-1-0000.pack');
      const fresh = join(dir, 'new-1-1-0000.pack');
      writeFileSync(orphan, 'a crash left this');
      writeFileSync(fresh, 'another window is writing this');
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      utimesSync(orphan, twoHoursAgo, twoHoursAgo);
      utimesSync(kept, twoHoursAgo, twoHoursAgo);
      const reopened = new ObjectCache(store, dir);
      assert.equal(existsSync(join(dir, 'ab')), false);
      assert.equal(existsSync(orphan), false);
      assert.ok(existsSync(fresh), 'a recent pack may be another window\'s: kept');
      assert.deepEqual(reopened.read('b', 'k', 'e'), Buffer.from('kept'), 'a pack with rows stays, however old');
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
