// export-evidence as a user runs it (dist/cli.js): a zip a third party unzips and re-verifies with
// an independent implementation of AWS's procedure.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as yauzl from 'yauzl';
import { writeChain, writeKeysFile } from '../archive/digestChain';
import { verifyBundle } from '../archive/evidence/independentVerifier';
import { tempDir } from '../archive/helpers';
import { ensureCliBuilt, runCli } from './distCli';

/** Every file of a zip, by name (read with yauzl, not with the code that wrote it). */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) {
        reject(err);
        return;
      }
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => {
        resolve(files);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) {
            reject(e);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('cli export-evidence (dist/cli.js)', function () {
  this.timeout(150_000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    ensureCliBuilt();
  });
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('writes a zip whose chosen events an independent check verifies; exit 0', async () => {
    const chain = writeChain(tmp, 3, undefined, { records: 2 });
    const keys = writeKeysFile(tmp, chain, { from: '2023-12-31T00:00:00Z', to: '2024-01-02T00:00:00Z' });
    const out = join(tmp.dir, 'evidence.zip');
    const r = runCli('export-evidence', join(tmp.dir, 'AWSLogs'), '--keys', keys, '--out', out, '--event-id', 'e-1-0', '--event-id', 'e-2-1-1');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /"events":2,"verifiedEvents":2,"logFiles":2,"digests":2,"keys":1/);
    const files = await unzip(out);
    const result = verifyBundle(files, [{ der: chain.publicDer, from: Date.UTC(2023, 11, 31), to: Date.UTC(2024, 0, 2) }]);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.verifiedEvents, ['e-1-0', 'e-2-1-1']);
    assert.ok(files.has('README.txt') && files.has('SHA256SUMS'));
  });

  it('exits 1 when an exported event comes from an unverified file, and 2 for bad usage', () => {
    const chain = writeChain(tmp, 2);
    const keys = writeKeysFile(tmp, chain);
    tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0130Z_Forged0000000000.json.gz', JSON.stringify({ Records: [{ eventVersion: '1.08', eventID: 'forged', eventTime: '2024-01-01T01:25:00Z', eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1' }] }), true);
    const r = runCli('export-evidence', tmp.dir, '--keys', keys, '--out', join(tmp.dir, 'out'), '--event-id', 'forged');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(runCli('export-evidence', tmp.dir, '--keys', keys).code, 2);
    assert.match(runCli('export-evidence', tmp.dir, '--keys', keys, '--out', join(tmp.dir, 'out')).stderr, /is not empty/);
  });
});
