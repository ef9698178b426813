import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findTerraformState } from '../../../src/editor/terraformStateFile';

const STATE = { version: 4, resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'logs', instances: [{ attributes: { arn: 'arn:aws:s3:::logs-prod', id: 'logs-prod' } }] }] };

describe('editor/terraformStateFile', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cti-state-'));
  });

  it('reads terraform.tfstate of the module directory', async () => {
    writeFileSync(path.join(root, 'terraform.tfstate'), JSON.stringify(STATE));
    const found = await findTerraformState(root, root, () => undefined);
    assert.deepEqual(found?.state, STATE);
    assert.equal(found.origin, path.join(root, 'terraform.tfstate'));
  });

  it('finds the root module state from a child module directory, not above the workspace', async () => {
    writeFileSync(path.join(root, 'terraform.tfstate'), JSON.stringify(STATE));
    const child = path.join(root, 'modules', 'net');
    mkdirSync(child, { recursive: true });
    assert.deepEqual((await findTerraformState(child, root, () => undefined))?.state, STATE);
    assert.equal(await findTerraformState(child, child, () => undefined), undefined);
  });

  it('skips unreadable state and says why', async () => {
    writeFileSync(path.join(root, 'terraform.tfstate'), '{ not json');
    const log: string[] = [];
    assert.equal(await findTerraformState(root, root, (m) => log.push(m)), undefined);
    assert.match(log.join('\n'), /not readable JSON/);
  });

  it('asks `terraform show -json` in an initialized directory without a local state file (POSIX shell stand-in)', async () => {
    mkdirSync(path.join(root, '.terraform'));
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    // A stand-in CLI that prints the state when called as `terraform show -json`.
    writeFileSync(path.join(bin, 'terraform'), `#!/bin/sh\n[ "$1" = show ] && [ "$2" = -json ] && echo '${JSON.stringify(STATE)}' && exit 0\nexit 1\n`);
    chmodSync(path.join(bin, 'terraform'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    try {
      const found = await findTerraformState(root, root, () => undefined);
      assert.deepEqual(found?.state, STATE);
      assert.match(found.origin, /terraform show -json/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('reports a failing CLI and finds nothing', async () => {
    mkdirSync(path.join(root, '.terraform'));
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(root, 'no-such-bin');
    const log: string[] = [];
    try {
      assert.equal(await findTerraformState(root, root, (m) => log.push(m)), undefined);
    } finally {
      process.env.PATH = savedPath;
    }
    assert.match(log.join('\n'), /terraform show -json failed/);
  });
});
