// tools/vscode/prerequisites.mjs, run for real with a PATH that holds only what each case provides:
// it names every missing Debian package in one apt-get line and fails, or passes when all are there.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const script = path.join(root, 'tools', 'vscode', 'prerequisites.mjs');

describe('prerequisites (tools/vscode/prerequisites.mjs)', () => {
  let tmp = '';
  let bin = '';
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cti-prereq-'));
    bin = path.join(tmp, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
  });
  afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

  /** Puts do-nothing executables named `names` on the case's PATH. */
  function provide(...names: string[]): void {
    for (const name of names) {
      const file = path.join(bin, name);
      writeFileSync(file, '#!/bin/sh\nexit 0\n');
      chmodSync(file, 0o755);
    }
  }

  function run(...args: string[]): { code: number | null; output: string } {
    const chromium = path.join(tmp, 'chromium');
    const result = spawnSync(process.execPath, [script, '--check', ...args], {
      encoding: 'utf8',
      env: { PATH: bin, CHROMIUM_PATH: chromium, HOME: tmp },
    });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('names every missing package of npm test in the one apt-get line to run, and fails', () => {
    const result = run('test');
    assert.equal(result.code, 1, result.output);
    const lines = result.output.split('\n').filter((l) => l.includes('apt-get install'));
    assert.equal(lines.length, 1, result.output);
    const packages = lines[0].trim().replace(/^sudo apt-get install -y --no-install-recommends /, '').split(' ');
    for (const pkg of ['ripgrep', 'make', 'g++', 'python3', 'pkg-config', 'chromium', 'awscli']) assert.ok(packages.includes(pkg), `${pkg} in ${lines[0]}`);
    assert.ok(!packages.includes('stress-ng'), 'stress-ng is only for the soak');
  });

  it('asks only for what an entry point needs: the unit tier wants the AWS CLI, the soak stress-ng', () => {
    provide('rg', 'make', 'g++', 'python3', 'pkg-config', 'krb5-config');
    assert.match(run('unit').output, /install -y --no-install-recommends awscli\n/);
    assert.match(run('soak').output, /install -y --no-install-recommends chromium stress-ng\n/);
  });

  it('passes when every package is there', () => {
    provide('rg', 'aws', 'make', 'g++', 'python3', 'pkg-config', 'krb5-config', 'stress-ng');
    writeFileSync(path.join(tmp, 'chromium'), '');
    const result = run('test', 'demo', 'soak');
    assert.equal(result.code, 0, result.output);
  });

  it('rejects an unknown entry point', () => {
    assert.equal(run('nonsense').code, 2);
  });
});
