// The sentence a person reads for each integrity failure (report "Problems" lines, CLI findings):
// exact, because it is what tells them what happened and what to do next. Chains are signed here
// with node:crypto (one key per run); the fingerprint comes from the generated chain.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { type DigestValidationReport, validateDigests } from '../../../../src/archive/digest/validateDigests';
import { type GeneratedChain, writeChain } from '../digestChain';
import { tempDir } from '../helpers';

type Tmp = ReturnType<typeof tempDir>;
const DIGEST_DIR = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01';
const LOG_DIR = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01';
const digestName = (hour: number): string => `111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T0${hour}0030Z.json.gz`;
const logName = (stamp: string, unique: string): string => `111122223333_CloudTrail_us-east-1_20240101T${stamp}Z_${unique.padEnd(16, '0')}.json.gz`;
const EMPTY_LOG = '{"Records":[]}';
/** The test folder as the lines print it. */
const folder = '<dir>';
const digestAt = (hour: number): string => `${folder}/${DIGEST_DIR}/${digestName(hour)}`;
/** The four lines (listed entry and local file, for both logs) of logs whose only digest did not verify. */
const notVerified = (hour: number): string[] => Array.from({ length: 4 }, () => `digestNotVerified: Listed only by a digest that did not verify (${digestAt(hour)})`);

/** Every line the report prints about a problem or a note: `reason: message`. */
function lines(report: DigestValidationReport): string[] {
  return [
    ...report.digests.filter((d) => d.status !== 'valid').map((d) => `${d.reason}: ${d.message}`),
    ...report.chain.map((c) => `${c.kind}: ${c.message}`),
    ...report.notes.map((n) => `${n.kind}: ${n.message}`),
    ...report.logFiles.filter((l) => l.status !== 'valid').map((l) => `${l.reason}: ${l.message}`),
    ...report.files.filter((f) => f.status !== 'verified').map((f) => `${f.reason}: ${f.message}`),
  ];
}

