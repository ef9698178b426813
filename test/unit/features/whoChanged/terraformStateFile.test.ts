import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findTerraformState, type TerraformStateOptions } from '../../../../src/features/whoChanged/terraformStateFile';

const STATE = { version: 4, resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'logs', instances: [{ attributes: { arn: 'arn:aws:s3:::logs-prod', id: 'logs-prod' } }] }] };
const REMOTE_POINTER = { version: 3, backend: { type: 's3', config: { bucket: 'b', endpoints: { s3: 'http://127.0.0.1:9/s3' } }, hash: 1 } };

// A stand-in terraform that leaves a marker when it runs, then prints the state (`state pull`).
const FAKE = `#!${process.execPath}
require('node:fs').writeFileSync(process.env.RAN_MARKER, JSON.stringify(process.argv.slice(2)));
process.stdout.write(${JSON.stringify(JSON.stringify(STATE))});
`;

describe('whoChanged/terraformStateFile: local state first, terraform only when trusted and opted in', function () {
  this.timeout(20_000);
  let root: string;
  let workspace: string;
  let tools: string;
  let marker: string;
  let logged: string[];

  const options = (over: Partial<TerraformStateOptions> = {}): TerraformStateOptions => ({
    stopAt: workspace,
    trusted: true,
    readRemoteState: true,
    workspaceFolders: [workspace],
    env: { PATH: tools, RAN_MARKER: marker },
    log: (m) => logged.push(m),
    ...over,
  });
  const fake = (dir: string): void => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'terraform'), FAKE);
    chmodSync(path.join(dir, 'terraform'), 0o755);
  };
  const remoteModule = (): void => {
    mkdirSync(path.join(workspace, '.terraform'), { recursive: true });
    writeFileSync(path.join(workspace, '.terraform', 'terraform.tfstate'), JSON.stringify(REMOTE_POINTER));
  };

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'cti-state-')));
    workspace = path.join(root, 'ws');
    tools = path.join(root, 'tools');
    marker = path.join(root, 'terraform-ran');
    mkdirSync(workspace);
    fake(tools);
    logged = [];
  });

  it('reads terraform.tfstate of the module directory without running terraform', async () => {
    writeFileSync(path.join(workspace, 'terraform.tfstate'), JSON.stringify(STATE));
    const found = await findTerraformState(workspace, options());
    assert.deepEqual(found?.state, STATE);
    assert.equal(found.origin, path.join(workspace, 'terraform.tfstate'));
    assert.ok(!existsSync(marker), 'terraform ran although a local state exists');
  });

  it('finds the root module state from a child module directory, not above the workspace', async () => {
    writeFileSync(path.join(workspace, 'terraform.tfstate'), JSON.stringify(STATE));
    const child = path.join(workspace, 'modules', 'net');
    mkdirSync(child, { recursive: true });
    assert.deepEqual((await findTerraformState(child, options()))?.state, STATE);
    assert.equal(await findTerraformState(child, options({ stopAt: child })), undefined);
  });

  it('reads a saved `terraform show -json` beside a remote backend record instead of running terraform', async () => {
    remoteModule();
    const show = { format_version: '1.0', values: { root_module: { resources: [] } } };
    writeFileSync(path.join(workspace, 'show.json'), JSON.stringify(show));
    const found = await findTerraformState(workspace, options());
    assert.deepEqual(found?.state, show);
    assert.ok(!existsSync(marker));
  });

  it('skips unreadable state and says why', async () => {
    writeFileSync(path.join(workspace, 'terraform.tfstate'), '{ not json');
    assert.equal(await findTerraformState(workspace, options()), undefined);
    assert.match(logged.join('\n'), /terraform\.tfstate/);
    assert.ok(!existsSync(marker));
  });

  it('in Restricted Mode runs no terraform for a remote backend, says so and calls onRestricted', async () => {
    remoteModule();
    let restricted = 0;
    const found = await findTerraformState(workspace, options({ trusted: false, onRestricted: () => restricted++ }));
    assert.equal(found, undefined);
    assert.ok(!existsSync(marker), 'terraform ran in an untrusted workspace');
    assert.equal(restricted, 1);
    assert.match(logged.join('\n'), /Restricted Mode: the state is in the s3 backend .*http:\/\/127\.0\.0\.1:9\/s3.*not run/);
  });

  it('trusted but not opted in: runs no terraform and names the setting', async () => {
    remoteModule();
    assert.equal(await findTerraformState(workspace, options({ readRemoteState: false })), undefined);
    assert.ok(!existsSync(marker));
    assert.match(logged.join('\n'), /cloudtrailInvestigator\.terraform\.readRemoteState/);
  });

  it('trusted and opted in: runs `terraform state pull` from PATH inside the progress, logged', async () => {
    remoteModule();
    let progressRuns = 0;
    const found = await findTerraformState(workspace, options({ withProgress: (work) => { progressRuns++; return work(undefined); } }));
    assert.deepEqual(found?.state, STATE);
    assert.match(found.origin, /terraform state pull .*s3 backend/);
    assert.deepEqual(JSON.parse(readFileSync(marker, 'utf8')), ['state', 'pull']);
    assert.equal(progressRuns, 1);
    assert.match(logged.join('\n'), /terraform: running .*terraform state pull/);
  });

  it('never runs a terraform that lies inside the workspace, even trusted and opted in', async () => {
    remoteModule();
    const inside = path.join(workspace, 'bin');
    fake(inside);
    assert.equal(await findTerraformState(workspace, options({ env: { PATH: inside, RAN_MARKER: marker } })), undefined);
    assert.ok(!existsSync(marker), 'a workspace terraform ran');
    assert.match(logged.join('\n'), /inside the workspace/);
  });

  it('a cancelled run ends without state', async () => {
    remoteModule();
    const controller = new AbortController();
    controller.abort();
    assert.equal(await findTerraformState(workspace, options({ withProgress: (work) => work(controller.signal) })), undefined);
    assert.ok(!existsSync(marker));
    assert.match(logged.join('\n'), /not read: cancelled/);
  });
});
