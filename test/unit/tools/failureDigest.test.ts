// The end of `npm test` names what failed: the digest is read from a real mocha run's output.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { failureDigest, failureHeadlines, TextTail } from '../../../tools/vscode/failureDigest';

const root = path.resolve(__dirname, '../../../..');
const mochaBin = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

describe('failure digest of a tier', function () {
  this.timeout(60_000);
  let tmp = '';
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'cti-digest-')); });
  afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

  function runMocha(source: string): string {
    writeFileSync(path.join(tmp, 'x.test.js'), source);
    const r = spawnSync(process.execPath, [mochaBin, '--no-config', '--reporter', 'spec', path.join(tmp, 'x.test.js')], { encoding: 'utf8' });
    return `${'noise line\n'.repeat(500)}${r.stdout}${r.stderr}`;
  }

  it('names each failing test with its first error line, after any amount of passing output', () => {
    const output = runMocha(`
      const assert = require('node:assert/strict');
      describe('archives', () => {
        it('keeps good records', () => {});
        describe('truncated gzip', () => { it('keeps 41 of 100', () => { assert.equal(40, 41); }); });
      });
      describe('lookups', () => { it('pages to the end', () => { throw new Error('third page never came'); }); });
    `);
    const digest = failureDigest(output);
    assert.match(digest, /^\s*2 failing/);
    assert.doesNotMatch(digest, /noise line/);
    const headlines = failureHeadlines(digest);
    assert.equal(headlines.length, 2);
    assert.match(headlines[0] ?? '', /^1\) archives › truncated gzip › keeps 41 of 100: AssertionError/);
    assert.match(headlines[1] ?? '', /^2\) lookups › pages to the end: Error: third page never came/);
  });

  it('falls back to the last lines when the run failed without a failure list', () => {
    const digest = failureDigest('a\nb\nfloor: unit ran 12 tests, floor is 1496\n\n', 120, 1);
    assert.equal(digest, 'floor: unit ran 12 tests, floor is 1496');
    assert.deepEqual(failureHeadlines(digest), []);
  });

  it('keeps only the tail of a long stream', () => {
    const tail = new TextTail(10);
    for (let i = 0; i < 100; i++) tail.append(`${String(i)},`);
    assert.equal(tail.toString(), '96,97,98,99,'.slice(-10));
  });
});
