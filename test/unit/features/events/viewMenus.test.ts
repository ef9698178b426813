// The Events/Results title-bar menus as the user sees them: the Group By submenu offers every
// grouping with a check on the current one, and the filter toggles show their state.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GROUPING_LEVELS } from '../../../../src/host/tree/treeNodes';

interface Command {
  readonly command: string;
  readonly title: string;
  readonly toggled?: string;
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../package.json'), 'utf8')) as {
  contributes: { commands: Command[]; menus: Record<string, { command?: string }[]>; configuration: { properties: Record<string, { enum?: string[] }> } };
};

describe('features/events: view menus', () => {
  const commands = new Map(manifest.contributes.commands.map((c) => [c.command, c]));

  it('offers every grouping in the Group By submenu, each checked when it is the current groupBy setting', () => {
    const keys = Object.keys(GROUPING_LEVELS);
    assert.deepEqual(keys.sort(), [...(manifest.contributes.configuration.properties['cloudtrailInvestigator.groupBy'].enum ?? [])].sort(), 'the setting accepts every grouping');
    const submenu = (manifest.contributes.menus['cloudtrailInvestigator.groupBy'] ?? []).map((m) => m.command);
    for (const key of keys) {
      const id = `cloudtrailInvestigator.events.groupBy.${key}`;
      assert.ok(submenu.includes(id), `${id} in the Group By submenu`);
      assert.equal(commands.get(id)?.toggled, `config.cloudtrailInvestigator.groupBy == ${key}`, `${id} shows a check on the current grouping`);
    }
  });

  it('shows a check on the outside-IaC and verified-only filters when they are on', () => {
    assert.equal(commands.get('cloudtrailInvestigator.events.toggleOutsideIac')?.toggled, 'cloudtrailInvestigator.outsideIacOnly');
    assert.equal(commands.get('cloudtrailInvestigator.events.toggleVerifiedOnly')?.toggled, 'cloudtrailInvestigator.verifiedOnly');
    const titleBar = (manifest.contributes.menus['view/title'] ?? []).map((m) => m.command);
    assert.ok(titleBar.includes('cloudtrailInvestigator.events.toggleOutsideIac'));
    assert.ok(titleBar.includes('cloudtrailInvestigator.events.toggleVerifiedOnly'));
  });
});
