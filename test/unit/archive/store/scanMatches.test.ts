import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { needleOf, recordSpans } from '../../../../src/archive/store/scanMatches';
import { openStoredFolder } from '../../../../src/archive/store/storedFolderSource';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { everything, makeRecord, tempDir } from '../helpers';

describe('archive/store: first answers by text search before indexing', () => {
  it('takes the longest literal of an event name, source, id or access key filter; none from derived fields', () => {
    assert.equal(needleOf(everything({ filters: [{ key: 'EventName', value: 'Delete*Instance' }, { key: 'EventSource', value: 'rds.amazonaws.com' }] })), 'rds.amazonaws.com');
    assert.equal(needleOf(everything({ filters: [{ key: 'Username', value: 'mallory' }] })), undefined);
    assert.equal(needleOf(everything({ filters: [{ key: 'EventName', value: 'a*b' }] })), undefined);
    assert.equal(needleOf(everything({ filters: [{ key: 'EventId', value: 'x"y/z' }] })), undefined, 'text JSON may escape');
  });

  it('finds each record of a trail file, braces and quotes inside strings included', () => {
    const records = [{ a: 'x}{"]' }, { b: [1, { c: '\\"}' }] }, {}];
    const text = JSON.stringify({ Records: records });
    const spans = recordSpans(text)!;
    const parsed = [];
    for (let i = 0; i < spans.length; i += 2) parsed.push(JSON.parse(text.slice(spans[i], spans[i + 1])));
    assert.deepEqual(parsed, records);
    assert.equal(recordSpans('[{"eventName":"x"}]'), undefined);
  });

  it('answers exactly (a literal elsewhere in a record is not a match), pages on from the store, and indexes behind', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(join(tmp.dir, 'store.sqlite'));
    try {
      for (let f = 0; f < 4; f++) {
        const records = Array.from({ length: 5 }, (_, i) => makeRecord({ id: `d-${f}-${i}`, time: `2024-01-0${f + 1}T00:0${i}:00Z`, name: 'DeleteDBInstance' }));
        records.push({ ...makeRecord({ id: `decoy-${f}`, time: '2024-01-01T00:00:00Z' }), requestParameters: { note: 'DeleteDBInstance {"}' } });
        tmp.write(`logs/f${f}.json.gz`, JSON.stringify({ Records: records }), true);
      }
      const source = await openStoredFolder([join(tmp.dir, 'logs')], { store });
      const query = everything({ filters: [{ key: 'EventName', value: 'DeleteDBInstance' }], maxEvents: 8 });
      const seen: string[] = [];
      let page = await source.query(query);
      seen.push(...page.events.map((e) => e.id));
      while (page.loadMore) {
        page = await page.loadMore();
        seen.push(...page.events.map((e) => e.id));
      }
      assert.equal(seen.length, 20);
      assert.equal(new Set(seen).size, 20);
      assert.ok(seen.every((id) => id.startsWith('d-')));
      await source.indexAll();
      const again = await openStoredFolder([join(tmp.dir, 'logs')], { store });
      assert.equal((await again.query(query)).events.length, 8);
      assert.equal(again.openedPaths.size, 0, 'indexed behind the first answer');
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
