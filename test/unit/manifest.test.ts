import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVENT_PANEL_VIEW_TYPE } from '../../src/features/eventPanel/protocol';
import { TIMELINE_VIEW_TYPE } from '../../src/features/lookups/timeline/protocol';
import { CommandIds } from '../../src/host/commandIds';
import { SettingKeys } from '../../src/host/settingsTypes';

const root = path.resolve(__dirname, '../../..');
interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { scope?: string }> };
    menus?: Record<string, { command?: string; submenu?: string }[]>;
  };
  activationEvents?: string[];
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
const sources = sourceFiles(path.join(root, 'src')).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

describe('package.json manifest', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);
  const known = new Set<string>(Object.values(CommandIds));

  it('declares only commands that the code knows (CommandIds)', () => {
    const unknown = contributed.filter((id) => !known.has(id));
    assert.deepEqual(unknown, [], `contributed but not in CommandIds: ${unknown.join(', ')}`);
  });

  it('contributes every public command id, and registers every id in code', () => {
    const publicIds = [...known].filter((id) => !id.startsWith('_'));
    assert.deepEqual(publicIds.filter((id) => !contributed.includes(id)), [], 'in CommandIds but not contributed');
    const notRegistered = Object.keys(CommandIds).filter(
      (key) => !sources.some(({ text }) => new RegExp(`CommandIds\\.${key}\\b`).test(text) && /registerCommand|registerTextEditorCommand/.test(text)),
    );
    assert.deepEqual(notRegistered, [], 'command ids never passed to a registration');
  });

  it('menus reference only contributed commands', () => {
    const bad: string[] = [];
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) if (item.command !== undefined && !known.has(item.command)) bad.push(`${menu}: ${item.command}`);
    }
    assert.deepEqual(bad, []);
  });

  it('declares every setting the code reads', () => {
    const declared = Object.keys(manifest.contributes.configuration.properties);
    const missing = Object.values(SettingKeys).filter((key) => !declared.includes(`cloudtrailInvestigator.${key}`));
    assert.deepEqual(missing, [], `read but not declared: ${missing.join(', ')}`);
  });

  it('reads settings only through host/settings.ts', () => {
    const readers = sources.filter(({ text }) => text.includes('getConfiguration(')).map(({ file }) => path.relative(root, file));
    assert.deepEqual(readers, [path.join('src', 'host', 'settings.ts')]);
  });

  it('keeps the endpoint override machine-scoped and restricted in untrusted workspaces', () => {
    const endpoint = manifest.contributes.configuration.properties['cloudtrailInvestigator.endpoint'];
    assert.ok(endpoint, 'cloudtrailInvestigator.endpoint must be declared');
    assert.equal(endpoint.scope, 'machine');
    const restricted = (manifest as unknown as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } }).capabilities
      .untrustedWorkspaces.restrictedConfigurations;
    assert.ok(restricted.includes('cloudtrailInvestigator.endpoint'));
  });

  it('activates lazily: to restore its two webview panels, and on Terraform files for cloud blame (commands, views and menus activate implicitly)', () => {
    // No onLanguage for json/yaml (they fire on settings.json); the editor menu shows before activation by `when` clause.
    // onLanguage:terraform fires only with a Terraform language installed, for files that get the cloud blame CodeLens.
    assert.deepEqual(manifest.activationEvents, [`onWebviewPanel:${EVENT_PANEL_VIEW_TYPE}`, `onWebviewPanel:${TIMELINE_VIEW_TYPE}`, 'onLanguage:terraform']);
    const editorMenu = (manifest.contributes.menus?.['editor/context'] ?? []) as { command?: string; when?: string }[];
    const whoChanged = editorMenu.find((m) => m.command === CommandIds.whoChanged);
    assert.match(whoChanged?.when ?? '', /!cloudtrailInvestigator\.editorReady && resourceExtname == \.tf/, 'shown on Terraform files before activation');
  });

  it('restricts, in untrusted workspaces, every setting that picks credentials or where requests go', () => {
    const capability = (manifest as unknown as { capabilities: { untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations: string[] } } }).capabilities.untrustedWorkspaces;
    assert.equal(capability.supported, 'limited');
    const sensitive = ['profile', 'regions', 'endpoint', 'terraform.readRemoteState'].map((k) => `cloudtrailInvestigator.${k}`);
    assert.deepEqual(capability.restrictedConfigurations.filter((k) => sensitive.includes(k)).sort(), [...sensitive].sort());
    const declared = manifest.contributes.configuration.properties;
    for (const key of capability.restrictedConfigurations) assert.ok(declared[key], `${key} is declared`);
    assert.match(capability.description, /runs no program/);
    const remote = declared['cloudtrailInvestigator.terraform.readRemoteState'] as { scope?: string; default?: unknown };
    assert.equal(remote.scope, 'machine', 'a workspace cannot opt itself in');
    assert.equal(remote.default, false);
  });
});
