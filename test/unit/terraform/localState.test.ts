import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listStateInstances } from '../../../src/core/terraformState';
import { findLocalState, type LocalStateResult } from '../../../src/terraform/localState';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const state = (arn: string): string => JSON.stringify({ version: 4, lineage: 'l', serial: 1, resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'b', instances: [{ attributes: { arn, id: 'b' } }] }] });
const show = (arn: string): string => JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { arn } }] } } });

function arnsOf(result: LocalStateResult): (string | undefined)[] {
  assert.equal(result.kind, 'found', JSON.stringify(result));
  const listed = listStateInstances(result.state);
  assert.ok(listed.ok);
  return listed.instances.map((i) => i.arn);
}

describe('terraform/localState findLocalState', () => {
  let root: string;
  const write = (rel: string, content: string): string => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ct-tf-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds terraform.tfstate of the root module from a child module directory', async () => {
    write('infra/terraform.tfstate', state('arn:aws:s3:::root'));
    mkdirSync(path.join(root, 'infra/modules/net'), { recursive: true });
    const result = await findLocalState(path.join(root, 'infra/modules/net'), { stopAt: root });
    assert.deepEqual(arnsOf(result), ['arn:aws:s3:::root']);
    assert.ok(result.kind === 'found' && result.format === 'state' && result.workspace === 'default' && result.origin.endsWith(path.join('infra', 'terraform.tfstate')));
  });

  it('reads the selected workspace from .terraform/environment, and TF_WORKSPACE over it', async () => {
    write('terraform.tfstate', state('arn:aws:s3:::default'));
    write('terraform.tfstate.d/staging/terraform.tfstate', state('arn:aws:s3:::staging'));
    write('terraform.tfstate.d/prod/terraform.tfstate', state('arn:aws:s3:::prod'));
    write('.terraform/environment', 'staging');
    assert.deepEqual(arnsOf(await findLocalState(root, { stopAt: root })), ['arn:aws:s3:::staging']);
    assert.deepEqual(arnsOf(await findLocalState(root, { stopAt: root, envWorkspace: 'prod' })), ['arn:aws:s3:::prod']);
  });

  it('follows a local backend path and workspace_dir', async () => {
    write('.terraform/terraform.tfstate', JSON.stringify({ version: 3, backend: { type: 'local', config: { path: 'state/main.tfstate', workspace_dir: 'envs' }, hash: 1 } }));
    write('state/main.tfstate', state('arn:aws:s3:::custom'));
    write('envs/qa/terraform.tfstate', state('arn:aws:s3:::qa'));
    assert.deepEqual(arnsOf(await findLocalState(root, { stopAt: root })), ['arn:aws:s3:::custom']);
    write('.terraform/environment', 'qa');
    assert.deepEqual(arnsOf(await findLocalState(root, { stopAt: root })), ['arn:aws:s3:::qa']);
  });

  it('reports a remote backend with the endpoints it would contact, and prefers an exported show -json', async () => {
    write('.terraform/terraform.tfstate', JSON.stringify({ version: 3, backend: { type: 's3', config: { bucket: 'b', endpoints: { s3: 'http://127.0.0.1:1/s3' } }, hash: 1 } }));
    write('terraform.tfstate', state('arn:aws:s3:::stale-local-copy'));
    const remote = await findLocalState(root, { stopAt: root });
    assert.deepEqual(remote, { kind: 'remote', backend: 's3', endpoints: ['http://127.0.0.1:1/s3'], workspace: 'default', moduleDir: await import('node:fs').then((fs) => fs.realpathSync(root)) });
    write('state-export.json', show('arn:aws:s3:::exported'));
    const found = await findLocalState(root, { stopAt: root });
    assert.deepEqual(arnsOf(found), ['arn:aws:s3:::exported']);
    assert.ok(found.kind === 'found' && found.format === 'show');
  });

  it('reads prior_state of a saved plan JSON, and skips JSON that is not Terraform', async () => {
    write('package.json', JSON.stringify({ name: 'x', format_version: 'not terraform' }));
    write('plan.json', JSON.stringify({ format_version: '1.2', planned_values: {}, prior_state: JSON.parse(show('arn:aws:s3:::prior')) as unknown }));
    const found = await findLocalState(root, { stopAt: root });
    assert.deepEqual(arnsOf(found), ['arn:aws:s3:::prior']);
    assert.ok(found.kind === 'found' && found.format === 'plan');
  });

  it('never reads outside the workspace folder: backend paths, symlinks, workspace names', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'ct-tf-outside-'));
    try {
      writeFileSync(path.join(outside, 'terraform.tfstate'), state('arn:aws:s3:::outside'));
      const ws = path.join(root, 'ws');
      mkdirSync(path.join(ws, '.terraform'), { recursive: true });
      writeFileSync(path.join(ws, '.terraform/terraform.tfstate'), JSON.stringify({ version: 3, backend: { type: 'local', config: { path: path.join(outside, 'terraform.tfstate') } } }));
      const byPath = await findLocalState(ws, { stopAt: ws });
      assert.equal(byPath.kind, 'none');
      assert.ok(byPath.reasons.some((r) => r.includes('leads outside the workspace folder')), JSON.stringify(byPath));

      const linked = path.join(root, 'linked');
      mkdirSync(linked);
      symlinkSync(path.join(outside, 'terraform.tfstate'), path.join(linked, 'terraform.tfstate'));
      symlinkSync('/dev/zero', path.join(linked, 'zero.json'));
      const bySymlink = await findLocalState(linked, { stopAt: linked });
      assert.equal(bySymlink.kind, 'none', JSON.stringify(bySymlink));

      const traversal = path.join(root, 'traversal');
      mkdirSync(path.join(traversal, '.terraform'), { recursive: true });
      writeFileSync(path.join(traversal, '.terraform/environment'), '../../../outside');
      const byName = await findLocalState(traversal, { stopAt: traversal });
      assert.ok(byName.kind === 'none' && byName.reasons.some((r) => r.includes('is not a valid workspace name')), JSON.stringify(byName));
      assert.equal((await findLocalState(outside, { stopAt: root })).kind, 'none', 'a start outside the folder');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('says why on a broken, oversized or missing state, and logs paths only', async () => {
    write('terraform.tfstate', '{"version": 4, "resources": [');
    const logged: string[] = [];
    const broken = await findLocalState(root, { stopAt: root, log: (m) => logged.push(m) });
    assert.ok(broken.kind === 'none' && broken.reasons.some((r) => r.includes('terraform.tfstate')));
    assert.ok(logged.length > 0 && logged.every((l) => !l.includes('"resources"')));
    write('terraform.tfstate', state('arn:aws:s3:::big'));
    const capped = await findLocalState(root, { stopAt: root, maxBytes: 10 });
    assert.ok(capped.kind === 'none' && capped.reasons.some((r) => r.includes('over the')));
    rmSync(path.join(root, 'terraform.tfstate'));
    assert.deepEqual(await findLocalState(root, { stopAt: root }), { kind: 'none', reasons: [] });
  });

  it('reads the hostile workspace without running anything in it', async () => {
    cpSync(path.join(FIXTURES, 'hostile/terraform'), path.join(root, 'hostile'), { recursive: true });
    const hostile = path.join(root, 'hostile');
    const local = await findLocalState(hostile, { stopAt: hostile });
    assert.ok(arnsOf(local).includes('arn:aws:iam::111122223333:role/[x](command:workbench.action.terminal.new)'));
    const remote = await findLocalState(path.join(hostile, 'remote'), { stopAt: hostile });
    assert.equal(remote.kind, 'none', 'the workspace name in .terraform/environment escapes its folder');
    writeFileSync(path.join(hostile, 'remote/.terraform/environment'), 'default');
    const pointer = await findLocalState(path.join(hostile, 'remote'), { stopAt: hostile });
    assert.ok(pointer.kind === 'remote' && pointer.endpoints.includes('http://127.0.0.1:9/hostile/s3'), JSON.stringify(pointer));
    const markers = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith('RAN-'));
    assert.deepEqual(markers(hostile), [], 'no binary of the workspace ran');
    assert.ok(existsSync(path.join(hostile, 'bin/terraform')));
  });
});
