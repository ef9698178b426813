import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveTerraformBinary, runTerraformJson } from '../../../src/terraform/terraformRunner';
import { FIXTURE_SECRETS, assertNoSecrets } from '../../support/secrets';
import { alive, waitUntil } from '../../support/processes';

// A stand-in for terraform: records its arguments and environment, then behaves as FAKE_TF_MODE says.
const FAKE = `#!${process.execPath}
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const dir = __dirname;
fs.writeFileSync(dir + '/argv.json', JSON.stringify({ argv: process.argv.slice(2), tfInput: process.env.TF_INPUT, cwd: process.cwd() }));
const mode = process.env.FAKE_TF_MODE;
if (mode === 'ok') process.stdout.write(JSON.stringify({ version: 4, lineage: 'l', resources: [] }));
else if (mode === 'garbage') process.stdout.write('not json');
else if (mode === 'fail') { process.stderr.write('Error: ' + process.env.FAKE_SECRET + '\\n'); process.exit(1); }
else if (mode === 'hang') {
  const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
  fs.writeFileSync(dir + '/helper.pid', String(helper.pid));
  setInterval(() => {}, 1000);
}
`;

describe('terraform/terraformRunner', function () {
  this.timeout(20_000);
  let root: string;
  let tools: string;
  let workspace: string;
  const logged: string[] = [];

  const fake = (dir: string): string => {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'terraform');
    writeFileSync(file, FAKE);
    chmodSync(file, 0o755);
    return file;
  };
  const env = (mode: string, pathValue: string): NodeJS.ProcessEnv => ({ PATH: pathValue, FAKE_TF_MODE: mode, FAKE_SECRET: FIXTURE_SECRETS[6] });
  const run = (mode: string, extra: Partial<Parameters<typeof runTerraformJson>[0]> = {}): ReturnType<typeof runTerraformJson> =>
    runTerraformJson({ cwd: workspace, workspaceFolders: [workspace], env: env(mode, tools), log: (m) => logged.push(m), ...extra });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ct-tfrun-'));
    tools = path.join(root, 'tools');
    workspace = path.join(root, 'workspace');
    fake(tools);
    mkdirSync(workspace);
    logged.length = 0;
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('never picks a terraform inside a workspace folder, nor from a relative PATH entry', async () => {
    const planted = fake(path.join(workspace, 'bin'));
    const pathValue = ['.', '', path.join(workspace, 'bin'), tools].join(path.delimiter);
    const resolved = await resolveTerraformBinary({ PATH: pathValue }, [workspace]);
    assert.deepEqual(resolved, { ok: true, binary: path.join(tools, 'terraform') });
    const only = await resolveTerraformBinary({ PATH: path.join(workspace, 'bin') }, [workspace]);
    assert.ok(!only.ok && only.refused.includes(planted) && only.reason.includes('inside the workspace'));
    // A PATH directory outside whose terraform is a symlink into the workspace.
    const linkDir = path.join(root, 'links');
    mkdirSync(linkDir);
    symlinkSync(planted, path.join(linkDir, 'terraform'));
    assert.equal((await resolveTerraformBinary({ PATH: linkDir }, [workspace])).ok, false);
    assert.deepEqual(await resolveTerraformBinary({ PATH: path.join(root, 'none') }, [workspace]), { ok: false, reason: 'terraform is not on PATH', refused: [] });
  });

  it('runs terraform state pull in the module, without input, and parses the state', async () => {
    const result = await run('ok');
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.json, { version: 4, lineage: 'l', resources: [] });
    const seen = JSON.parse(readFileSync(path.join(tools, 'argv.json'), 'utf8')) as { argv: string[]; tfInput: string; cwd: string };
    assert.deepEqual(seen.argv, ['state', 'pull']);
    assert.equal(seen.tfInput, '0');
    assert.equal(seen.cwd, workspace);
    assert.ok(logged.some((l) => l.startsWith(`terraform: running ${path.join(tools, 'terraform')} state pull in ${workspace}`)));
    assert.ok((await run('ok', { command: 'showJson' })).ok);
    assert.deepEqual((JSON.parse(readFileSync(path.join(tools, 'argv.json'), 'utf8')) as { argv: string[] }).argv, ['show', '-json', '-no-color']);
  });

  it('stops at the timeout and kills the whole process group', async () => {
    const result = await run('hang', { timeoutMs: 800 });
    assert.ok(!result.ok && result.timedOut === true && result.reason.includes('did not finish within'), JSON.stringify(result));
    const helper = Number(readFileSync(path.join(tools, 'helper.pid'), 'utf8'));
    assert.ok(await waitUntil(() => !alive(helper), 5_000), 'the helper terraform started is gone too');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const pending = run('hang', { signal: controller.signal, timeoutMs: 15_000 });
    assert.ok(await waitUntil(() => existsSync(path.join(tools, 'helper.pid')), 5_000));
    controller.abort();
    const result = await pending;
    assert.ok(!result.ok && result.cancelled === true);
    assert.ok(await waitUntil(() => !alive(Number(readFileSync(path.join(tools, 'helper.pid'), 'utf8'))), 5_000));
    const early = new AbortController();
    early.abort();
    assert.deepEqual(await run('ok', { signal: early.signal }), { ok: false, reason: 'cancelled', cancelled: true });
  });

  it('summarises a failure and never repeats what terraform printed', async () => {
    const failed = await run('fail');
    assert.deepEqual(failed, { ok: false, reason: 'terraform state pull failed with exit 1' });
    assertNoSecrets(JSON.stringify(failed) + logged.join('\n'), FIXTURE_SECRETS, 'the result and the log');
    assert.deepEqual(await run('garbage'), { ok: false, reason: 'terraform printed something that is not JSON' });
  });
});
