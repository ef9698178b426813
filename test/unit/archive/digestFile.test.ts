import * as assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { digestSigningString, parseDigestFields, readDigestFile } from '../../../src/archive/digest/digestFile';
import { publicKeysFromList, readPublicKeysFile } from '../../../src/archive/digest/publicKeys';
import { validateDigests } from '../../../src/archive/digest/validateDigests';
import { FIXTURES, tempDir } from './helpers';

const samples = readFileSync(join(FIXTURES, 'digests.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { record: Record<string, unknown> }).record);

describe('archive/digest files on the real samples', () => {
  it('parses every sample digest, starting digests (null previous fields) included', () => {
    assert.equal(samples.length, 3);
    for (const sample of samples) {
      const fields = parseDigestFields(sample);
      assert.equal(fields.digestSignatureAlgorithm, 'SHA256withRSA');
      assert.ok(fields.logFiles.every((f) => /^[0-9a-f]{64}$/.test(f.hashValue) && f.hashAlgorithm === 'SHA-256'));
    }
  });

  it('builds the documented signing string from a stored digest', async () => {
    const tmp = tempDir();
    try {
      const text = JSON.stringify(samples[0]);
      const name = String(samples[0].digestS3Object).split('/').pop()!;
      const digest = await readDigestFile(tmp.write(name, text, true));
      const sha = createHash('sha256').update(text).digest('hex');
      assert.equal(digest.sha256, sha, 'the hash is over the uncompressed bytes as stored');
      assert.equal(
        digestSigningString(digest),
        `2020-09-11T19:36:49Z\nalice-bucket/${String(samples[0].digestS3Object)}\n${sha}\n${String(samples[0].previousDigestSignature)}`,
      );
      const starting = parseDigestFields({ ...samples[0], previousDigestS3Bucket: null, previousDigestS3Object: null, previousDigestHashValue: null, previousDigestSignature: null });
      assert.equal(digestSigningString({ path: 'x', sha256: 'h', fields: starting }).split('\n')[3], 'null');
    } finally {
      tmp.cleanup();
    }
  });

  it('rejects JSON that is not a digest with the field at fault', () => {
    assert.throws(() => parseDigestFields({ Records: [] }), /logFiles/);
    assert.throws(() => parseDigestFields({ ...samples[0], digestEndTime: 5 }), /digestEndTime/);
  });

  it('validates the samples as far as they allow: no keys, no signature, no log files', async () => {
    const tmp = tempDir();
    try {
      const paths = samples.map((s) => tmp.write(String(s.digestS3Object), gzipSync(JSON.stringify(s))));
      const report = await validateDigests({ digestPaths: paths, logPaths: [], keys: [] });
      assert.equal(report.ok, false);
      assert.ok(report.digests.every((d) => d.status === 'unsigned' || d.status === 'noKey'), JSON.stringify(report.digests));
      assert.ok(report.logFiles.length > 0 && report.logFiles.every((l) => l.status === 'missing'));
      assert.deepEqual(report.chain, [], 'a chain that begins before the files given is not an error');
      assert.deepEqual(report.notes.map((n) => n.kind), ['chainStartsEarlier', 'chainStartsEarlier', 'chainStartsEarlier']);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('archive/digest public keys', () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs1 = publicKey.export({ format: 'der', type: 'pkcs1' });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

  it('takes the SDK ListPublicKeys shape (bytes, Dates) and fingerprints keys as md5 of the DER', () => {
    const { keys, problems } = publicKeysFromList([
      { Value: new Uint8Array(pkcs1), ValidityStartTime: new Date('2024-01-01T00:00:00Z'), ValidityEndTime: new Date('2025-01-01T00:00:00Z'), Fingerprint: md5(pkcs1) },
      { Value: new Uint8Array(spki) },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(keys.map((k) => k.fingerprint), [md5(pkcs1), md5(spki)]);
    assert.equal(keys[0].validFrom, Date.UTC(2024, 0, 1));
  });

  it('lists keys it cannot use instead of failing', () => {
    const { keys, problems } = publicKeysFromList([{ Value: Buffer.from('nope') }, { Fingerprint: 'abc' }, { Value: pkcs1, Fingerprint: '00'.repeat(16) }]);
    assert.equal(keys.length, 0);
    assert.equal(problems.length, 3);
    assert.match(problems[2], /fingerprint does not match/);
  });

  it('reads aws cloudtrail list-public-keys output from a keys file', async () => {
    const tmp = tempDir();
    try {
      const path = tmp.write(
        'keys.json',
        JSON.stringify({ PublicKeyList: [{ Value: pkcs1.toString('base64'), ValidityStartTime: 1704067200, ValidityEndTime: 1735689600, Fingerprint: md5(pkcs1) }] }),
      );
      const { keys } = await readPublicKeysFile(path);
      assert.equal(keys[0].fingerprint, md5(pkcs1));
      assert.equal(keys[0].validFrom, Date.UTC(2024, 0, 1));
      await assert.rejects(readPublicKeysFile(tmp.write('bad.json', '{"Keys":[]}')), /PublicKeyList/);
    } finally {
      tmp.cleanup();
    }
  });
});
