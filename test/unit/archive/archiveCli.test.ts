import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveQueryCommand } from '../../../src/cli/archiveQuery';
import { validateDigestsCommand } from '../../../src/cli/validateDigestsCommand';
import { writeChain } from './digestChain';
import { FIXTURES, tempDir } from './helpers';

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
    const code = await archiveQueryCommand([join(FIXTURES, 'nested'), '--region', 'eu-west-1', '--filter', 'EventSource=*.amazonaws.com'], c.out, c.err);
    assert.equal(code, 0);
    const events = c.lines.map((l) => JSON.parse(l) as { region: string; time: string });
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => e.region === 'eu-west-1'));
    const summary = JSON.parse(c.errors.at(-1)!) as { files: number; filesOpened: number };
    assert.ok(summary.filesOpened < summary.files, 'other regions were not opened');
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
      assert.ok(bad.lines.some((l) => l.startsWith('log altered') && l.includes(chain.logPaths[2])), bad.lines.join('\n'));
    } finally {
      tmp.cleanup();
    }
  });
});
