import * as assert from 'node:assert/strict';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveQueryCommand } from '../../../src/cli/archiveQuery';
import { validateDigestsCommand } from '../../../src/cli/validateDigestsCommand';
import { writeChain } from './digestChain';
import { gzipSync } from 'node:zlib';
import { FIXTURES, makeRecord, tempDir } from './helpers';

function capture(): { lines: string[]; errors: string[]; out: { write(line: string): Promise<void> }; err: (line: string) => void } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: {
      write(line) {
        lines.push(line);
        return Promise.resolve();
      },
    },
    err: (line) => errors.push(line),
  };
}

describe('cli archive-query and validate-digests', () => {
  it('archive-query prints matching events newest first and a summary with the files it opened', async () => {
    const c = capture();
    const code = await archiveQueryCommand([join(FIXTURES, 'nested'), '--no-store', '--region', 'eu-west-1', '--filter', 'EventSource=*.amazonaws.com'], c.out, c.err);
    assert.equal(code, 0);
    const events = c.lines.map((l) => JSON.parse(l) as { region: string; time: string });
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => e.region === 'eu-west-1'));
    const summary = JSON.parse(c.errors.at(-1)!) as { files: number; filesOpened: number };
    assert.ok(summary.filesOpened < summary.files, 'other regions were not opened');
  });

  it('archive-query prints the good events of a damaged folder and says what is missing and why', async () => {
    const tmp = tempDir();
    try {
      const records = Array.from({ length: 40 }, (_, i) => makeRecord({ id: `r-${i}`, time: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z` }));
      const gz = gzipSync(JSON.stringify({ Records: records }));
      tmp.write('logs/cut.json.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
      tmp.write('logs/empty.json.gz', '');
      tmp.write('logs/ok.json', JSON.stringify({ Records: [makeRecord({ id: 'ok-1', time: '2024-01-02T00:00:00Z' }), makeRecord({ id: 'bad', time: '2023-02-30T00:00:00Z' })] }));
      const c = capture();
      assert.equal(await archiveQueryCommand([join(tmp.dir, 'logs')], c.out, c.err), 0);
      const ids = c.lines.map((l) => (JSON.parse(l) as { id: string }).id);
      assert.ok(ids.includes('ok-1') && ids.includes('r-0') && ids.length > 3, ids.join(','));
      const text = c.errors.join('\n');
      assert.match(text, /problem: .*cut\.json\.gz: File is a damaged or truncated gzip file \(unexpected end of file\); records after the damage are missing \(\d+ events before the damage were kept\)/);
      assert.match(text, /problem: .*empty\.json\.gz: File is empty \(0 bytes\)/);
      assert.match(text, /partial: 1 record could not be read and is not shown\./);
      const summary = JSON.parse(c.errors.at(-1) ?? '{}') as { partial: boolean; badRecords: number; problems: number };
      assert.deepEqual({ partial: summary.partial, badRecords: summary.badRecords, problems: summary.problems }, { partial: true, badRecords: 1, problems: 3 });
    } finally {
      tmp.cleanup();
    }
  });

  it('archive-query keeps its index in the store: a second call over the same folder reads no file', async () => {
    const tmp = tempDir();
    try {
      const store = join(tmp.dir, 'store.sqlite');
      const logs = join(tmp.dir, 'logs');
      const file = tmp.write('logs/a.json', JSON.stringify({ Records: [makeRecord({ id: 'e1', time: '2024-05-01T00:00:00Z', name: 'DeleteDBInstance' }), makeRecord({ id: 'e2', time: '2024-05-02T00:00:00Z' })] }));
      const first = capture();
      assert.equal(await archiveQueryCommand([logs, '--store', store, '--all', '--filter', 'EventName=DeleteDBInstance'], first.out, first.err), 0);
      assert.deepEqual(first.lines.map((l) => (JSON.parse(l) as { id: string }).id), ['e1']);
      assert.equal((JSON.parse(first.errors.at(-1)!) as { filesOpened: number }).filesOpened, 1);
      // Same size and mtime, other bytes: a call that read the file again would answer differently.
      const { size, mtime } = statSync(file);
      writeFileSync(file, 'x'.repeat(size));
      utimesSync(file, mtime, mtime);
      const second = capture();
      assert.equal(await archiveQueryCommand([logs, '--store', store, '--all', '--filter', 'EventName=DeleteDBInstance'], second.out, second.err), 0);
      assert.deepEqual(second.lines, first.lines, second.errors.join('\n'));
      const summary = JSON.parse(second.errors.at(-1)!) as { filesOpened: number; problems: number };
      assert.equal(summary.filesOpened, 0);
      assert.equal(summary.problems, 0);
    } finally {
      tmp.cleanup();
    }
  });

  it('archive-query rejects an unknown filter key with usage', async () => {
    const c = capture();
    assert.equal(await archiveQueryCommand([FIXTURES, '--filter', 'Principal=x'], c.out, c.err), 2);
    assert.match(c.errors.join('\n'), /eight lookup attributes/);
  });

  it('validate-digests exits 0 on an intact chain and 1 with the altered file named', async () => {
    const tmp = tempDir();
    try {
      const chain = writeChain(tmp, 2);
      const keys = tmp.write('keys.json', JSON.stringify({ PublicKeyList: [{ Value: chain.publicDer.toString('base64') }] }));
      const ok = capture();
      assert.equal(await validateDigestsCommand([join(tmp.dir, 'AWSLogs'), '--keys', keys], ok.out, ok.err), 0, ok.lines.join('\n'));
      writeFileSync(chain.logPaths[2], 'tampered');
      const bad = capture();
      assert.equal(await validateDigestsCommand([join(tmp.dir, 'AWSLogs'), '--keys', keys], bad.out, bad.err), 1);
      assert.ok(bad.lines.some((l) => l.startsWith('log hashMismatch') && l.includes(chain.logPaths[2])), bad.lines.join('\n'));
    } finally {
      tmp.cleanup();
    }
  });
});
