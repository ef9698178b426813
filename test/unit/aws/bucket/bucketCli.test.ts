import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { archiveQueryCommand } from '../../../../src/cli/archiveQuery';
import { TEST_CREDENTIALS } from '../localEndpoint';
import { NOW, bucketWorld, type BucketWorld } from './bucketFixture';

describe('cli archive-query s3://… on the local S3 server', function () {
  this.timeout(60_000);
  let world: BucketWorld;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  before(() => {
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
  });
  after(() => {
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  });
  beforeEach(async () => {
    world = await bucketWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('answers from the bucket, then from the store with no S3 request', async () => {
    const args = [`s3://${world.contents.bucket}`, '--endpoint', world.server.url, '--store', join(world.dir, 'cli.sqlite'), '--start', new Date(NOW - 30 * 86_400_000).toISOString(), '--end', new Date(NOW).toISOString(), '--filter', 'EventName=DeleteDBInstance', '--all'];
    const run = async (): Promise<{ lines: string[]; summary: Record<string, number> }> => {
      const lines: string[] = [];
      const errors: string[] = [];
      const code = await archiveQueryCommand(args, { write: (l) => Promise.resolve(void lines.push(l)) }, (l) => errors.push(l));
      assert.equal(code, 0, errors.join('\n'));
      return { lines, summary: JSON.parse(errors.at(-1)!) as Record<string, number> };
    };
    const first = await run();
    assert.ok(first.lines.length >= 2);
    assert.ok(first.summary.s3Requests > 0 && first.summary.problems >= 1, JSON.stringify(first.summary));
    world.server.resetRequests();
    const second = await run();
    assert.deepEqual(second.lines, first.lines);
    assert.equal(second.summary.s3Requests, 0);
    assert.equal(world.server.requests.length, 0);
  });
});
