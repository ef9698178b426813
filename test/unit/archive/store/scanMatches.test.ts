import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventMatchesQuery, needleOf, recordSpans, recordsStart, scanTrailFile } from '../../../../src/archive/store/scanMatches';
import { openStoredFolder } from '../../../../src/archive/store/storedFolderSource';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { FIXTURES, everything, makeRecord, tempDir } from '../helpers';
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

  it('a first answer over a folder with a console CSV export holds the matching events of the export too', async () => {
    const tmp = tempDir();
    const store = TrailStore.open(join(tmp.dir, 'store.sqlite'));
    try {
      copyFileSync(join(FIXTURES, 'exports', 'event_history.csv'), join(tmp.dir, 'event_history.csv'));
      tmp.write('logs/a.json.gz', JSON.stringify({ Records: [makeRecord({ id: 'log-1', time: '2024-01-01T00:00:00Z', name: 'CreateAlias' })] }), true);
      const source = await openStoredFolder([tmp.dir], { store });
      const page = await source.query(everything({ filters: [{ key: 'EventName', value: 'CreateAlias' }] }));
      const ids = page.events.map((e) => e.id);
      assert.ok(ids.includes('log-1'));
      assert.ok(ids.length >= 2, `the CSV's CreateAlias is missing: ${ids.join(', ')}`);
      await source.indexAll();
      const indexed = await openStoredFolder([tmp.dir], { store });
      assert.deepEqual((await indexed.query(everything({ filters: [{ key: 'EventName', value: 'CreateAlias' }] }))).events.map((e) => e.id).sort(), [...ids].sort());
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});

describe('archive/store: the text search of one file, read in this thread', () => {
  const query = (filters: ReturnType<typeof everything>['filters'], more: Partial<ReturnType<typeof everything>> = {}) => everything({ filters, ...more });
  const named = (name: string) => [{ key: 'EventName' as const, value: name }];

  it('checks time (both ends included), regions and the Insights switch exactly', () => {
    const event = normalizeRecord(makeRecord({ id: 'e', time: '2024-01-01T00:00:00Z', name: 'DeleteBucket' }), 0);
    assert.ok(event.ok);
    const at = event.event.time;
    assert.ok(eventMatchesQuery(event.event, query([], { start: at, end: at })));
    assert.ok(!eventMatchesQuery(event.event, query([], { start: at + 1 })));
    assert.ok(!eventMatchesQuery(event.event, query([], { end: at - 1 })));
    assert.ok(eventMatchesQuery(event.event, query([], { regions: ['us-west-2', event.event.region] })));
    assert.ok(!eventMatchesQuery(event.event, query([], { regions: ['us-west-2'] })));
    assert.ok(!eventMatchesQuery(event.event, query([], { category: 'insight' })));
    for (const insight of [{ ...event.event, category: 'Insight' }, { ...event.event, eventType: 'AwsCloudTrailInsight' }]) {
      assert.ok(eventMatchesQuery(insight, query([], { category: 'insight' })));
      assert.ok(!eventMatchesQuery(insight, query([])));
    }
    assert.ok(!eventMatchesQuery(event.event, query(named('DeleteBuckets'))));
  });

  it('finds every matching record of a file with its record index: decoys, several hits in one record, the literal in the envelope', async () => {
    const tmp = tempDir();
    try {
      const records = [
        { ...makeRecord({ id: 'r0', time: '2024-01-01T00:00:00Z', name: 'Records' }), requestParameters: { also: 'Records Records' } },
        { ...makeRecord({ id: 'r1', time: '2024-01-01T00:01:00Z', name: 'PutObject' }), requestParameters: { note: 'Records' } },
        makeRecord({ id: 'r2', time: '2024-01-01T00:02:00Z', name: 'Records' }),
        makeRecord({ id: 'r3', time: '2024-01-01T00:03:00Z', name: 'GetObject' }),
        makeRecord({ id: 'r4', time: '2024-01-01T00:04:00Z', name: 'Records' }),
      ];
      const path = tmp.write('a.json.gz', JSON.stringify({ Records: records }), true);
      const found = await scanTrailFile(path, 'json', query(named('Records')), 'Records');
      assert.deepEqual(found.map((e) => [e.id, e.origin?.recordIndex, e.origin?.file]), [['r0', 0, path], ['r2', 2, path], ['r4', 4, path]]);
      const plain = tmp.write('b.json', JSON.stringify({ Records: records }));
      assert.deepEqual((await scanTrailFile(plain, 'json', query(named('GetObject')), 'GetObject')).map((e) => e.id), ['r3']);
      assert.deepEqual(await scanTrailFile(plain, 'json', query(named('ListBuckets')), 'ListBuckets'), []);
    } finally {
      tmp.cleanup();
    }
  });

  it('reads a lookup-events export, a console CSV and a file damaged inside a record whole, with the same answers', async () => {
    const tmp = tempDir();
    try {
      const exportFile = join(FIXTURES, 'exports', 'lookup-events.json');
      const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as { Events: { EventName: string; EventId: string }[] };
      const first = exported.Events[0];
      const fromExport = await scanTrailFile(exportFile, 'json', query(named(first.EventName)), first.EventName);
      assert.ok(fromExport.some((e) => e.id === first.EventId), 'the export\'s event');
      assert.ok(fromExport.every((e) => e.name === first.EventName));
      const csv = await scanTrailFile(join(FIXTURES, 'exports', 'event_history.csv'), 'csv', query(named('CreateAlias')), 'CreateAlias');
      assert.ok(csv.length >= 1 && csv.every((e) => e.name === 'CreateAlias'));
      const good = [makeRecord({ id: 'g0', time: '2024-01-01T00:00:00Z', name: 'DeleteDBInstance' }), makeRecord({ id: 'g1', time: '2024-01-01T00:01:00Z', name: 'DeleteDBInstance' })];
      const damaged = tmp.write('d.json.gz', JSON.stringify({ Records: good }).replace(/\]\}$/, ',{"eventName":"DeleteDBInstance",oops}]}'), true);
      assert.deepEqual((await scanTrailFile(damaged, 'json', query(named('DeleteDBInstance')), 'DeleteDBInstance')).map((e) => e.id), ['g0', 'g1']);
      // Damage between two matches: the answer is what the streaming reader keeps (the records before it), as the index has it.
      const middle = tmp.write('m.json.gz', JSON.stringify({ Records: good }).replace('},{', '},{"eventName":"DeleteDBInstance",oops},{'), true);
      const store = TrailStore.open(join(tmp.dir, 'store.sqlite'));
      try {
        const indexed = await openStoredFolder([middle], { store, indexAll: true });
        const expected = (await indexed.query(query(named('DeleteDBInstance')))).events.map((e) => e.id);
        assert.deepEqual([...expected].sort(), ['g0', 'g1']);
        assert.deepEqual((await scanTrailFile(middle, 'json', query(named('DeleteDBInstance')), 'DeleteDBInstance')).map((e) => e.id).sort(), [...expected].sort());
        // A stray quote shifts every string after it: the record bounds found by the byte scan are wrong from there on.
        const three = [...good, makeRecord({ id: 'g2', time: '2024-01-01T00:02:00Z', name: 'DeleteDBInstance' })];
        const stray = tmp.write('s.json.gz', JSON.stringify({ Records: three }).replace('},{', '},{"eventName":"DeleteDBInstance","x":"a"b"},{'), true);
        const strayIndexed = await openStoredFolder([stray], { store, indexAll: true });
        const strayExpected = (await strayIndexed.query(query(named('DeleteDBInstance')))).events.map((e) => e.id).sort();
        assert.deepEqual((await scanTrailFile(stray, 'json', query(named('DeleteDBInstance')), 'DeleteDBInstance')).map((e) => e.id).sort(), strayExpected);
      } finally {
        store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('record bounds stop at the end of the Records list and at a cut string; the head is read from a buffer of its own size', () => {
    const after = Buffer.from('{"Records":[{"a":1}],"more":[{"b":2}]}');
    assert.equal(recordSpans(after)?.length, 2);
    const cut = Buffer.from('{"Records":[{"a":1},{"b":"never closed');
    assert.deepEqual([...(recordSpans(cut) ?? [])], [12, 19]);
    const exact = new Uint8Array(Buffer.from('{"Records":[]}'));
    assert.equal(recordsStart(exact), 12);
    assert.equal(recordsStart(new Uint8Array(0)), -1);
  });

  it('takes a literal of three characters, and the first of two as long', () => {
    assert.equal(needleOf(everything({ filters: named('Get') })), 'Get');
    assert.equal(needleOf(everything({ filters: [{ key: 'EventId', value: 'was' }] })), 'was', 'only user names have names derivation writes');
    assert.equal(needleOf(everything({ filters: named('abcd*wxyz') })), 'abcd');
  });
});

