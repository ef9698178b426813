import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createArchiveEventSource } from '../../../../src/archive/archiveEventSource';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { validateArchiveSource } from '../../../../src/archive/digest/validateArchive';
import { planEvidence } from '../../../../src/archive/evidence/planEvidence';
import { writeEvidenceFolder } from '../../../../src/archive/evidence/writeEvidence';
import { writeChain } from '../digestChain';
import { everything, tempDir } from '../helpers';
import { verifyBundle } from './independentVerifier';

/** Every file of a folder, by `/`-separated relative path. */
export function readFolder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) files.set(relative(dir, join(e.parentPath, e.name)).split(sep).join('/'), readFileSync(join(e.parentPath, e.name)));
  }
  return files;
}

describe('archive/evidence bundle, re-verified by an independent implementation of AWS’s procedure', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  async function exportAll(mutate?: (chain: ReturnType<typeof writeChain>) => void, select?: (id: string) => boolean) {
    const chain = writeChain(tmp, 3, undefined, { records: 2 });
    mutate?.(chain);
    const source = await createArchiveEventSource([join(tmp.dir, 'AWSLogs')]);
    const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer), ValidityStartTime: new Date('2023-12-01T00:00:00Z'), ValidityEndTime: new Date('2024-02-01T00:00:00Z') }]).keys;
    const report = await validateArchiveSource(source, { keys });
    const events = (await source.query(everything())).events.filter((e) => select?.(e.id) ?? true);
    const plan = planEvidence({ events, report, keys, title: 'test result set', context: { where: tmp.dir, keysFrom: 'test', keys, keyProblems: [], generatedAt: Date.UTC(2024, 5, 1) } });
    const out = join(tmp.dir, 'bundle');
    await writeEvidenceFolder(plan, out);
    return { chain, plan, out, trusted: [{ der: chain.publicDer, from: Date.UTC(2023, 11, 1), to: Date.UTC(2024, 1, 1) }] };
  }

  it('holds the events, their log files, the digests and signatures needed, the key, the report and a manifest', async () => {
    const { out, plan, chain } = await exportAll(undefined, (id) => id.startsWith('e-0-0'));
    const files = readFolder(out);
    const digestName = (i: number): string => chain.digestPaths[i].slice(join(tmp.dir, '/').length);
    assert.deepEqual(
      [...files.keys()].sort(),
      [
        'README.txt',
        'SHA256SUMS',
        chain.logPaths[0].slice(join(tmp.dir, '/').length),
        digestName(0),
        digestName(1),
        digestName(2),
        `${digestName(2)}.metadata.json`,
        'events.json',
        'public-keys.json',
        `public-keys/${chain.fingerprint}.pem`,
        'report.txt',
      ].sort(),
      'digest 0 lists the file; digests 1 and 2 carry the signatures; only the newest has its own',
    );
    assert.deepEqual(plan.counts, { events: 2, verifiedEvents: 2, logFiles: 1, digests: 3, keys: 1 });
    const events = JSON.parse(files.get('events.json')!.toString('utf8')) as { events: { eventID: string; recordIndex: number; integrity: string; record: { eventID: string } }[] };
    assert.deepEqual(events.events.map((e) => [e.eventID, e.recordIndex, e.integrity, e.record.eventID]).sort(), [['e-0-0', 0, 'verified', 'e-0-0'], ['e-0-0-1', 1, 'verified', 'e-0-0-1']]);
    const readme = files.get('README.txt')!.toString('utf8');
    for (const step of [/sha256sum -c SHA256SUMS/, /aws cloudtrail list-public-keys/, /openssl dgst -sha256 -verify/, /previousDigestSignature/, /Do not trust public-keys\.json/]) assert.match(readme, step);
    assert.match(files.get('report.txt')!.toString('utf8'), /^Verdict: +VERIFIED/m);
  });

  it('an independent check (node:crypto, no project code) verifies exactly the events the bundle marks verified', async () => {
    const { out, trusted } = await exportAll((chain) => {
      // One altered log and one forged file after the newest digest: both exported, neither verified.
      const path = chain.logPaths[4];
      const json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as { Records: { eventName: string }[] };
      json.Records[0].eventName = 'DeleteTrail';
      writeFileSync(path, gzipSync(JSON.stringify(json)));
      tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0410Z_Later00000000000.json.gz', JSON.stringify({ Records: [{ eventVersion: '1.08', eventID: 'later', eventTime: '2024-01-01T04:05:00Z', eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1' }] }), true);
    });
    const files = readFolder(out);
    const result = verifyBundle(files, trusted);
    const marked = (JSON.parse(files.get('events.json')!.toString('utf8')) as { events: { eventID: string; integrity: string }[] }).events;
    assert.deepEqual(result.verifiedEvents, marked.filter((e) => e.integrity === 'verified').map((e) => e.eventID).sort());
    assert.equal(result.verifiedEvents.length, 10, '5 intact files of 2 records');
    assert.deepEqual(marked.filter((e) => e.integrity !== 'verified').map((e) => [e.eventID, e.integrity]).sort(), [['e-2-0', 'altered'], ['e-2-0-1', 'altered'], ['later', 'notYetCovered']]);
    assert.deepEqual(result.problems, [`log hash: AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/${readdirSync(join(out, 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01')).find((n) => n.includes('Log20'))!}`], 'the independent check finds the altered file too');
  });

  it('the independent check rejects a bundle changed after export, even with its manifest rewritten', async () => {
    const { out, trusted } = await exportAll(undefined, (id) => id === 'e-1-1');
    const files = readFolder(out);
    assert.deepEqual(verifyBundle(files, trusted).problems, []);
    const log = [...files.keys()].find((p) => p.includes('Log11'))!;
    const forged = JSON.parse(gunzipSync(files.get(log)!).toString('utf8')) as { Records: { userIdentity: { userName: string } }[] };
    forged.Records[0].userIdentity.userName = 'mallory';
    files.set(log, gzipSync(JSON.stringify(forged)));
    assert.ok(verifyBundle(files, trusted).problems.includes(`manifest mismatch: ${log}`));
    const { createHash } = await import('node:crypto');
    files.set('SHA256SUMS', Buffer.from(files.get('SHA256SUMS')!.toString('utf8').replace(/^[0-9a-f]{64}(?= {2}.*Log11)/m, createHash('sha256').update(files.get(log)!).digest('hex'))));
    const result = verifyBundle(files, trusted);
    assert.deepEqual(result.problems, [`log hash: ${log}`]);
    assert.deepEqual(result.verifiedEvents, []);
    assert.ok(verifyBundle(readFolder(out), []).problems.some((p) => p.startsWith('digest not verifiable')), 'without a trusted key nothing verifies');
  });

  it('refuses to write into a folder that is not empty', async () => {
    const { plan, out } = await exportAll(undefined, (id) => id === 'e-0-0');
    await assert.rejects(writeEvidenceFolder(plan, out), /is not empty/);
    await assert.rejects(writeEvidenceFolder({ ...plan, entries: [{ path: '../escape.txt', source: { kind: 'text', text: 'x' } }] }, join(tmp.dir, 'b2')), /not a plain path inside the bundle/);
  });
});
