// Edge cases of digest validation a person would trip over: digests given in any order, a signature
// that is hex only at its end, a digest moved out of the AWSLogs/ layout, another algorithm named in
// the S3 metadata, a digest that leaves out its previous-digest fields. Each asserts the verdict and
// the exact line the report prints.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { type DigestValidationReport, validateDigests } from '../../../../src/archive/digest/validateDigests';
import { type GeneratedChain, writeChain } from '../digestChain';
import { tempDir } from '../helpers';

type Tmp = ReturnType<typeof tempDir>;

async function validate(chain: GeneratedChain, digests: string[] = chain.digestPaths): Promise<DigestValidationReport> {
  const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys;
  return validateDigests({ digestPaths: digests, logPaths: chain.logPaths, keys });
}

const problems = (report: DigestValidationReport): string[] => report.digests.filter((d) => d.status !== 'valid').map((d) => `${d.reason}: ${d.message}`);

describe('archive/digest edge cases', () => {
  let tmp: Tmp;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('verifies a chain whatever order its digests are given in', async () => {
    const chain = writeChain(tmp, 3);
    for (const order of [[2, 1, 0], [1, 2, 0], [0, 2, 1]]) {
      const report = await validate(chain, order.map((i) => chain.digestPaths[i] ?? ''));
      assert.equal(report.verdict, 'verified', order.join(','));
      assert.deepEqual(report.chain, []);
      assert.deepEqual(report.notes, [], 'no chain restart or earlier start is reported for a complete chain');
    }
  });

  it('calls a signature malformed when only its end is hex', async () => {
    const chain = writeChain(tmp, 2);
    const forged = `zz${(chain.signatures[1] ?? '').slice(2)}`;
    writeFileSync(`${chain.digestPaths[1] ?? ''}.metadata.json`, JSON.stringify({ Metadata: { signature: forged, 'signature-algorithm': 'SHA256withRSA' } }));
    assert.deepEqual(problems(await validate(chain)), ['malformedSignature: Malformed signature (not hex; a 2048-bit key signs 512 hex digits): truncated or not a signature']);
  });

  it('calls a signature malformed when only its start is hex (never "does not match")', async () => {
    const chain = writeChain(tmp, 2);
    const forged = `${(chain.signatures[1] ?? '').slice(0, -2)}zz`;
    writeFileSync(`${chain.digestPaths[1] ?? ''}.metadata.json`, JSON.stringify({ Metadata: { signature: forged, 'signature-algorithm': 'SHA256withRSA' } }));
    assert.deepEqual(problems(await validate(chain)), ['malformedSignature: Malformed signature (not hex; a 2048-bit key signs 512 hex digits): truncated or not a signature']);
  });

  it('names an open end of a key\'s validity "…" when the keys file gives only one bound', async () => {
    const chain = writeChain(tmp, 2);
    const withWindow = (window: { ValidityStartTime?: Date; ValidityEndTime?: Date }): Promise<DigestValidationReport['digests'][number][]> =>
      validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer), ...window }]).keys }).then((r) => r.digests.filter((d) => d.status !== 'valid'));
    const endedEarly = await withWindow({ ValidityEndTime: new Date(Date.UTC(2024, 0, 1, 1, 30)) });
    assert.deepEqual(endedEarly.map((d) => d.message), [`Key ${chain.fingerprint} was valid from … to 2024-01-01T01:30:00Z, not at the digest's end time 2024-01-01T02:00:30Z`]);
    const startedLate = await withWindow({ ValidityStartTime: new Date(Date.UTC(2024, 0, 1, 1, 30)) });
    assert.deepEqual(startedLate.map((d) => d.message), [`Key ${chain.fingerprint} was valid from 2024-01-01T01:30:00Z to …, not at the digest's end time 2024-01-01T01:00:30Z`]);
  });

  it('calls a digest outside the AWSLogs/ layout moved, and says so', async () => {
    const chain = writeChain(tmp, 2);
    const loose = join(tmp.dir, 'loose', 'newest.json.gz');
    mkdirSync(dirname(loose), { recursive: true });
    copyFileSync(chain.digestPaths[1] ?? '', loose);
    const [first] = chain.digestPaths;
    const report = await validate(chain, [first, loose]);
    assert.equal(report.verdict, 'failed');
    assert.deepEqual(problems(report).filter((p) => p.startsWith('moved')), [
      `moved: Not where CloudTrail put it: the digest says it is trail-bucket/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T020030Z.json.gz, but it was found at a path outside the AWSLogs/ layout`,
    ]);
  });

  it('refuses another signature algorithm named in the S3 object metadata', async () => {
    const chain = writeChain(tmp, 2);
    writeFileSync(`${chain.digestPaths[1] ?? ''}.metadata.json`, JSON.stringify({ Metadata: { signature: chain.signatures[1], 'signature-algorithm': 'SHA1withRSA' } }));
    assert.deepEqual(problems(await validate(chain)), ['unknownSignatureAlgorithm: Unknown signature algorithm "SHA1withRSA" in the object metadata: CloudTrail signs digests only with SHA256withRSA']);
  });

  it('reads a digest that leaves out its previous-digest fields like the first digest of a chain', async () => {
    const chain = writeChain(tmp, 1);
    const path = chain.digestPaths[0] ?? '';
    const json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Record<string, unknown>;
    for (const k of ['previousDigestS3Bucket', 'previousDigestS3Object', 'previousDigestHashValue', 'previousDigestHashAlgorithm', 'previousDigestSignature']) Reflect.deleteProperty(json, k);
    writeFileSync(path, gzipSync(JSON.stringify(json)));
    const report = await validate(chain);
    assert.equal(report.digests[0]?.status, 'invalidSignature', 'read, then refused because its bytes changed');
    assert.equal(report.digests[0]?.reason, 'signatureMismatch');
  });
});
