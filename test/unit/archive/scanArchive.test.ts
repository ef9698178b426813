import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { scanArchive } from '../../../src/archive/scanArchive';
import { makeRecord, useTempDir } from './helpers';

describe('archive/scanArchive: the files of an opened folder', () => {
  const temp = useTempDir();

  it('lists a folder of many files in sorted order with stable ids, and names an entry it cannot read', async () => {
    const day = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01';
    // More files than are looked at in one batch, written out of order.
    const minutes = Array.from({ length: 150 }, (_, i) => String(149 - i).padStart(4, '0'));
    for (const m of minutes) {
      temp().write(`${day}/111122223333_CloudTrail_us-east-1_20240101T${m}Z_abcdefghijklmnop.json.gz`, JSON.stringify({ Records: [makeRecord({ id: m, time: '2024-01-01T00:00:00Z' })] }), true);
    }
    // A link to nothing among them: its stat fails.
    const broken = join(temp().dir, day, '111122223333_CloudTrail_us-east-1_20240101T0075Z_brokenlinkxxxxxx.json.gz');
    symlinkSync(join(temp().dir, 'nowhere.json.gz'), broken);
    const scan = await scanArchive([temp().dir]);
    assert.equal(scan.files.length, 150);
    assert.deepEqual(scan.files.map((f) => f.id), scan.files.map((_, i) => i), 'ids follow the listing');
    const names = scan.files.map((f) => f.path);
    assert.deepEqual(names, [...names].sort(), 'sorted, whatever order the stat calls finished in');
    assert.deepEqual(scan.problems.map((p) => [p.path, p.message.startsWith('Cannot read: ')]), [[broken, true]]);
  });
});
