import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../src/archive/digest/publicKeys';
import { validateDigests } from '../../../src/archive/digest/validateDigests';
import { countIntegrity, formatIntegrityReport, integrityHeadline } from '../../../src/commands/integrityReportText';
import { writeChain } from '../archive/digestChain';
import { tempDir } from '../archive/helpers';

const context = { where: '/trails', keysFrom: 'keys file keys.json', keyCount: 1, keyProblems: [], generatedAt: Date.UTC(2026, 10, 21) };

describe('commands/integrityReportText', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('says VALID only for an intact chain, and lists every file with its status', async () => {
    const chain = writeChain(tmp, 2);
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys });
    const text = formatIntegrityReport(report, context);
    assert.match(text, /^Result: +VALID/m);
    assert.equal(integrityHeadline(report), 'Trail log integrity: valid — 2 digests and 4 log files verified.');
    for (const path of [...chain.digestPaths, ...chain.logPaths]) assert.ok(text.includes(path), `${path} is listed`);
  });

  it('counts an altered, a missing and an unlisted log file, and a chain break, in the text and the headline', async () => {
    const chain = writeChain(tmp, 3, (i, digest) => {
      if (i === 2) digest.previousDigestHashValue = '0'.repeat(64);
    });
    writeFileSync(chain.logPaths[0], gzipSync(JSON.stringify({ Records: [{ eventID: 'forged' }] })));
    rmSync(chain.logPaths[3]);
    const stray = tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0150Z_Stray000000000000.json.gz', '{"Records":[]}', true);
    const logs = [...chain.logPaths.filter((p) => p !== chain.logPaths[3]), stray];
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: logs, keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys });
    const c = countIntegrity(report);
    assert.deepEqual([c.validDigests, c.validLogs, c.altered, c.missing, c.notCovered, c.chainIssues], [3, 4, 1, 1, 1, 1]);
    const text = formatIntegrityReport(report, context);
    assert.match(text, /^Result: +NOT VERIFIED/m);
    assert.match(text, /Log files +6 +valid 4 · altered 1 · missing 1 · unreadable 0/);
    assert.match(text, new RegExp(`ALTERED +${chain.logPaths[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const logSection = text.slice(text.indexOf('Log files listed by the digests'));
    assert.ok(logSection.indexOf('ALTERED') < logSection.indexOf('VALID   '), 'problems come before valid files');
    assert.match(integrityHeadline(report), /NOT verified — 1 altered, 1 missing, 1 not covered by a digest, 1 chain issue\.$/);
  });
});
