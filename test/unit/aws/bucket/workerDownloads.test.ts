import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createParserPool } from '../../../../src/archive/store/parserPool';
import { type KeptCopy, readPacked } from '../../../../src/archive/store/objectPack';
import type { FetchCredentials, ObjectFetchPlan } from '../../../../src/archive/store/remoteObjects';
import { S3Access } from '../../../../src/aws/bucket/s3Access';
import { createObjectFetcher } from '../../../../src/aws/bucket/objectFetcher';
import { createS3Client, s3ClientSettings } from '../../../../src/aws/s3Client';
import { startLocalS3, type LocalS3 } from '../../../../tools/local-s3/server';
import { sampleRecords, tempDir } from '../../archive/helpers';
import { TEST_CREDENTIALS } from '../localEndpoint';

const BUCKET = 'trail-bucket';
const KEY = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T1200Z_a.json.gz';

describe('aws/bucket: parser threads download the objects they parse (local S3 server, real SDK client)', function () {
  this.timeout(30_000);
  let server: LocalS3;
  let tmp: ReturnType<typeof tempDir>;
  const gz = gzipSync(JSON.stringify({ Records: sampleRecords() }));
  beforeEach(async () => {
    server = await startLocalS3({ deniedPrefixes: [`${BUCKET}/AWSLogs/444455556666/`] });
    server.createBucket(BUCKET);
    server.put(BUCKET, KEY, gz);
    server.put(BUCKET, KEY.replaceAll('111122223333', '444455556666'), gz);
    tmp = tempDir();
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('a thread GETs with its own client (same settings and keys), parses like the main thread, keeps the copy, and reports a denied object', async () => {
    const s3 = new S3Access(createS3Client({ endpoint: server.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 }));
    const plan = s3.fetchPlan();
    assert.ok(plan, 'a client made by createS3Client can be rebuilt in a thread');
    const pool = createParserPool(2);
    try {
      const here = await pool.parse({ bytes: await s3.getBytes(BUCKET, KEY), name: `s3://${BUCKET}/${KEY}` }, 'json');
      server.resetRequests();
      const told: [number | undefined, KeptCopy | undefined][] = [];
      const keepIn = join(tmp.dir, 'cache');
      mkdirSync(keepIn);
      const there = await pool.fetchParse({ remote: { bucket: BUCKET, key: KEY }, plan, name: `s3://${BUCKET}/${KEY}`, keepIn, done: (fetched, kept) => told.push([fetched, kept]) }, 'json');
      assert.deepEqual(there.rows, here.rows);
      assert.equal(there.rows.length, sampleRecords().length);
      assert.equal(told.length, 1);
      const [fetched, copy] = told[0];
      assert.equal(fetched, gz.length);
      assert.ok(copy, 'the copy was written');
      assert.deepEqual(readPacked(keepIn, copy), gz, 'the cache copy is the object as downloaded');
      assert.deepEqual(server.requests.map((r) => [r.method, r.key, r.accessKeyId]), [['GET', KEY, TEST_CREDENTIALS.accessKeyId]]);

      const deniedKey = KEY.replaceAll('111122223333', '444455556666');
      const deniedIn = join(tmp.dir, 'never');
      mkdirSync(deniedIn);
      const denied = await pool.fetchParse({ remote: { bucket: BUCKET, key: deniedKey }, plan, name: `s3://${BUCKET}/${deniedKey}`, keepIn: deniedIn, done: (fetched, kept) => told.push([fetched, kept]) }, 'json');
      assert.match(denied.problem ?? '', /^Access denied to s3:\/\/trail-bucket\/AWSLogs\/444455556666\//);
      assert.equal(denied.rows.length, 0);
      assert.deepEqual(told.at(-1), [undefined, undefined], 'nothing downloaded, nothing kept');
      assert.deepEqual(readdirSync(deniedIn), [], 'no pack was started');
    } finally {
      await pool.close();
    }
  });

  it("a thread's GET asks S3 for no flexible checksum (gzip's own CRC checks the bytes): the main client's GET does", async () => {
    const s3 = new S3Access(createS3Client({ endpoint: server.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 }));
    const plan = s3.fetchPlan();
    assert.ok(plan);
    const pool = createParserPool(1);
    try {
      await s3.getBytes(BUCKET, KEY);
      const parsed = await pool.fetchParse({ remote: { bucket: BUCKET, key: KEY }, plan, name: KEY }, 'json');
      assert.equal(parsed.rows.length, sampleRecords().length);
      const [main, thread] = server.requests;
      assert.deepEqual([main.method, thread.method, thread.accessKeyId], ['GET', 'GET', TEST_CREDENTIALS.accessKeyId]);
      assert.ok(main.signedHeaders?.includes('x-amz-checksum-mode'), `main client: ${String(main.signedHeaders)}`);
      assert.ok(thread.signedHeaders !== undefined && !thread.signedHeaders.includes('x-amz-checksum-mode'), `thread: ${String(thread.signedHeaders)}`);
      assert.ok(thread.signedHeaders.includes('host') && thread.signedHeaders.includes('x-amz-date'), 'still signed');
    } finally {
      await pool.close();
    }
  });

  it('GETs in flight together from two buckets through one thread client each get their own object', async () => {
    // The client resolves its middleware stack once and shares it between requests: each must still go to its own bucket and key.
    const other = 'second-trail-bucket';
    server.createBucket(other);
    const keys = Array.from({ length: 40 }, (_, i) => `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/object-${String(i)}.json`);
    for (const key of keys) {
      server.put(BUCKET, key, `${BUCKET}/${key}`);
      server.put(other, key, `${other}/${key}`);
    }
    const fetch = createObjectFetcher(s3ClientSettings({ endpoint: server.url, maxAttempts: 1 }), () => Promise.resolve(TEST_CREDENTIALS));
    const wanted = keys.flatMap((key) => [`${BUCKET}/${key}`, `${other}/${key}`]);
    const got = await Promise.all(wanted.map(async (path) => Buffer.from(await fetch(path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1))).toString('utf8')));
    assert.deepEqual(got, wanted);
  });

  it('credentials about to expire are asked for again from the calling thread before a GET is signed', async () => {
    const s3 = new S3Access(createS3Client({ endpoint: server.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 }));
    const base = s3.fetchPlan();
    assert.ok(base);
    const issued: FetchCredentials[] = [
      { accessKeyId: 'ASIAEXPIRINGSOON0001', secretAccessKey: 'expiringSecret', sessionToken: 'old', expiration: new Date(Date.now() + 5_000) },
      { accessKeyId: 'ASIARENEWEDKEY000002', secretAccessKey: 'renewedSecret', sessionToken: 'new', expiration: new Date(Date.now() + 3_600_000) },
    ];
    let asked = 0;
    const plan: ObjectFetchPlan = { module: base.module, settings: base.settings, credentials: () => Promise.resolve(issued[Math.min(asked++, issued.length - 1)]) };
    const pool = createParserPool(1);
    try {
      server.resetRequests();
      const parsed = await pool.fetchParse({ remote: { bucket: BUCKET, key: KEY }, plan, name: KEY }, 'json');
      assert.equal(parsed.rows.length, sampleRecords().length, parsed.problem);
      assert.equal(asked, 2, 'once with the batch, once when the worker found them expiring');
      assert.deepEqual(server.requests.map((r) => r.accessKeyId), ['ASIARENEWEDKEY000002']);
    } finally {
      await pool.close();
    }
  });

  it('an abort cancels a GET in flight in the thread: nothing downloaded or kept', async () => {
    await server.close();
    server = await startLocalS3({ latencyMs: 5_000 });
    server.createBucket(BUCKET);
    server.put(BUCKET, KEY, gz);
    const s3 = new S3Access(createS3Client({ endpoint: server.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 }));
    const plan = s3.fetchPlan();
    assert.ok(plan);
    const pool = createParserPool(1);
    try {
      const controller = new AbortController();
      const told: [number | undefined, KeptCopy | undefined][] = [];
      const keepIn = join(tmp.dir, 'cache');
      mkdirSync(keepIn);
      const answer = pool.fetchParse({ remote: { bucket: BUCKET, key: KEY }, plan, name: KEY, keepIn, done: (fetched, kept) => told.push([fetched, kept]) }, 'json', controller.signal);
      setTimeout(() => { controller.abort(); }, 300);
      const parsed = await answer;
      assert.equal(parsed.cancelled, true, parsed.problem);
      assert.equal(parsed.rows.length, 0);
      assert.deepEqual(told, [[undefined, undefined]]);
      assert.deepEqual(readdirSync(keepIn), [], 'nothing was kept');
    } finally {
      await pool.close();
    }
  });
});
