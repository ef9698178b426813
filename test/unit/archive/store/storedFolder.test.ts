import * as assert from 'node:assert/strict';
import { utimesSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createArchiveEventSource } from '../../../../src/archive/archiveEventSource';
import { openStoredFolder } from '../../../../src/archive/store/storedFolderSource';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import type { AttributeFilter, EventQuery } from '../../../../src/core/query';
import { FIXTURES, everything, makeRecord, tempDir } from '../helpers';

const QUERIES: readonly Partial<EventQuery>[] = [
  {},
  { regions: ['eu-west-1'] },
  { includeReadOnly: false },
  { errorsOnly: true },
  { category: 'insight' },
  { filters: [{ key: 'EventSource', value: 'ec2.amazonaws.com' }] },
  { filters: [{ key: 'EventName', value: 'Describe*' }, { key: 'ReadOnly', value: 'true' }] },
  { filters: [{ key: 'ReadOnly', value: 'false' }] },
  { filters: [{ key: 'Username', value: 'Alice' }] },
  { filters: [{ key: 'ResourceType', value: 'AWS::*' }] },
  { filters: [{ key: 'ResourceName', value: 'arn:aws:*' }] },
  { filters: [{ key: 'AccessKeyId', value: 'ASIA*' }] },
];

const ids = (events: readonly { id: string; time: number }[]): string[] => events.map((e) => `${e.time} ${e.id}`).sort();

describe('archive/store: local folders through the persisted store', () => {
  let store: TrailStore;
  beforeEach(() => {
    store = TrailStore.open(':memory:');
  });
  afterEach(() => {
    store.close();
  });

  for (const overrides of QUERIES) {
    it(`answers like the in-memory index: ${JSON.stringify(overrides)}`, async () => {
      const query = everything(overrides);
      const expected = await (await createArchiveEventSource([FIXTURES])).query(query);
      const actual = await (await openStoredFolder([FIXTURES], { store })).query(query);
      assert.deepEqual(ids(actual.events), ids(expected.events));
      for (let i = 1; i < actual.events.length; i++) assert.ok(actual.events[i - 1].time >= actual.events[i].time, 'newest first');
    });
  }

  it('pages with loadMore without repeating or losing an event', async () => {
    const all = await (await openStoredFolder([FIXTURES], { store })).query(everything());
    const source = await openStoredFolder([FIXTURES], { store });
    const seen: string[] = [];
    let page = await source.query(everything({ maxEvents: 7 }));
    seen.push(...page.events.map((e) => e.id));
    while (page.loadMore) {
      page = await page.loadMore();
      assert.ok(page.events.length <= 7);
      seen.push(...page.events.map((e) => e.id));
    }
    assert.deepEqual(seen, all.events.map((e) => e.id));
  });

  it('reopening a folder reads no file, and only a changed or new file is read again', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'store.sqlite');
    try {
      const a = tmp.write('logs/a.json', JSON.stringify({ Records: [makeRecord({ id: 'a1', time: '2024-01-01T00:00:00Z' })] }));
      tmp.write('logs/b.json.gz', JSON.stringify({ Records: [makeRecord({ id: 'b1', time: '2024-01-02T00:00:00Z', name: 'DeleteDBInstance' })] }), true);
      const first = TrailStore.open(path);
      const s1 = await openStoredFolder([join(tmp.dir, 'logs')], { store: first });
      assert.deepEqual((await s1.query(everything())).events.map((e) => e.id), ['b1', 'a1']);
      assert.equal(s1.openedPaths.size, 2);
      first.close();

      const second = TrailStore.open(path);
      const s2 = await openStoredFolder([join(tmp.dir, 'logs')], { store: second });
      const again = await s2.query(everything({ filters: [{ key: 'EventName', value: 'DeleteDBInstance' }] }));
      assert.deepEqual(again.events.map((e) => e.id), ['b1']);
      assert.equal(s2.openedPaths.size, 0, 'the reopened folder is answered from the store');
      assert.equal(s2.stats().fileOpens, 0);

      writeFileSync(a, JSON.stringify({ Records: [makeRecord({ id: 'a2', time: '2024-01-03T00:00:00Z' })] }));
      utimesSync(a, new Date(), new Date(Date.now() + 5000));
      tmp.write('logs/c.json', JSON.stringify({ Records: [makeRecord({ id: 'c1', time: '2024-01-04T00:00:00Z' })] }));
      const s3 = await openStoredFolder([join(tmp.dir, 'logs')], { store: second });
      assert.deepEqual((await s3.query(everything())).events.map((e) => e.id), ['c1', 'a2', 'b1']);
      assert.deepEqual([...s3.openedPaths].sort(), [a, join(tmp.dir, 'logs/c.json')]);

      rmSync(a);
      const s4 = await openStoredFolder([join(tmp.dir, 'logs')], { store: second });
      assert.deepEqual((await s4.query(everything())).events.map((e) => e.id), ['c1', 'b1'], 'a deleted file takes its events along');
      second.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('keeps bad-file problems and record errors across a reopen', async () => {
    const tmp = tempDir();
    try {
      tmp.write('logs/bad.json', '{"Records": [');
      tmp.write('logs/mixed.json', JSON.stringify({ Records: [makeRecord({ id: 'ok', time: '2024-01-01T00:00:00Z' }), { eventName: 'X' }] }));
      const s1 = await openStoredFolder([join(tmp.dir, 'logs')], { store });
      const r1 = await s1.query(everything());
      assert.deepEqual(r1.events.map((e) => e.id), ['ok']);
      assert.equal(r1.errors.length, 1);
      const s2 = await openStoredFolder([join(tmp.dir, 'logs')], { store });
      const r2 = await s2.query(everything());
      assert.equal(s2.openedPaths.size, 0);
      assert.equal(r2.errors.length, 1, 'the bad record is still reported');
      assert.ok(s2.problems.some((p) => p.path.endsWith('bad.json')), JSON.stringify(s2.problems));
    } finally {
      tmp.cleanup();
    }
  });

  it('matches * wildcards literally around GLOB specials', async () => {
    const tmp = tempDir();
    try {
      const filters: AttributeFilter[] = [{ key: 'Username', value: 'a[b]?*' }];
      tmp.write('x.json', JSON.stringify({ Records: [makeRecord({ id: 'x1', time: '2024-01-01T00:00:00Z', user: 'a[b]?c' }), makeRecord({ id: 'x2', time: '2024-01-01T00:00:00Z', user: 'abxc' })] }));
      const result = await (await openStoredFolder([tmp.dir], { store })).query(everything({ filters }));
      assert.deepEqual(result.events.map((e) => e.id), ['x1']);
    } finally {
      tmp.cleanup();
    }
  });
});
