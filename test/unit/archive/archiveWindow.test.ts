import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanArchive } from '../../../src/archive/scanArchive';
import { archiveShortLabel, archiveWindow } from '../../../src/archive/archiveWindow';
import { createArchiveEventSource } from '../../../src/archive/archiveEventSource';
import { FIXTURES, everything, makeRecord, tempDir } from './helpers';

const NOW = Date.UTC(2026, 10, 21);

describe('archive/archiveWindow', () => {
  it('covers every event of the nested fixture, years before "the last 24 hours"', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'nested')]);
    const window = archiveWindow(source.files, NOW);
    assert.equal(window.label, 'trail logs 2014-07-18 → 2023-03-01');
    assert.equal(window.end, Date.UTC(2023, 2, 1, 21, 50, 59, 999), 'the whole last delivery minute');
    const inWindow = await source.query(everything({ start: window.start, end: window.end }));
    const all = await source.query(everything());
    assert.equal(inWindow.events.length, all.events.length, 'no event of the files falls outside the default window');
    // The first file's records predate its delivery by months: a window from the first delivery would lose them.
    const firstDelivery = Math.min(...source.files.map((f) => f.info.deliveredAt ?? Infinity));
    const fromDelivery = await source.query(everything({ start: firstDelivery, end: window.end }));
    assert.ok(fromDelivery.events.length < all.events.length);
  });

  it('keeps the records of the last delivery minute (file names give the minute, records carry seconds)', async () => {
    const tmp = tempDir();
    try {
      const records = [makeRecord({ id: 'early', time: '2026-11-20T02:58:10Z' }), makeRecord({ id: 'same-minute', time: '2026-11-20T03:00:40Z' })];
      tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T0300Z_abcdefghijklmnop.json.gz', JSON.stringify({ Records: records }), true);
      const source = await createArchiveEventSource([tmp.dir]);
      const window = archiveWindow(source.files, NOW);
      const shown = await source.query(everything({ start: window.start, end: window.end }));
      assert.deepEqual(shown.events.map((e) => e.id).sort(), ['early', 'same-minute']);
    } finally {
      tmp.cleanup();
    }
  });

  it('runs to now when some file (an export) has no time in its name', async () => {
    const scan = await scanArchive([join(FIXTURES, 'flat')]);
    const window = archiveWindow(scan.files, NOW);
    assert.equal(window.end, NOW);
    assert.match(window.label, /\+ exports$/);
    const exports = await scanArchive([join(FIXTURES, 'exports')]);
    assert.deepEqual(archiveWindow(exports.files, NOW), { start: 0, end: NOW, label: 'all trail logs' });
  });

  it('names a folder with a slash and a file without, with the file count', () => {
    assert.equal(archiveShortLabel(['/home/me/logs/'], 1204), 'logs/ (1,204 files)');
    assert.equal(archiveShortLabel(['C:\\trails\\prod'], 1), 'prod/ (1 file)');
    assert.equal(archiveShortLabel(['/tmp/export.csv'], 1), 'export.csv (1 file)');
    assert.equal(archiveShortLabel(['/a', '/b'], 3), '2 paths (3 files)');
  });
});
