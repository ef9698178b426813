import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { bucketDigestSource, validateBucketChain } from '../../../../src/archive/bucket/bucketDigests';
import { NOW, bucketWorld, type BucketWorld } from './bucketFixture';

const DAY = 86_400_000;

describe('aws/bucket: digest chains validated online from the bucket', function () {
  this.timeout(60_000);
  let world: BucketWorld;
  beforeEach(async () => {
    world = await bucketWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  async function validate(): Promise<Awaited<ReturnType<typeof validateBucketChain>>> {
    const { source, s3, cache } = await world.open();
    const account = source.layout.accounts[0];
    const report = await validateBucketChain({
      source: bucketDigestSource(s3, world.contents.bucket),
      account,
      region: 'eu-west-1',
      start: NOW - 5 * DAY,
      end: NOW,
      keys: publicKeysFromList([{ Value: world.contents.publicDer }]).keys,
    });
    assert.equal(cache.usage().objects, 0, 'no log file was saved to verify the chain');
    return report;
  }

  it('verifies the signed chain and every listed log, the newest signature read from S3 metadata', async () => {
    const report = await validate();
    assert.ok(report.digests.length >= 5);
    assert.deepEqual(report.digests.filter((d) => d.status !== 'valid'), []);
    assert.ok(report.logFiles.length > 0);
    assert.deepEqual(report.logFiles.filter((l) => l.status !== 'valid'), []);
    assert.equal(report.ok, true, JSON.stringify(report.chain));
    const gets = world.server.requests.filter((r) => r.key?.includes('/CloudTrail/eu-west-1/') === true);
    assert.equal(gets.length, report.logFiles.length, 'each log streamed once');
  });

  it('names a log object altered in the bucket', async () => {
    const key = world.contents.logKeys.filter((k) => k.includes(`${world.contents.accounts[0]}/CloudTrail/eu-west-1/`)).at(-3)!;
    const records = world.contents.recordsByKey.get(key)!;
    world.server.put(world.contents.bucket, key, gzipSync(JSON.stringify({ Records: [...records, { ...records[0], eventID: 'forged' }] })));
    const report = await validate();
    assert.equal(report.ok, false);
    assert.deepEqual(report.logFiles.filter((l) => l.status === 'altered').map((l) => l.s3Path), [`${world.contents.bucket}/${key}`]);
  });

  it('says the newest digest cannot be verified when its metadata signature is gone', async () => {
    const newest = world.contents.digestKeys.filter((k) => k.includes(`${world.contents.accounts[0]}/CloudTrail-Digest/eu-west-1/`)).at(-1)!;
    const { gunzipSync } = await import('node:zlib');
    const { s3 } = await world.open();
    const { body } = await s3.stream(world.contents.bucket, newest);
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(c as Buffer);
    world.server.put(world.contents.bucket, newest, gzipSync(gunzipSync(Buffer.concat(chunks))));
    const report = await validate();
    assert.equal(report.ok, false);
    assert.deepEqual(report.digests.filter((d) => d.status !== 'valid').map((d) => [d.path.endsWith(newest), d.status]), [[true, 'unsigned']]);
  });
});
