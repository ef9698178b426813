import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { integrityHeadline, integrityReportSections, integrityReportText } from '../../../../src/archive/digest/reportContent';
import { validateDigests } from '../../../../src/archive/digest/validateDigests';
import { writeChain } from '../digestChain';
import { tempDir } from '../helpers';

describe('archive/digest report content', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('a verified chain: the verdict first, then what was verified, digest by digest and file by file', async () => {
    const chain = writeChain(tmp, 2);
    const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer), ValidityStartTime: new Date('2023-12-01T00:00:00Z'), ValidityEndTime: new Date('2024-02-01T00:00:00Z') }]).keys;
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys });
    const context = { where: tmp.dir, keysFrom: 'keys file keys.json', keys, keyProblems: [], generatedAt: Date.UTC(2024, 5, 1) };
    const sections = integrityReportSections(report, context);
    assert.deepEqual(sections.map((s) => s.title), ['CloudTrail log file integrity report', 'Summary', 'Verified', 'Public keys']);
    assert.match(sections[0].lines[3], /^Verdict: +VERIFIED — /);
    assert.equal(sections[2].lines.filter((l) => l.startsWith('  LOG ')).length, 4);
    assert.match(sections[3].lines[0], new RegExp(`^  ${chain.fingerprint}  valid 2023-12-01T00:00:00Z to 2024-02-01T00:00:00Z  named by 2 digests$`));
    assert.equal(integrityHeadline(report), 'Trail log integrity: verified — 2 digests and 4 log files verified.');
  });

  it('a failed chain: one line per problem with its reason, pending files apart, and the headline counts', async () => {
    const chain = writeChain(tmp, 3);
    writeFileSync(chain.logPaths[0], gzipSync('{"Records":[]}'));
    rmSync(chain.logPaths[3]);
    const later = tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0410Z_Later00000000000.json.gz', '{"Records":[]}', true);
    rmSync(`${chain.digestPaths[2]}.metadata.json`);
    const logs = [...chain.logPaths.filter((p) => p !== chain.logPaths[3]), later];
    const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys;
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: logs, keys });
    const text = integrityReportText(report, { where: tmp.dir, keysFrom: 'test', keys, keyProblems: [], generatedAt: 0 });
    const problems = text.slice(text.indexOf('\nProblems\n'), text.indexOf('\nNot yet covered'));
    assert.match(problems, /NO SIGNATURE +.*T030030Z\.json\.gz\n +No signature: .*cannot be verified offline/);
    assert.match(problems, /MISSING +trail-bucket\/AWSLogs\/.*Log11/);
    assert.match(problems, /ALTERED +AWSLogs\/.*Log00/);
    assert.equal((problems.match(/DIGEST NOT VERIFIED/g) ?? []).length, 2, 'each log of the unsigned digest has its own line');
    assert.match(text, /Not yet covered by a digest\n +NOT YET COVERED +AWSLogs\/.*Later/);
    assert.match(text, /came without a validity window/);
    assert.match(text, /^Verdict: +FAILED/m);
    assert.equal(integrityHeadline(report), 'Trail log integrity: FAILED — 2 of 6 log files verified; 1 altered, 1 missing, 2 unverified, 1 not yet covered, 1 digest not verified.');
  });
});
