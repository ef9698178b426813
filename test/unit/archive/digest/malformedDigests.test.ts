// A digest that is not what CloudTrail writes is reported UNREADABLE with the field at fault, never
// half-validated: what the CLI and the report say for damaged, truncated or foreign files, tried on
// a real sample digest (test/fixtures/archive/digests.jsonl) broken one field at a time.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { validateDigests } from '../../../../src/archive/digest/validateDigests';
import { FIXTURES, tempDir } from '../helpers';

const sample = (JSON.parse(readFileSync(join(FIXTURES, 'digests.jsonl'), 'utf8').split('\n')[0] ?? '') as { record: Record<string, unknown> }).record;
const KEY = String(sample.digestS3Object);

describe('archive/digest malformed digests', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  /** Validates one digest file at its S3 key and returns what the report says about it. */
  async function check(bytes: Buffer): Promise<{ status: string; message: string; key?: string }> {
    const path = tmp.write(KEY, bytes);
    const report = await validateDigests({ digestPaths: [path], logPaths: [], keys: [] });
    assert.equal(report.digests.length, 1);
    assert.equal(report.verdict, 'failed');
    const [d] = report.digests;
    return { status: d.status, message: d.message, ...(d.key !== undefined ? { key: d.key } : {}) };
  }
  const json = (value: unknown): Buffer => gzipSync(JSON.stringify(value));

  it('names each required field that is missing or not a string', async () => {
    for (const field of ['awsAccountId', 'digestStartTime', 'digestEndTime', 'digestS3Bucket', 'digestS3Object', 'digestPublicKeyFingerprint', 'digestSignatureAlgorithm']) {
      const { [field]: _dropped, ...rest } = sample;
      assert.deepEqual(await check(json(rest)), { status: 'unreadable', message: `Not a readable digest: "${field}" is missing or not a string`, key: KEY }, field);
      assert.equal((await check(json({ ...sample, [field]: 42 }))).message, `Not a readable digest: "${field}" is missing or not a string`, field);
    }
  });

  it('names a previous-digest field that is there but not a string (null marks the first digest of a chain)', async () => {
    for (const field of ['previousDigestS3Bucket', 'previousDigestS3Object', 'previousDigestHashValue', 'previousDigestHashAlgorithm', 'previousDigestSignature']) {
      assert.equal((await check(json({ ...sample, [field]: 7 }))).message, `Not a readable digest: "${field}" is not a string`, field);
      const starting = await check(json({ ...sample, [field]: null }));
      assert.notEqual(starting.status, 'unreadable', `${field}: null is read (the digest fails later for other reasons)`);
    }
  });

  it('names the listed log file entry at fault', async () => {
    const files = sample.logFiles as Record<string, unknown>[];
    assert.ok(files.length >= 2);
    assert.equal((await check(json({ ...sample, logFiles: [files[0], 'x'] }))).message, 'Not a readable digest: logFiles[1] is not an object');
    assert.equal((await check(json({ ...sample, logFiles: [files[0], null] }))).message, 'Not a readable digest: logFiles[1] is not an object');
    for (const field of ['s3Bucket', 's3Object', 'hashValue', 'hashAlgorithm']) {
      const { [field]: _dropped, ...entry } = files[0] ?? {};
      assert.equal((await check(json({ ...sample, logFiles: [entry] }))).message, `Not a readable digest: "logFiles[0].${field}" is missing or not a string`, field);
    }
    assert.equal((await check(json({ ...sample, logFiles: 'none' }))).message, 'Not a readable digest: "logFiles" is missing: not a CloudTrail digest');
  });

  it('tells a file that is not a JSON object, not JSON, or a broken gzip apart', async () => {
    for (const value of [[sample], null, 'digest', 3]) assert.equal((await check(json(value))).message, 'Not a readable digest: not a JSON object', JSON.stringify(value).slice(0, 20));
    assert.equal((await check(gzipSync('{"awsAccountId":'))).message, 'Not a readable digest: not valid JSON');
    assert.equal((await check(Buffer.from('<html>Access Denied</html>'))).message, 'Not a readable digest: not valid JSON');
    // Only the two-byte gzip magic number means gzip: a plain file starting with 0x1f is read as it is.
    assert.equal((await check(Buffer.concat([Buffer.from([0x1f]), Buffer.from('{}')]))).message, 'Not a readable digest: not valid JSON');
    const broken = gzipSync(JSON.stringify(sample)).subarray(0, 40);
    assert.match((await check(broken)).message, /^Not a readable digest: corrupt or truncated gzip \(.+\)$/);
  });

  it('reads a digest stored uncompressed, as it reads a gzipped one', async () => {
    const plain = await check(Buffer.from(JSON.stringify(sample)));
    const gzipped = await check(json(sample));
    assert.notEqual(plain.status, 'unreadable');
    assert.deepEqual(plain, gzipped);
  });
});
