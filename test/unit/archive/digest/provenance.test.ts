import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createArchiveEventSource } from '../../../../src/archive/archiveEventSource';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { validateArchiveSource } from '../../../../src/archive/digest/validateArchive';
import { isVerifiedEvent, provenanceLine } from '../../../../src/core/provenance';
import { writeChain } from '../digestChain';
import { everything, tempDir } from '../helpers';

describe('archive provenance: every archive event knows its file, record and integrity', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('events carry their file key and record index; after validation, their file’s status and digest', async () => {
    const chain = writeChain(tmp, 2, undefined, { records: 3 });
    // An altered file and a forged file after the newest digest.
    writeFileSync(chain.logPaths[1], gzipSync(JSON.stringify({ Records: [{ eventVersion: '1.08', eventID: 'forged-1', eventTime: '2024-01-01T00:39:00Z', eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1' }] })));
    tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0310Z_Later00000000000.json.gz', JSON.stringify({ Records: [{ eventVersion: '1.08', eventID: 'later-1', eventTime: '2024-01-01T03:05:00Z', eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1' }] }), true);
    const source = await createArchiveEventSource([join(tmp.dir, 'AWSLogs')]);
    const before = await source.query(everything());
    const e = before.events.find((x) => x.id === 'e-1-0-2')!;
    assert.deepEqual(e.origin, { file: chain.logPaths[2], key: chain.logPaths[2].slice(tmp.dir.length + 1), recordIndex: 2 });
    assert.match(provenanceLine(source.provenanceOf(e)!), /, record 2 — integrity not checked$/);

    const report = await validateArchiveSource(source, { keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys });
    assert.equal(report.verdict, 'failed');
    const after = await source.query(everything());
    const line = (id: string): string => provenanceLine(source.provenanceOf(after.events.find((x) => x.id === id)!)!);
    assert.match(line('e-1-0-2'), /^From AWSLogs\/111122223333\/CloudTrail\/us-east-1\/2024\/01\/01\/111122223333_CloudTrail_us-east-1_20240101T0120Z_Log10000000000000\.json\.gz, record 2 — verified by digest …T0200Z$/);
    assert.match(line('forged-1'), /record 0 — ALTERED/);
    assert.match(line('later-1'), /not yet covered: Delivered after the newest digest/);
    const verifiedOnly = after.events.filter(isVerifiedEvent(source.integrity()));
    assert.equal(verifiedOnly.length, 9, 'three files of three records are verified');
    assert.ok(!verifiedOnly.some((x) => x.id === 'forged-1' || x.id === 'later-1'));
  });
});
