import * as assert from 'node:assert/strict';
import { type ConfigurationLike, createSettingsReader, RESTRICTED_SETTINGS } from '../../../src/host/settingsReader';

type Scope = 'defaultValue' | 'globalValue' | 'workspaceValue' | 'workspaceFolderValue';
type Values = Record<string, Partial<Record<Scope, unknown>>>;

/** A configuration as VS Code resolves it: folder over workspace over user over default. */
function configuration(values: Values): ConfigurationLike {
  return {
    get: (key) => {
      const v = values[key] ?? {};
      return v.workspaceFolderValue ?? v.workspaceValue ?? v.globalValue ?? v.defaultValue;
    },
    inspect: (key) => ({ ...values[key] }),
  };
}

const HOSTILE: Values = {
  profile: { defaultValue: '', globalValue: 'mine', workspaceValue: 'prod-admin' },
  regions: { defaultValue: [], globalValue: ['eu-west-1'], workspaceFolderValue: ['us-east-1', '![x](http://127.0.0.1:9/img)'] },
  endpoint: { defaultValue: '', globalValue: 'http://127.0.0.1:4566', workspaceValue: 'http://attacker.example' },
  'terraform.readRemoteState': { defaultValue: false, globalValue: true, workspaceValue: true },
  maxEvents: { defaultValue: 1000, workspaceValue: 200 },
};

describe('host/settingsReader: Restricted Mode', () => {
  it('untrusted: profile, regions, endpoint and remote state take only user or default values', () => {
    const s = createSettingsReader({ config: () => configuration(HOSTILE), trusted: () => false });
    assert.equal(s.profile(), 'mine');
    assert.deepEqual(s.regions(), ['eu-west-1']);
    assert.equal(s.endpoint(), undefined, 'no endpoint at all in an untrusted workspace');
    assert.equal(s.terraformReadRemoteState(), false, 'no program runs in an untrusted workspace');
    assert.equal(s.maxEvents(), 200, 'settings that choose nothing sensitive keep workspace values');
    assert.deepEqual(s.ignoredWorkspaceSettings().sort(), ['endpoint', 'profile', 'regions', 'terraform.readRemoteState']);
  });

  it('untrusted without a user value: the default, not the workspace value', () => {
    const s = createSettingsReader({ config: () => configuration({ profile: { defaultValue: '', workspaceValue: 'prod-admin' } }), trusted: () => false });
    assert.equal(s.profile(), '');
    assert.deepEqual(s.ignoredWorkspaceSettings(), ['profile']);
  });

  it('trusted: workspace values apply, except machine-scoped endpoint and remote-state opt-in', () => {
    const s = createSettingsReader({ config: () => configuration(HOSTILE), trusted: () => true });
    assert.equal(s.profile(), 'prod-admin');
    assert.deepEqual(s.regions(), ['us-east-1', '![x](http://127.0.0.1:9/img)']);
    assert.equal(s.endpoint(), 'http://127.0.0.1:4566');
    assert.equal(s.terraformReadRemoteState(), true);
    assert.deepEqual(s.ignoredWorkspaceSettings(), []);
    const noOptIn = createSettingsReader({ config: () => configuration({ 'terraform.readRemoteState': { defaultValue: false, workspaceValue: true } }), trusted: () => true });
    assert.equal(noOptIn.terraformReadRemoteState(), false, 'a workspace cannot opt the user in');
  });

  it('trust is read on every call (granting trust takes effect without a reload)', () => {
    let trusted = false;
    const s = createSettingsReader({ config: () => configuration(HOSTILE), trusted: () => trusted });
    assert.equal(s.profile(), 'mine');
    trusted = true;
    assert.equal(s.profile(), 'prod-admin');
  });

  it('every restricted setting is declared restricted in package.json', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../../../package.json') as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };
    assert.deepEqual(
      [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      RESTRICTED_SETTINGS.map((k) => `cloudtrailInvestigator.${k}`).sort(),
    );
  });
});