interface Scenario {
  readonly name: string;
  readonly tamper?: (index: number, digest: Record<string, unknown>) => void;
  /** Changes files after the chain is written; returns the digest and log paths to validate when they differ. */
  readonly act?: (chain: GeneratedChain, tmp: Tmp) => { digests?: string[]; logs?: string[] } | undefined;
  readonly window?: { readonly from: number; readonly to: number };
  /** Expected lines; `FP` stands for the key fingerprint. */
  readonly expected: readonly string[];
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'key valid from the first digest’s end to the last one’s: verified, nothing to say', window: { from: Date.UTC(2024, 0, 1, 1, 0, 30), to: Date.UTC(2024, 0, 1, 3, 0, 30) }, expected: [] },
  {
    name: 'key used after its validity window',
    window: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 1, 2, 30) },
    expected: [
      `keyOutsideValidity: Key FP was valid from 2024-01-01T00:00:00Z to 2024-01-01T02:30:00Z, not at the digest's end time 2024-01-01T03:00:30Z`,
      ...notVerified(3),
    ],
  },
  {
    name: 'key used before its validity window',
    window: { from: Date.UTC(2024, 0, 1, 1, 30), to: Date.UTC(2024, 0, 2) },
    expected: [
      `keyOutsideValidity: Key FP was valid from 2024-01-01T01:30:00Z to 2024-01-02T00:00:00Z, not at the digest's end time 2024-01-01T01:00:30Z`,
      ...notVerified(1),
    ],
  },
  {
    name: 'digest naming an unknown key',
    tamper: (i, d) => {
      if (i === 2) d.digestPublicKeyFingerprint = 'ab'.repeat(16);
    },
    expected: [
      `unknownKey: No CloudTrail public key with fingerprint abababababababababababababababab was given (ListPublicKeys in the trail's home region for this time)`,
      ...notVerified(3),
    ],
  },
  {
    name: 'digest naming another signature algorithm',
    tamper: (i, d) => {
      if (i === 2) d.digestSignatureAlgorithm = 'SHA1withRSA';
    },
    expected: [
      `unknownSignatureAlgorithm: Unknown signature algorithm "SHA1withRSA": CloudTrail signs digests only with SHA256withRSA`,
      ...notVerified(3),
    ],
  },
  {
    name: 'newest signature not hex',
    act: (chain) => {
      writeFileSync(`${chain.digestPaths[2]}.metadata.json`, JSON.stringify({ Metadata: { signature: 'zz'.repeat(256), 'signature-algorithm': 'SHA256withRSA' } }));
      return undefined;
    },
    expected: [
      `malformedSignature: Malformed signature (not hex; a 2048-bit key signs 512 hex digits): truncated or not a signature`,
      ...notVerified(3),
    ],
  },
  {
    name: 'newest signature one hex digit short',
    act: (chain) => {
      writeFileSync(`${chain.digestPaths[2]}.metadata.json`, JSON.stringify({ Metadata: { signature: (chain.signatures[2] ?? '').slice(1), 'signature-algorithm': 'SHA256withRSA' } }));
      return undefined;
    },
    expected: [
      `malformedSignature: Malformed signature (511 hex digits; a 2048-bit key signs 512 hex digits): truncated or not a signature`,
      ...notVerified(3),
    ],
  },
  {
    name: 'newest digest found in another folder than it names',
    act: (chain, tmp) => {
      const moved = join(tmp.dir, DIGEST_DIR.replace('/01/01', '/01/02'), digestName(3));
      mkdirSync(dirname(moved), { recursive: true });
      copyFileSync(chain.digestPaths[2] ?? '', moved);
      copyFileSync(`${chain.digestPaths[2] ?? ''}.metadata.json`, `${moved}.metadata.json`);
      return { digests: [chain.digestPaths[0] ?? '', chain.digestPaths[1] ?? '', moved] };
    },
    expected: [
      `moved: Not where CloudTrail put it: the digest says it is trail-bucket/${DIGEST_DIR}/${digestName(3)}, but it was found at AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T030030Z.json.gz`,
      `digestNotVerified: Listed only by a digest that did not verify (<dir>/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T030030Z.json.gz)`,
      `digestNotVerified: Listed only by a digest that did not verify (<dir>/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T030030Z.json.gz)`,
      `digestNotVerified: Listed only by a digest that did not verify (<dir>/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T030030Z.json.gz)`,
      `digestNotVerified: Listed only by a digest that did not verify (<dir>/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T030030Z.json.gz)`,
    ],
  },
  {
    name: 'middle digest deleted',
    act: (chain) => {
      rmSync(chain.digestPaths[1] ?? '');
      return { digests: [chain.digestPaths[0] ?? '', chain.digestPaths[2] ?? ''] };
    },
    expected: [
      `noSignature: No signature: CloudTrail keeps a digest's signature only in its S3 object metadata (x-amz-meta-signature) and no later digest given carries it, so this digest cannot be verified offline. Save \`aws s3api head-object --bucket trail-bucket --key ${DIGEST_DIR}/${digestName(1)}\` output as ${digestAt(1)}.metadata.json`,
      `missingPrevious: Chain gap: the previous digest ${DIGEST_DIR}/${digestName(2)} is missing (deleted, or not copied)`,
      ...notVerified(1),
      `notListed: No digest lists this key although digests cover its time: added or renamed after delivery`,
      `notListed: No digest lists this key although digests cover its time: added or renamed after delivery`,
    ],
  },
  {
    name: 'link to the previous digest with a wrong hash',
    tamper: (i, d) => {
      if (i === 2) d.previousDigestHashValue = '0'.repeat(64);
    },
    expected: [
      `previousHashMismatch: The previous digest 111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T020030Z.json.gz does not have the SHA-256 this digest recorded for it: it was replaced or edited`,
    ],
  },
  {
    name: 'link to the previous digest with another hash algorithm',
    tamper: (i, d) => {
      if (i === 1) d.previousDigestHashAlgorithm = 'MD5';
    },
    expected: [
      `unknownPreviousHashAlgorithm: Unknown previous-digest hash algorithm "MD5": CloudTrail links digests with SHA-256`,
    ],
  },
  {
    name: 'log files forged before, inside and after the covered hours, in another region, outside AWSLogs/, and one altered',
    act: (chain, tmp) => {
      writeFileSync(chain.logPaths[1] ?? '', Buffer.from(readFileSync(chain.logPaths[0] ?? '')));
      const extra = [
        tmp.write(`${LOG_DIR.replace('/01/01', '/2023/12/31').replace('/2024/2023', '/2023')}/${logName('2350', 'Before').replace('20240101T', '20231231T')}`, EMPTY_LOG, true),
        tmp.write(`${LOG_DIR}/${logName('0150', 'Inside')}`, EMPTY_LOG, true),
        tmp.write(`${LOG_DIR}/${logName('0410', 'After')}`, EMPTY_LOG, true),
        tmp.write(`${LOG_DIR.replace('us-east-1', 'eu-west-1')}/${logName('0150', 'Region').replace('us-east-1', 'eu-west-1')}`, EMPTY_LOG, true),
        tmp.write(`loose/${logName('0150', 'Loose')}`, EMPTY_LOG, true),
      ];
      return { logs: [...chain.logPaths, ...extra] };
    },
    expected: [
      `hashMismatch: The content differs from the SHA-256 the digest recorded: altered after delivery`,
      `hashMismatch: The content differs from the SHA-256 the digest recorded: altered after delivery`,
      `beforeDigests: Delivered before the oldest digest given (2024-01-01T00:00:30Z): add older digests to check it`,
      `notListed: No digest lists this key although digests cover its time: added or renamed after delivery`,
      `afterLastDigest: Delivered after the newest digest given (2024-01-01T03:00:30Z); the next digest, about an hour later, lists it`,
      `noDigestForRegion: No digest for this account and region was given: copy its CloudTrail-Digest folder`,
      `notInLayout: Not in the AWSLogs/ layout, so its S3 key is unknown and no digest can vouch for it: keep the folders from AWSLogs/ on`,
    ],
  },
  {
    name: 'newest signature from a .sig sidecar (upper-case hex, line break), no head-object output',
    act: (chain) => {
      rmSync(`${chain.digestPaths[2] ?? ''}.metadata.json`);
      writeFileSync(`${chain.digestPaths[2] ?? ''}.sig`, `${(chain.signatures[2] ?? '').toUpperCase()}\n`);
      return undefined;
    },
    expected: [],
  },
  {
    name: 'newest signature from a .signature sidecar',
    act: (chain) => {
      rmSync(`${chain.digestPaths[2] ?? ''}.metadata.json`);
      writeFileSync(`${chain.digestPaths[2] ?? ''}.signature`, ` ${chain.signatures[2] ?? ''} `);
      return undefined;
    },
    expected: [],
  },
  {
    name: 'head-object output with the signature in upper case and spaces around it',
    act: (chain) => {
      writeFileSync(`${chain.digestPaths[2] ?? ''}.metadata.json`, JSON.stringify({ Metadata: { signature: ` ${(chain.signatures[2] ?? '').toUpperCase()}\n`, 'signature-algorithm': 'SHA256withRSA' } }));
      return undefined;
    },
    expected: [],
  },
  {
    name: 'link to the previous digest with another signature',
    tamper: (i, d) => {
      if (i === 2) d.previousDigestSignature = 'ab'.repeat(256);
    },
    expected: [
      `signatureMismatch: Signature does not match: the digest was altered after signing, or the signature belongs to another digest (from next digest ${digestAt(3)})`,
      ...notVerified(2),
    ],
  },
  {
    name: 'link to the previous digest without its signature',
    tamper: (i, d) => {
      if (i === 2) d.previousDigestSignature = null;
    },
    expected: [
      `noSignature: No signature: CloudTrail keeps a digest's signature only in its S3 object metadata (x-amz-meta-signature) and no later digest given carries it, so this digest cannot be verified offline. Save \`aws s3api head-object --bucket trail-bucket --key ${DIGEST_DIR}/${digestName(2)}\` output as ${digestAt(2)}.metadata.json`,
      `missingPreviousSignature: The link to the previous digest 111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T020030Z.json.gz has no previousDigestSignature: the chain cannot be followed`,
      ...notVerified(2),
    ],
  },
  {
    name: 'a new chain starting in the middle (previous fields null)',
    tamper: (i, d) => {
      if (i === 1) for (const k of ['previousDigestS3Bucket', 'previousDigestS3Object', 'previousDigestHashValue', 'previousDigestHashAlgorithm', 'previousDigestSignature']) d[k] = null;
    },
    expected: [
      `noSignature: No signature: CloudTrail keeps a digest's signature only in its S3 object metadata (x-amz-meta-signature) and no later digest given carries it, so this digest cannot be verified offline. Save \`aws s3api head-object --bucket trail-bucket --key ${DIGEST_DIR}/${digestName(1)}\` output as ${digestAt(1)}.metadata.json`,
      `chainRestart: A new chain starts here: CloudTrail delivered no digest between 2024-01-01T01:00:30Z and 2024-01-01T01:00:30Z (validation or logging was off; look for StopLogging or UpdateTrail)`,
      ...notVerified(1),
    ],
  },
  {
    name: 'the oldest digest given links to one before it',
    act: (chain) => ({ digests: chain.digestPaths.slice(1), logs: chain.logPaths.slice(2) }),
    expected: [
      `chainStartsEarlier: The chain goes on before the files given (previous digest 111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T010030Z.json.gz)`,
    ],
  },
];

