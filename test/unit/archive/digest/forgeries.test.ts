// The two forgeries issue 14 names, and the two digest-validation mutants issue 15 found alive:
// each must make the verdict fail (or at least not "valid").
import * as assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { digestSigningString, readDigestFile } from '../../../../src/archive/digest/digestFile';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { validateDigests } from '../../../../src/archive/digest/validateDigests';
import { keysOf, writeChain } from '../digestChain';
import { useTempDir } from '../helpers';


describe('archive/digest forgeries a hostile insider would try', () => {
  const temp = useTempDir();

  it('an altered copy of a listed log placed in another folder is never valid', async () => {
    const chain = writeChain(temp(), 2);
    const original = chain.logPaths[1];
    const forged = JSON.parse(gunzipSync(readFileSync(original)).toString('utf8')) as { Records: { eventName: string }[] };
    forged.Records[0].eventName = 'DeleteTrail';
    const name = original.slice(original.lastIndexOf('/') + 1);
    // Another day's folder that sorts first, as a folder scan would list it.
    const copy = temp().write(`AWSLogs/111122223333/CloudTrail/us-east-1/2023/12/31/${name}`, gzipSync(JSON.stringify(forged)));
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: [copy, ...chain.logPaths], keys: keysOf(chain.publicDer) });
    assert.equal(report.ok, false, 'a file the digests never listed at that key is not vouched for');
  });

  it('a forged file named after the last digest keeps the verdict from being "valid"', async () => {
    const chain = writeChain(temp(), 2);
    const forged = temp().write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0410Z_Forged0000000000.json.gz', JSON.stringify({ Records: [{ eventID: 'forged', eventTime: '2024-01-01T04:05:00Z', eventName: 'StopLogging' }] }), true);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: [...chain.logPaths, forged], keys: keysOf(chain.publicDer) });
    assert.equal(report.ok, false);
  });

  it('a chain break alone fails the verdict (issue 15 survivor: ok ignored chain issues)', async () => {
    const chain = writeChain(temp(), 3, (i, digest) => {
      if (i === 2) digest.previousDigestHashValue = '0'.repeat(64);
    });
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.ok(report.digests.every((d) => d.status === 'valid'));
    assert.ok(report.logFiles.every((l) => l.status === 'valid'));
    assert.equal(report.ok, false);
  });

  it('a digest naming another signature algorithm fails even when the RSA-SHA256 signature verifies (issue 15 survivor)', async () => {
    const chain = writeChain(temp(), 2, (i, digest) => {
      if (i === 1) digest.digestSignatureAlgorithm = 'SHA1withRSA';
    });
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: keysOf(chain.publicDer) });
    assert.equal(report.ok, false);
    assert.notEqual(report.digests[1].status, 'valid');
  });

  it('a digest signed with an elliptic-curve key is never valid, even when that key is in the keys file (CloudTrail signs only with RSA)', async () => {
    // The forger puts their own EC public key in the keys file and signs the digest with ECDSA over
    // the documented signing string; node's verify('sha256', …) would accept that signature.
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecDer = ec.publicKey.export({ format: 'der', type: 'spki' });
    const ecFingerprint = createHash('md5').update(ecDer).digest('hex');
    const chain = writeChain(temp(), 1, (_i, digest) => {
      digest.digestPublicKeyFingerprint = ecFingerprint;
    });
    const path = chain.digestPaths[0] ?? '';
    const signature = sign('sha256', Buffer.from(digestSigningString(await readDigestFile(path)), 'utf8'), ec.privateKey).toString('hex');
    writeFileSync(`${path}.metadata.json`, JSON.stringify({ Metadata: { signature, 'signature-algorithm': 'SHA256withRSA' } }));
    const loaded = publicKeysFromList([{ Fingerprint: ecFingerprint, Value: new Uint8Array(ecDer) }]);
    assert.deepEqual(loaded.keys, [], 'an EC key is not a CloudTrail key');
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0] ?? '', /not an RSA key/);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: [...loaded.keys, ...keysOf(chain.publicDer)] });
    assert.equal(report.digests[0]?.status, 'noKey');
    assert.equal(report.ok, false);
  });
});

