import * as assert from 'node:assert/strict';
import { classifyTerraformJson, isValidWorkspaceName, parseBackendPointer, planStateRead } from '../../../src/core/terraformStateLocation';

describe('core/terraformStateLocation', () => {
  it('tells state, show -json, plan JSON and backend records apart', () => {
    assert.equal(classifyTerraformJson({ version: 4, lineage: 'x', resources: [] }), 'state');
    assert.equal(classifyTerraformJson({ version: 3, modules: [] }), 'state');
    assert.equal(classifyTerraformJson({ format_version: '1.0', values: { root_module: {} } }), 'show');
    assert.equal(classifyTerraformJson({ format_version: '1.2', planned_values: {}, prior_state: {} }), 'plan');
    assert.equal(classifyTerraformJson({ version: 3, backend: { type: 's3', config: {} } }), 'backendPointer');
    assert.equal(classifyTerraformJson({ version: 3, remote: { type: 's3' } }), 'legacyRemotePointer');
    assert.equal(classifyTerraformJson({ format_version: '1.0', terraform_version: '1.9.8' }), 'show', 'an empty state');
    for (const other of [null, [], 'x', { name: 'package' }, { version: 4 }, { name: 'x', format_version: '2' }]) assert.equal(classifyTerraformJson(other), 'unknown');
  });

  it('reads the backend record: local path and workspace dir, remote type and every endpoint it names', () => {
    assert.deepEqual(parseBackendPointer({ version: 3, backend: { type: 'local', config: { path: 'state/prod.tfstate', workspace_dir: 'ws' } } }), { type: 'local', local: true, localPath: 'state/prod.tfstate', workspaceDir: 'ws', endpoints: [] });
    assert.deepEqual(parseBackendPointer({ version: 3, backend: { type: 's3', config: { bucket: 'b', endpoint: 'http://a', endpoints: { s3: 'http://b', sts: 'http://c' }, region: 'us-east-1' } } }), {
      type: 's3',
      local: false,
      endpoints: ['http://a', 'http://b', 'http://c'],
    });
    assert.deepEqual(parseBackendPointer({ version: 3, backend: { type: 'remote', config: { hostname: 'tfe.example.com' } } }), { type: 'remote', local: false, endpoints: ['tfe.example.com'] });
    assert.ok('error' in parseBackendPointer({ version: 4, resources: [] }));
  });

  it('accepts only workspace names that stay one path segment', () => {
    for (const good of ['default', 'prod', 'eu-west-1_blue', '$(alert)[x]']) assert.ok(isValidWorkspaceName(good), good);
    for (const bad of ['', '.', '..', '../../etc', 'a/b', 'a\\b', 'x\ny', 'w'.repeat(91)]) assert.ok(!isValidWorkspaceName(bad), bad);
  });

  it('plans where the selected workspace keeps its state', () => {
    assert.deepEqual(planStateRead({}), { kind: 'local', workspace: 'default', statePath: 'terraform.tfstate', backend: 'local' });
    assert.deepEqual(planStateRead({ environment: 'staging\n' }), { kind: 'local', workspace: 'staging', statePath: 'terraform.tfstate.d/staging/terraform.tfstate', backend: 'local' });
    assert.deepEqual(planStateRead({ environment: 'staging', envWorkspace: 'prod' }), { kind: 'local', workspace: 'prod', statePath: 'terraform.tfstate.d/prod/terraform.tfstate', backend: 'local' }, 'TF_WORKSPACE wins');
    const local = { type: 'local', local: true, localPath: 'custom.tfstate', workspaceDir: 'envs/', endpoints: [] };
    assert.deepEqual(planStateRead({ pointer: local }), { kind: 'local', workspace: 'default', statePath: 'custom.tfstate', backend: 'local' });
    assert.deepEqual(planStateRead({ pointer: local, environment: 'qa' }), { kind: 'local', workspace: 'qa', statePath: 'envs/qa/terraform.tfstate', backend: 'local' });
    assert.deepEqual(planStateRead({ pointer: { type: 's3', local: false, endpoints: ['http://x'] }, environment: 'qa' }), { kind: 'remote', workspace: 'qa', backend: 's3', endpoints: ['http://x'] });
    assert.equal(planStateRead({ environment: '../../../outside' }).kind, 'invalid');
    assert.equal(planStateRead({ pointer: { error: 'bad' } }).kind, 'invalid');
  });
});
