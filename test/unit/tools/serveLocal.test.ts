import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseServeLocalArgs } from '../../../tools/local-cloudtrail/main';
import { allPages, client, expectedIds, ids, SAMPLE } from './toolsTestSupport';

const OUT = join(__dirname, '../../..');

/** Starts a CLI process and resolves with the URL it prints first (or its exit, if it fails). */
function startCli(script: string, args: readonly string[]): Promise<{ child: ChildProcessWithoutNullStreams; url?: string; stderr: () => string; exit: Promise<number> }> {
  const child = spawn(process.execPath, [join(OUT, script), ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => { resolve(code ?? -1); }));
  return new Promise((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = /^(http:\/\/\S+)\n/.exec(stdout);
      if (line) resolve({ child, url: line[1], stderr: () => stderr, exit });
    });
    void exit.then(() => { resolve({ child, stderr: () => stderr, exit }); });
  });
}

describe('serve-local', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'serve-local-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses its arguments and explains bad ones', () => {
    assert.deepEqual(parseServeLocalArgs(['--records', 'a.json', 'b.json.gz', '--port', '4566', '--rps', '0']), {
      files: ['a.json', 'b.json.gz'],
      sample: false,
      seed: 1,
      port: 4566,
      rps: 0,
      delayMs: 0,
      emptyPagesEvery: 0,
      throttleEveryOther: false,
      faults: {},
    });
    assert.deepEqual(parseServeLocalArgs(['--sample', '--hang', '--error-every', '3', '--token-loop', '--bad-time-ids', 'a,b']).faults, { hang: true, serverErrorEvery: 3, tokenLoop: true, badTimeIds: ['a', 'b'] });
    const sample = parseServeLocalArgs(['--sample', '--seed', '9', '--background', '100', '--throttle-every-other', '--empty-pages-every', '3', '--delay', '20']);
    assert.deepEqual([sample.sample, sample.seed, sample.background, sample.throttleEveryOther, sample.emptyPagesEvery, sample.delayMs, sample.rps], [true, 9, 100, true, 3, 20, 2]);
    assert.throws(() => parseServeLocalArgs([]), /either --records FILE… or --sample/);
    assert.throws(() => parseServeLocalArgs(['--sample', '--records', 'x.json']), /either/);
    assert.throws(() => parseServeLocalArgs(['--records']), /at least one file/);
    assert.throws(() => parseServeLocalArgs(['--sample', '--port', '70000']), /at most 65535/);
    assert.throws(() => parseServeLocalArgs(['--sample', '--rps', 'fast']), /--rps needs an integer/);
    assert.throws(() => parseServeLocalArgs(['--sample', '--host', '0.0.0.0']), /unknown argument --host/);
    assert.deepEqual(parseServeLocalArgs(['--sample', '--region-fault', 'eu-west-1:500:2', '--region-fault', 'us-west-2:drop:0']).faults, {
      regionFaults: { 'eu-west-1': { kind: 'serverError', afterPages: 2 }, 'us-west-2': { kind: 'dropBody', afterPages: 0 } },
    });
    assert.throws(() => parseServeLocalArgs(['--sample', '--region-fault', 'eu-west-1']), /--region-fault needs REGION:500:PAGES or REGION:drop:PAGES, not eu-west-1/);
  });

  it('serves records from a trail file and a gzipped JSON-lines file through the tools entry (npm run serve-local) until SIGINT', async () => {
    const { records } = SAMPLE;
    const half = Math.floor(records.length / 2);
    const trail = join(dir, 'trail.json');
    const lines = join(dir, 'more.jsonl.gz');
    writeFileSync(trail, JSON.stringify({ Records: records.slice(0, half) }));
    writeFileSync(lines, gzipSync(records.slice(half).map((r) => JSON.stringify(r)).join('\n') + '\n{not json\n'));
    const run = await startCli('tools/local-cloudtrail/run.js', ['--records', trail, lines, '--port', '0', '--rps', '0']);
    assert.ok(run.url, `no URL printed: ${run.stderr()}`);
    assert.match(run.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const got = ids(await allPages(client(run.url, 'eu-west-1'), {}));
    assert.deepEqual(got, expectedIds(records, 'eu-west-1'));
    run.child.kill('SIGINT');
    assert.equal(await run.exit, 0);
    assert.match(run.stderr(), /more\.jsonl\.gz: 1 problem/);
    assert.match(run.stderr(), /served \d+ requests/);
  });

  it('fails with a message naming a file it cannot read', async () => {
    const run = await startCli('tools/local-cloudtrail/run.js', ['--records', join(dir, 'missing.json')]);
    assert.equal(run.url, undefined);
    assert.equal(await run.exit, 1);
    assert.match(run.stderr(), /missing\.json/);
  });
});
