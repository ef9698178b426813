import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../src/archive/digest/publicKeys';
import { type DigestValidationReport, validateDigests } from '../../../src/archive/digest/validateDigests';
import { writeChain } from './digestChain';
import { tempDir } from './helpers';

function keysOf(der: Buffer) {
  return publicKeysFromList([{ Value: new Uint8Array(der) }]).keys;
}

const statuses = (report: DigestValidationReport) => ({
  digests: report.digests.map((d) => d.status),
  logs: report.logFiles.filter((l) => l.status !== 'valid').map((l) => `${l.status}:${/_(Log\d\d)/.exec(l.s3Path)?.[1] ?? l.s3Path}`),
  chain: report.chain.map((c) => c.kind),
});

describe('archive/digest validateDigests on a generated chain', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('accepts an intact chain: every signature, hash and link checks out', async () => {
    const chain = writeChain(tmp, 4);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.deepEqual(statuses(report), { digests: ['valid', 'valid', 'valid', 'valid'], logs: [], chain: [] });
    assert.deepEqual(report.digests.map((d) => d.signatureSource), ['nextDigest', 'nextDigest', 'nextDigest', 'own']);
    assert.equal(report.digests[3].signatureFrom, 'sidecar .metadata.json');
    assert.equal(report.digests[0].carrierPath, chain.digestPaths[1]);
    assert.equal(report.verdict, 'verified');
    assert.equal(report.logFiles.length, 8);
    assert.equal(report.ok, true);
  });

  it('reports an altered log, a missing log and a broken link', async () => {
    const chain = writeChain(tmp, 4, (i, digest) => {
      // Digest 2 records a wrong hash for digest 1: a broken link, though digest 2 is properly signed.
      if (i === 2) digest.previousDigestHashValue = '0'.repeat(64);
    });
    const altered = chain.logPaths[1];
    writeFileSync(altered, gzipSync(JSON.stringify({ Records: [{ eventID: 'forged' }] })));
    const missing = chain.logPaths[4];
    rmSync(missing);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths.filter((p) => p !== missing), keys: keysOf(chain.publicDer) });
    const s = statuses(report);
    assert.deepEqual(s.digests, ['valid', 'valid', 'valid', 'valid']);
    assert.deepEqual(s.logs, ['altered:Log01', 'missing:Log20']);
    assert.deepEqual(s.chain, ['previousHashMismatch']);
    assert.match(report.chain[0].digestPath, /T030030Z/);
    assert.equal(report.ok, false);
  });

  it('hashes the uncompressed content: recompressing a log at another level keeps it valid', async () => {
    const chain = writeChain(tmp, 1);
    const { gunzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const path = chain.logPaths[0];
    writeFileSync(path, gzipSync(gunzipSync(readFileSync(path)), { level: 1 }));
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.ok(report.logFiles.every((l) => l.status === 'valid'));
  });

  it('catches a digest edited after signing and a digest missing from the middle of the chain', async () => {
    const chain = writeChain(tmp, 4);
    const edited = JSON.parse(chain.digestTexts[1]) as { logFiles: unknown[] };
    edited.logFiles = edited.logFiles.slice(1);
    writeFileSync(chain.digestPaths[1], gzipSync(JSON.stringify(edited)));
    const whole = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.deepEqual(statuses(whole).digests, ['valid', 'invalidSignature', 'valid', 'valid']);
    assert.deepEqual(statuses(whole).chain, ['previousHashMismatch']);
    assert.deepEqual(whole.notCovered.map((n) => n.reason), ['notListed'], 'the log the edit dropped');
    rmSync(chain.digestPaths[2]);
    const report = await validateDigests({ digestPaths: [chain.digestPaths[0], chain.digestPaths[1], chain.digestPaths[3]], logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    const s = statuses(report);
    // Digest 1's signature came from digest 2, which is gone: it cannot be verified at all.
    assert.deepEqual(s.digests, ['valid', 'unsigned', 'valid']);
    assert.deepEqual(s.chain, ['missingPrevious']);
    assert.deepEqual(
      report.notCovered.map((n) => n.reason),
      ['notListed', 'notListed', 'notListed'],
      'the dropped entry and the logs of the missing digest are listed by nothing',
    );
    assert.equal(report.ok, false);
  });

  it('rejects a signature made with another key and says when no key or no signature is known', async () => {
    const chain = writeChain(tmp, 2);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'pkcs1' });
    const wrongKey = publicKeysFromList([{ Value: other }]).keys.map((k) => ({ ...k, fingerprint: keysOf(chain.publicDer)[0].fingerprint }));
    const forged = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: wrongKey });
    assert.deepEqual(forged.digests.map((d) => d.status), ['invalidSignature', 'invalidSignature']);
    const noKeys = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: [] });
    assert.deepEqual(noKeys.digests.map((d) => d.status), ['noKey', 'noKey']);
    const expired = keysOf(chain.publicDer).map((k) => ({ ...k, validTo: Date.UTC(2024, 0, 1, 1, 30) }));
    const late = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: expired });
    assert.deepEqual(late.digests.map((d) => d.status), ['valid', 'noKey'], 'a key is used only within its validity');
    rmSync(`${chain.digestPaths[1]}.metadata.json`);
    const headless = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.deepEqual(headless.digests.map((d) => d.status), ['valid', 'unsigned']);
    assert.equal(headless.ok, false);
  });

  it('takes signatures from a map (head-object output collected elsewhere)', async () => {
    const chain = writeChain(tmp, 2);
    const meta = join(`${chain.digestPaths[1]}.metadata.json`);
    const { readFileSync } = await import('node:fs');
    const signature = (JSON.parse(readFileSync(meta, 'utf8')) as { Metadata: { signature: string } }).Metadata.signature;
    rmSync(meta);
    const name = chain.digestPaths[1].slice(chain.digestPaths[1].lastIndexOf('/') + 1);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer), signatures: new Map([[name, signature]]) });
    assert.deepEqual(report.digests.map((d) => [d.signatureSource, d.signatureFrom]), [['nextDigest', `next digest ${chain.digestPaths[1]}`], ['own', 'signatures map']]);
    assert.equal(report.ok, true);
  });

  it('flags log files that no digest lists, and tells files newer than the last digest apart', async () => {
    const chain = writeChain(tmp, 2);
    const injected = tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0150Z_Injected00000000.json.gz', '{"Records":[]}', true);
    const later = tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0510Z_Later00000000000.json.gz', '{"Records":[]}', true);
    const otherRegion = tmp.write('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/01/01/111122223333_CloudTrail_eu-west-1_20240101T0150Z_Other00000000000.json.gz', '{"Records":[]}', true);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: [...chain.logPaths, injected, later, otherRegion], keys: keysOf(chain.publicDer) });
    assert.deepEqual(
      report.notCovered.map((n) => [n.path, n.reason]),
      [
        [injected, 'notListed'],
        [later, 'afterLastDigest'],
        [otherRegion, 'noDigestForRegion'],
      ],
    );
    assert.equal(report.ok, false);
  });

  it('lists a digest that is not readable or not where it says it belongs', async () => {
    const chain = writeChain(tmp, 1);
    const junk = tmp.write('AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/junk.json.gz', Buffer.from('not gzip at all'));
    const moved = tmp.write('copy/renamed.json.gz', gzipSync(chain.digestTexts[0]));
    const report = await validateDigests({ digestPaths: [...chain.digestPaths, junk, moved], logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.deepEqual(
      report.digests.map((d) => d.status),
      ['unreadable', 'valid', 'moved'],
    );
  });
});
