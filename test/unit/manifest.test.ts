import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../src/commands/commandIds';
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
});
