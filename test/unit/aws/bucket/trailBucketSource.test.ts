import * as assert from 'node:assert/strict';
import { S3Access, parseS3Url } from '../../../../src/aws/bucket/s3Access';
import { createS3Client } from '../../../../src/aws/s3Client';
import type { EventQuery } from '../../../../src/core/query';
import { TEST_CREDENTIALS } from '../localEndpoint';
import { DEFAULT_PARALLEL_REQUESTS } from '../../../../src/archive/bucket/trailBucketSource';
import { createParserPool } from '../../../../src/archive/store/parserPool';
import { NOW, bucketWorld, type BucketWorld } from './bucketFixture';

const DAY = 86_400_000;
const month = (overrides: Partial<EventQuery> = {}): EventQuery => ({ regions: [], filters: [], start: NOW - 30 * DAY, end: NOW, includeReadOnly: true, maxEvents: 100_000, ...overrides });
const whoDeletedTheDb = month({ filters: [{ key: 'EventName', value: 'DeleteDBInstance' }] });

describe('aws/bucket: trail logs read straight from S3 (local S3 server, real SDK client)', function () {
  this.timeout(60_000);
  let world: BucketWorld;
  beforeEach(async () => {
    world = await bucketWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('lists the buckets the credentials can see and parses s3:// locations', async () => {
    const s3 = new S3Access(createS3Client({ endpoint: world.server.url, credentials: TEST_CREDENTIALS }));
    assert.deepEqual(await s3.listBuckets(), ['trail-bucket']);
    assert.deepEqual(parseS3Url('s3://trail-bucket/logs'), { bucket: 'trail-bucket', prefix: 'logs/' });
    assert.throws(() => parseS3Url('https://trail-bucket'), /not an S3 location/);
  });

  it('discovers the organization layout with delimiter listings only, and reports the denied account', async () => {
    const { source } = await world.open();
    const { layout } = source;
    assert.deepEqual(layout.accounts.map((a) => [a.organizationId, a.account]), world.contents.accounts.map((a) => [world.contents.organizationId, a]));
    for (const account of layout.accounts) {
      assert.deepEqual([...account.regions].sort(), [...world.contents.regions, world.contents.emptyRegion].sort());
      assert.deepEqual([...account.digestRegions].sort(), [...world.contents.regions].sort());
    }
    assert.ok(source.problems.some((p) => p.path.includes(world.contents.deniedAccount) && p.message.includes('Access denied')), JSON.stringify(source.problems));
    assert.ok(world.server.requests.every((r) => r.method === 'GET' && r.query.delimiter === '/'), 'no listing without a delimiter, no object read');
    assert.ok(world.server.requests.length < 20, `${world.server.requests.length} requests`);
  });

  it('answers "who deleted the DB" over 30 days, the denied account reported and the rest read', async () => {
    const { source } = await world.open();
    const result = await source.query(whoDeletedTheDb);
    const { story } = world.contents;
    const db = (e: (typeof result.events)[number]): unknown => (e.raw.requestParameters as { dBInstanceIdentifier?: unknown } | undefined)?.dBInstanceIdentifier;
    assert.ok(result.events.some((e) => db(e) === story.dbInstanceId && e.principal.userName === story.iamUserName), 'the story event is found');
    const expected = [...world.contents.recordsByKey.values()].flat().filter((r) => r.eventName === 'DeleteDBInstance').length;
    assert.equal(result.events.length, expected, 'every copy in both accounts');
    assert.ok(!result.events.some((e) => e.account === world.contents.deniedAccount));
    assert.ok(source.problems.some((p) => p.path.includes(world.contents.deniedAccount)));
    assert.ok(result.stats.requests > 0);
  });

  it('reads only the days and regions a query needs (prefix pruning by date)', async () => {
    const { source } = await world.open();
    world.server.resetRequests();
    // A window around the newest eu-west-1 event older than a day (the story decides where events fall).
    const times = [...world.contents.recordsByKey.values()].flat().filter((r) => r.awsRegion === 'eu-west-1').map((r) => Date.parse(String(r.eventTime))).filter((t) => t < NOW - DAY);
    const anchor = Math.max(...times);
    assert.ok(Number.isFinite(anchor), 'the sample bucket has eu-west-1 events older than a day');
    const oneDay = await source.query(month({ regions: ['eu-west-1'], start: anchor - DAY / 2, end: anchor + 60_000 }));
    assert.ok(oneDay.events.length > 0);
    assert.ok(oneDay.events.every((e) => e.region === 'eu-west-1'));
    const gets = world.server.requests.filter((r) => r.key !== undefined);
    assert.ok(gets.length > 0);
    assert.ok(gets.every((r) => r.key!.includes('/CloudTrail/eu-west-1/')), 'no other region read');
    const lists = world.server.requests.filter((r) => r.key === undefined);
    assert.ok(lists.every((r) => /\/eu-west-1\/\d{4}\/\d{2}\/\d{2}\/$/.test(r.query.prefix ?? '')), JSON.stringify(lists.map((r) => r.query.prefix)));
    assert.ok(lists.length <= 2 * 2 * 2, `${lists.length} day listings for two accounts`);
  });

  it('reopening after a restart answers from the store with 0 S3 requests', async () => {
    const first = await world.open();
    const before = await first.source.query(whoDeletedTheDb);
    first.store.close();
    world.server.resetRequests();
    const second = await world.open();
    const after = await second.source.query(whoDeletedTheDb);
    assert.deepEqual(after.events.map((e) => e.id), before.events.map((e) => e.id));
    assert.equal(world.server.requests.length, 0, JSON.stringify(world.server.requests.slice(0, 3)));
    assert.equal(after.stats.requests, 0);
    assert.ok(second.source.problems.some((p) => p.path.includes(world.contents.deniedAccount)), 'the denied prefix is still reported');
  });

  it('refresh lists only after the last key seen and downloads only the new object', async () => {
    const { source } = await world.open();
    await source.query(month({ start: NOW - DAY }));
    const key = `AWSLogs/${world.contents.organizationId}/${world.contents.accounts[0]}/CloudTrail/us-east-1/2026/11/20/${world.contents.accounts[0]}_CloudTrail_us-east-1_20261120T1205Z_NEWFILE000000000.json.gz`;
    const record = { ...[...world.contents.recordsByKey.values()][0][0], eventID: 'brand-new-event', eventTime: '2026-11-20T11:50:00Z', awsRegion: 'us-east-1' };
    world.server.put(world.contents.bucket, key, (await import('node:zlib')).gzipSync(JSON.stringify({ Records: [record] })));
    world.server.resetRequests();
    const stale = await source.query(month({ start: NOW - DAY }));
    assert.ok(!stale.events.some((e) => e.id === 'brand-new-event'), 'without refresh nothing is sent');
    assert.equal(world.server.requests.length, 0);
    source.refresh();
    const fresh = await source.query(month({ start: NOW - DAY }));
    assert.ok(fresh.events.some((e) => e.id === 'brand-new-event'));
    const gets = world.server.requests.filter((r) => r.key !== undefined);
    assert.deepEqual(gets.map((r) => r.key), [key]);
    const relisted = world.server.requests.filter((r) => r.key === undefined);
    const dayPrefix = key.slice(0, key.lastIndexOf('/') + 1);
    const sameDay = relisted.filter((r) => r.query.prefix === dayPrefix);
    assert.equal(sameDay.length, 1);
    assert.ok(sameDay[0].query['start-after']?.startsWith(dayPrefix), 'listed only after the last key seen');
  });

  it('reports a truncated and a damaged object as problems, keeps the records before the damage, and counts files and bytes', async () => {
    const { gzipSync } = await import('node:zlib');
    const [first, second] = world.contents.logKeys.filter((k) => k.includes('/us-east-1/'));
    const records = [...world.contents.recordsByKey.values()].flat().slice(0, 40).map((r, i) => ({ ...r, eventID: `damaged-${String(i)}` }));
    const whole = Buffer.from(JSON.stringify({ Records: records }));
    // A gzip stream cut short after most records, and an object that is not gzip nor JSON.
    world.server.put(world.contents.bucket, first, gzipSync(whole).subarray(0, Math.floor(gzipSync(whole).length * 0.8)));
    world.server.put(world.contents.bucket, second, Buffer.from('\u001f\u008b this is not a gzip stream'));
    const progress: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }[] = [];
    const { source } = await world.open({ onProgress: (p) => { if (p.phase === 'reading') progress.push(p); } });
    const result = await source.query(month());
    const problemOf = (key: string): string | undefined => source.problems.find((p) => p.path === `s3://${world.contents.bucket}/${key}`)?.message;
    assert.match(problemOf(first) ?? '', /truncated|ends|damaged|unexpected end/i, JSON.stringify(source.problems));
    assert.match(problemOf(second) ?? '', /gzip|damaged|not/i, JSON.stringify(source.problems));
    for (const p of source.problems) assert.ok(!p.message.includes(world.dir), `no cache path in ${p.message}`);
    const kept = result.events.filter((e) => e.id.startsWith('damaged-')).length;
    assert.ok(kept > 0 && kept < records.length, `${kept} records before the damage kept`);
    assert.ok(result.events.length > kept, 'every other object still read');
    const last = progress.at(-1);
    assert.ok(last, 'progress reported');
    assert.equal(last.filesDone, last.filesTotal);
    assert.equal(last.bytesDone, last.bytesTotal);
    assert.ok(last.bytesTotal > 0 && last.filesTotal === world.contents.logKeys.length, JSON.stringify(last));
    assert.ok(progress.every((p, i) => i === 0 || (p.filesDone >= progress[i - 1].filesDone && p.bytesDone >= progress[i - 1].bytesDone)), 'progress only grows');
  });

  it('cancel keeps what was read; the next query reads only the rest', async () => {
    const controller = new AbortController();
    let reads = 0;
    const { source } = await world.open({
      parallel: 2,
      onProgress: (p) => {
        if (p.phase === 'reading' && ++reads === 5) controller.abort();
      },
    });
    const partial = await source.query(month(), { signal: controller.signal });
    assert.equal(partial.cancelled, true);
    const firstGets = world.server.requests.filter((r) => r.key !== undefined).map((r) => r.key!);
    world.server.resetRequests();
    await source.query(month());
    const secondGets = world.server.requests.filter((r) => r.key !== undefined).map((r) => r.key!);
    const readTwice = secondGets.filter((k) => firstGets.slice(0, 5).includes(k));
    assert.deepEqual(readTwice, [], 'files finished before the cancel are not read again');
    assert.ok(secondGets.length > 0);
  });
});

describe('aws/bucket: requests in flight (local S3 server answering after 25 ms)', function () {
  this.timeout(60_000);

  it('keeps 64 requests in flight by default, never more: S3 is not paced like LookupEvents', async () => {
    const world = await bucketWorld({ fileMinutes: 60 }, 25);
    try {
      const { source } = await world.open();
      world.server.resetRequests();
      const result = await source.query(whoDeletedTheDb);
      assert.ok(result.events.length > 0);
      const gets = world.server.requests.filter((r) => r.method === 'GET' && r.key !== undefined && r.key !== '' && r.query['list-type'] === undefined).length;
      assert.ok(gets > 4 * DEFAULT_PARALLEL_REQUESTS, `${gets} objects read`);
      assert.equal(DEFAULT_PARALLEL_REQUESTS, 64);
      // Listings and downloads overlap (downloads start while days are listed): together at most 64.
      assert.ok(world.server.inFlight.max <= DEFAULT_PARALLEL_REQUESTS, `${String(world.server.inFlight.max)} requests answered at once`);
      assert.ok(world.server.inFlight.max > 32, `${String(world.server.inFlight.max)} requests answered at once (the old default was 32)`);
    } finally {
      await world.close();
    }
  });

  it('a smaller bound holds for listings and downloads together, and is used in full', async () => {
    const world = await bucketWorld({ fileMinutes: 60 }, 25);
    try {
      const { source } = await world.open({ parallel: 12 });
      world.server.resetRequests();
      const result = await source.query(whoDeletedTheDb);
      assert.equal(result.events.length, 2);
      assert.equal(world.server.inFlight.max, 12, 'the most requests the server answered at once');
    } finally {
      await world.close();
    }
  });

  it('starts downloading while later day folders are still being listed, and reads the same objects in the same order every run', async () => {
    const orders: string[][] = [];
    for (let run = 0; run < 2; run++) {
      // 180 day folders listed 8 at a time at 40 ms each: the listing alone takes about a second.
      const world = await bucketWorld({ fileMinutes: 60 }, 40);
      const pool = createParserPool(2);
      try {
        const { source, store } = await world.open({ pool });
        world.server.resetRequests();
        const result = await source.query(whoDeletedTheDb);
        assert.equal(result.events.length, 2, 'the two DeleteDBInstance calls');
        const log = world.server.requests;
        const isList = (r: (typeof log)[number]): boolean => r.query['list-type'] !== undefined;
        const firstGet = log.findIndex((r) => r.method === 'GET' && r.key !== undefined && !isList(r));
        const lastList = log.length - 1 - [...log].reverse().findIndex(isList);
        assert.ok(firstGet >= 0 && lastList < log.length);
        assert.ok(firstGet < lastList, `the first object GET (request ${String(firstGet)}) came before the last day listing (request ${String(lastList)})`);
        // The objects in the order their rows were written.
        const written = store.db.prepare('SELECT f.key AS key FROM events e JOIN files f ON f.id = e.file_id GROUP BY e.file_id ORDER BY MIN(e.id)').all() as { key: string }[];
        orders.push(written.map((r) => r.key));
      } finally {
        await pool.close();
        await world.close();
      }
    }
    assert.ok(orders[0].length > 100);
    assert.deepEqual(orders[1], orders[0]);
  });
});
