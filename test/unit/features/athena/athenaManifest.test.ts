import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../../..');

describe('Athena settings in the manifest', () => {
  it('are restricted in untrusted workspaces: a workspace cannot choose where Athena requests go', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['region', 'workGroup', 'database', 'table', 'outputLocation', 'endpoint']) {
      const name = `cloudtrailInvestigator.athena.${key}`;
      assert.ok(name in manifest.contributes.configuration.properties, `${name} is declared`);
      assert.ok(restricted.includes(name), `${name} is restricted`);
    }
    assert.equal(manifest.contributes.configuration.properties['cloudtrailInvestigator.athena.endpoint'].scope, 'machine');
  });
});
