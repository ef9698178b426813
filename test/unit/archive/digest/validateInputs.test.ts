// validateDigests with the inputs its other callers give: digests alone (checking a bucket's digest
// chain before any log is fetched), log files whose keys a scan already knows, a hashing function
// instead of the disk (the S3 adapter), and a digest that lists no log file but does not verify.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { validateDigests } from '../../../../src/archive/digest/validateDigests';
import { keysOf, writeChain } from '../digestChain';
import { useTempDir } from '../helpers';

const keyOf = (path: string): string => path.slice(path.indexOf('AWSLogs/'));

describe('archive/digest validateDigests inputs', () => {
  const temp = useTempDir();

  it('digests alone: the chain verifies and no local log file is invented', async () => {
    const chain = writeChain(temp(), 2);
    const report = await validateDigests({ digestPaths: chain.digestPaths, keys: keysOf(chain.publicDer) });
    assert.deepEqual(report.files, []);
    assert.deepEqual(report.digests.map((d) => d.status), ['valid', 'valid']);
  });

  it('log files with keys a scan already knows verify like log paths', async () => {
    const chain = writeChain(temp(), 2);
    const logFiles = chain.logPaths.map((path) => ({ path, key: keyOf(path) }));
    const report = await validateDigests({ digestPaths: chain.digestPaths, logFiles, keys: keysOf(chain.publicDer) });
    assert.equal(report.verdict, 'verified');
    assert.deepEqual(report.files.map((f) => f.status), ['verified', 'verified', 'verified', 'verified']);
  });

  it('hashes log files with the given function (an S3 source) instead of reading the disk', async () => {
    const chain = writeChain(temp(), 1);
    const bytes = new Map(chain.logPaths.map((p) => [`s3://trail-bucket/${keyOf(p)}`, gunzipSync(readFileSync(p))]));
    const hashed: string[] = [];
    const hashLog = (path: string): Promise<string> => {
      hashed.push(path);
      return Promise.resolve(createHash('sha256').update(bytes.get(path) ?? '').digest('hex'));
    };
    const logFiles = [...bytes.keys()].map((path) => ({ path, key: path.slice('s3://trail-bucket/'.length) }));
    const report = await validateDigests({ digestPaths: chain.digestPaths, logFiles, keys: keysOf(chain.publicDer), hashLog });
    assert.equal(report.verdict, 'verified');
    assert.deepEqual(hashed.sort(), [...bytes.keys()].sort());
  });

  it('fails when one digest does not verify, even though it lists no log file and every log verifies', async () => {
    const chain = writeChain(temp(), 2, (i, digest) => {
      if (i === 1) digest.logFiles = [];
    });
    writeFileSync(`${chain.digestPaths[1] ?? ''}.metadata.json`, JSON.stringify({ Metadata: { signature: 'ab'.repeat(256), 'signature-algorithm': 'SHA256withRSA' } }));
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths.slice(0, 2), keys: keysOf(chain.publicDer) });
    assert.deepEqual(report.digests.map((d) => d.status), ['valid', 'invalidSignature']);
    assert.deepEqual(report.files.map((f) => f.status), ['verified', 'verified']);
    assert.equal(report.verdict, 'failed');
    assert.equal(report.ok, false);
  });
});
