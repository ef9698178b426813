// The integrity report exactly as a person reads it (VS Code document, CLI, evidence bundle), for three
// chains: all verified, one listed log missing, nothing given. Whole texts, so a wrong count, a
// missing line or a line in the wrong section shows as a diff of what the reader would see.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { integrityHeadline, integrityReportText } from '../../../../src/archive/digest/reportContent';
import { validateDigests } from '../../../../src/archive/digest/validateDigests';
import { writeChain } from '../digestChain';
import { tempDir } from '../helpers';

const DIGESTS = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T0';
const LOGS = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0';
const digest = (hour: number): string => `${DIGESTS}${hour}0030Z.json.gz`;
const log = (time: string, name: string): string => `${LOGS}${time}Z_${name}000000000000.json.gz`;

const HEADER_SUMMARY = (where: string, generated: string, keys: string, verdict: string, summary: string[]): string[] => [
  'CloudTrail log file integrity report',
  `Generated:   ${generated}`,
  `Files:       ${where}`,
  `Public keys: ${keys}`,
  `Verdict:     ${verdict}`,
  '',
  'Summary',
  ...summary,
];

const VERIFIED_LINES = (logs: string[]): string[] => [
  'Verified',
  `  DIGEST ${digest(1)}  (signature carried by the next digest)`,
  `  DIGEST ${digest(2)}  (sidecar .metadata.json)`,
  ...logs,
];
const logLine = (time: string, name: string, hour: number): string => `  LOG    ${log(time, name)}  (digest ${digest(hour)})`;

describe('archive/digest the whole integrity report', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('a verified chain: verdict, summary, every digest and log file verified, the key and its window', async () => {
    const chain = writeChain(tmp, 2);
    const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer), ValidityStartTime: new Date('2023-12-01T00:00:00Z'), ValidityEndTime: new Date('2024-02-01T00:00:00Z') }]).keys;
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys });
    const text = integrityReportText(report, { where: '/trails', keysFrom: 'keys file keys.json', keys, keyProblems: [], generatedAt: Date.UTC(2024, 5, 1) });
    const expected = [
      ...HEADER_SUMMARY(
        '/trails',
        '2024-06-01T00:00:00Z',
        '1 from keys file keys.json',
        'VERIFIED — every digest is signed by a CloudTrail key valid at its time, the chain is unbroken, every listed log file is present and unaltered, and every log file here is listed',
        [
          '  Digest files          2   verified 2',
          '  Listed by them        4   present and unaltered 4 · missing 0',
          '  Log files here        4   verified 4 · altered 0 · unverified 0 · not yet covered 0',
          '  Chain issues          0',
        ],
      ),
      '',
      ...VERIFIED_LINES([logLine('020', 'Log00', 1), logLine('040', 'Log01', 1), logLine('120', 'Log10', 2), logLine('140', 'Log11', 2)]),
      '',
      'Public keys',
      `  ${chain.fingerprint}  valid 2023-12-01T00:00:00Z to 2024-02-01T00:00:00Z  named by 2 digests`,
      '',
    ];
    assert.deepEqual(text.split('\n'), expected);
    assert.equal(integrityHeadline(report), 'Trail log integrity: verified — 2 digests and 4 log files verified.');
  });

  it('one listed log file missing: FAILED with that one problem, notes on the key, the rest still listed as verified', async () => {
    const chain = writeChain(tmp, 2);
    rmSync(chain.logPaths[3]);
    const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys;
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths.slice(0, 3), keys });
    const text = integrityReportText(report, { where: '/trails', keysFrom: 'ListPublicKeys', keys, keyProblems: ['a key was refused'], generatedAt: 0 });
    const expected = [
      ...HEADER_SUMMARY('/trails', '1970-01-01T00:00:00Z', '1 from ListPublicKeys', 'FAILED — see each problem below', [
        '  Digest files          2   verified 2',
        '  Listed by them        4   present and unaltered 3 · missing 1',
        '  Log files here        3   verified 3 · altered 0 · unverified 0 · not yet covered 0',
        '  Chain issues          0',
      ]),
      '',
      'Problems',
      `  MISSING                    trail-bucket/${log('140', 'Log11')}`,
      '                             Listed by a digest but not found: deleted, renamed or not copied',
      '',
      'Notes',
      `  key ${chain.fingerprint} came without a validity window: the digests' times were not checked against it`,
      '  key problem: a key was refused',
      '',
      ...VERIFIED_LINES([logLine('020', 'Log00', 1), logLine('040', 'Log01', 1), logLine('120', 'Log10', 2)]),
      '',
      'Public keys',
      `  ${chain.fingerprint}  valid … to …  named by 2 digests`,
      '',
    ];
    assert.deepEqual(text.split('\n'), expected);
    assert.equal(integrityHeadline(report), 'Trail log integrity: FAILED — 3 of 3 log files verified; 1 missing.');
  });

  it('nothing given: FAILED, and it says to copy the digest folder too', async () => {
    const report = await validateDigests({ digestPaths: [], logPaths: [], keys: [] });
    const text = integrityReportText(report, { where: '/empty', keysFrom: 'nowhere', keys: [], keyProblems: [], generatedAt: 0 });
    const expected = [
      ...HEADER_SUMMARY('/empty', '1970-01-01T00:00:00Z', '0 from nowhere', 'FAILED — see each problem below', [
        '  Digest files          0   verified 0',
        '  Listed by them        0   present and unaltered 0 · missing 0',
        '  Log files here        0   verified 0 · altered 0 · unverified 0 · not yet covered 0',
        '  Chain issues          0',
      ]),
      '',
      'Problems',
      '  NO SIGNATURE               (no digest files)',
      '                             No digest was given: nothing can be verified. Copy the CloudTrail-Digest/ folder too.',
      '',
      'Public keys',
      '  (none)',
      '',
    ];
    assert.deepEqual(text.split('\n'), expected);
    assert.equal(integrityHeadline(report), 'Trail log integrity: FAILED — 0 of 0 log files verified; no digests.');
  });
});