describe('archive/digest public key problems', () => {
  it('names the key at fault: by its fingerprint, else by its place in the list', () => {
    const { keys, problems } = publicKeysFromList([{ Fingerprint: 'ab12' }, { Value: Buffer.from('not a key').toString('base64') }, { Value: new Uint8Array(0) }]);
    assert.equal(keys.length, 0);
    assert.equal(problems.length, 3);
    assert.equal(problems[0], 'ab12: no key value');
    assert.match(problems[1] ?? '', /^key 1: not a DER public key \(.+\)$/);
    assert.equal(problems[2], 'key 2: no key value');
  });
});

describe('archive/digest failure messages', () => {
  let tmp: Tmp;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const chain = writeChain(tmp, 3, s.tamper);
      const paths = s.act?.(chain, tmp) ?? {};
      const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer), ...(s.window ? { ValidityStartTime: new Date(s.window.from), ValidityEndTime: new Date(s.window.to) } : {}) }]).keys;
      const report = await validateDigests({ digestPaths: paths.digests ?? chain.digestPaths, logPaths: paths.logs ?? chain.logPaths, roots: [tmp.dir], keys });
      const got = lines(report).map((l) => l.replaceAll(chain.fingerprint, 'FP').replaceAll(tmp.dir, '<dir>'));
      if (process.env.PRINT_MESSAGES === '1') console.log(JSON.stringify(got, null, 2));
      assert.deepEqual(got, s.expected);
    });
  }
});
