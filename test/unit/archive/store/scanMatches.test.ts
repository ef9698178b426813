import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { needleOf, recordSpans, recordsStart, scanTrailFile } from '../../../../src/archive/store/scanMatches';
import { openStoredFolder } from '../../../../src/archive/store/storedFolderSource';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { everything, makeRecord, tempDir } from '../helpers';
import { loadSampleRecords } from '../../core/fixtures';
import { normalizeRecord } from '../../../../src/core/event';
import { USER_NAMES_NOT_IN_RECORD } from '../../../../src/core/principal';

describe('archive/store: first answers by text search before indexing', () => {
  it('takes the longest plain run of an event name, source, id, access key, resource or user name; never a name derivation writes itself', () => {
    assert.equal(needleOf(everything({ filters: [{ key: 'EventName', value: 'Delete*Instance' }, { key: 'EventSource', value: 'rds.amazonaws.com' }] })), 'rds.amazonaws.com');
    assert.equal(needleOf(everything({ filters: [{ key: 'Username', value: 'mallory' }] })), 'mallory');
    assert.equal(needleOf(everything({ filters: [{ key: 'Username', value: 'root' }] })), undefined, 'Root events are named root by derivation');
    assert.equal(needleOf(everything({ filters: [{ key: 'Username', value: 'unknown user' }] })), undefined);
    assert.equal(needleOf(everything({ filters: [{ key: 'ResourceName', value: 'arn:aws:iam::111122223333:role/service-role/deploy' }] })), 'arn:aws:iam::111122223333:role');
    assert.equal(needleOf(everything({ filters: [{ key: 'ResourceType', value: 'AWS::S3::Bucket' }] })), undefined, 'types may be derived');
    assert.equal(needleOf(everything({ filters: [{ key: 'EventName', value: 'a*b' }] })), undefined);
    assert.equal(needleOf(everything({ filters: [{ key: 'EventId', value: 'x"y/z' }] })), undefined, 'text JSON may escape');
  });

  it('the user and resource names a record gives are in its text (or written by derivation), so a text search for them misses no record', () => {
    const samples = loadSampleRecords();
    const written: readonly string[] = Object.values(USER_NAMES_NOT_IN_RECORD);
    let names = 0;
    for (const record of samples) {
      const text = JSON.stringify(record);
      const result = normalizeRecord(record, 0);
      if (!result.ok) continue;
      const { userName } = result.event.principal;
      if (userName !== undefined && !written.includes(userName)) {
        names++;
        assert.ok(text.includes(userName), `${userName} is not in ${text.slice(0, 200)}`);
      }
      for (const r of result.event.resources) for (const value of [r.name, r.arn]) if (value !== undefined) assert.ok(text.includes(value), value);
    }
    assert.ok(names > 100, `only ${names} sample records have a user name`);
  });

  it('a first answer by text search gives what the index gives, for every user and resource name of the AWS sample records', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(join(tmp.dir, 'store.sqlite'));
    try {
      const samples = loadSampleRecords();
      const half = Math.ceil(samples.length / 2);
      tmp.write('logs/a.json.gz', JSON.stringify({ Records: samples.slice(0, half) }), true);
      tmp.write('logs/b.json.gz', JSON.stringify({ Records: samples.slice(half) }), true);
      const queries = new Map<string, ReturnType<typeof everything>>();
      for (const record of samples) {
        const result = normalizeRecord(record, 0);
        if (!result.ok) continue;
        const { userName } = result.event.principal;
        if (userName !== undefined) queries.set(`u:${userName}`, everything({ filters: [{ key: 'Username', value: userName }] }));
        for (const r of result.event.resources) queries.set(`r:${r.name}`, everything({ filters: [{ key: 'ResourceName', value: r.name }] }));
      }
      const searched = [...queries.values()].filter((q) => needleOf(q) !== undefined);
      assert.ok(searched.length > 50, `${searched.length} queries have a literal`);
      const files = [join(tmp.dir, 'logs/a.json.gz'), join(tmp.dir, 'logs/b.json.gz')];
      const first: string[][] = [];
      for (const query of searched) {
        const found = await Promise.all(files.map((file) => scanTrailFile(file, 'json', query, needleOf(query) ?? '')));
        first.push([...new Set(found.flat().map((e) => e.id))].sort());
      }
      const indexed = await openStoredFolder([join(tmp.dir, 'logs')], { store, indexAll: true });
      let matched = 0;
      for (const [i, query] of searched.entries()) {
        const ids = (await indexed.query(query)).events.map((e) => e.id).sort();
        matched += ids.length;
        assert.deepEqual(first[i], ids, JSON.stringify(query.filters));
      }
      assert.ok(matched >= searched.length, 'every query finds its own record');
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('finds each record of a trail file by its bytes: braces, quotes, backslashes and multi-byte characters inside strings', () => {
    const records = [{ a: 'x}{"]' }, { b: [1, { c: '\\"}' }] }, {}, { d: 'ends in a backslash \\' }, { e: 'é}"ü[€😀' }, { f: '\\\\"{' }];
    for (const prefix of ['', '\uFEFF', ' \n ']) {
      const bytes = Buffer.from(prefix + JSON.stringify({ Records: records }));
      const spans = recordSpans(bytes)!;
      const parsed = [];
      for (let i = 0; i < spans.length; i += 2) parsed.push(JSON.parse(bytes.toString('utf8', spans[i], spans[i + 1])));
      assert.deepEqual(parsed, records, JSON.stringify(prefix));
    }
    assert.equal(recordSpans(Buffer.from('[{"eventName":"x"}]')), undefined);
    assert.equal(recordsStart(Buffer.from('{"eventName":"x"}')), -1);
  });

  it('a file damaged inside a record (its gzip whole) still gives its good records to the first answer; the other files are kept', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(join(tmp.dir, 'store.sqlite'));
    try {
      const good = (f: number) => Array.from({ length: 3 }, (_, i) => makeRecord({ id: `d-${f}-${i}`, time: `2024-01-0${f + 1}T00:0${i}:00Z`, name: 'DeleteDBInstance' }));
      tmp.write('logs/a.json.gz', JSON.stringify({ Records: good(1) }), true);
      const damaged = JSON.stringify({ Records: good(2) }).replace(/\]\}$/, ',{"eventName":"DeleteDBInstance",oops}]}');
      tmp.write('logs/b.json.gz', damaged, true);
      const source = await openStoredFolder([join(tmp.dir, 'logs')], { store });
      const page = await source.query(everything({ filters: [{ key: 'EventName', value: 'DeleteDBInstance' }] }));
      assert.deepEqual(page.events.map((e) => e.id).sort(), ['d-1-0', 'd-1-1', 'd-1-2', 'd-2-0', 'd-2-1', 'd-2-2']);
    } finally {
      store.close();
      tmp.cleanup();
    }
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
