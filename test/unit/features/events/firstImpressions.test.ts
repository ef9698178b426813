// What a new user sees first: the extension's icon and categories in the Extensions view, and the
// walkthrough on the Welcome page, from picking a profile to "who changed this resource".
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../../..');

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly image?: string };
  readonly completionEvents?: readonly string[];
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  icon?: string;
  categories: string[];
  contributes: { commands: { command: string }[]; walkthroughs?: { id: string; steps: Step[] }[]; views: Record<string, { id: string }[]> };
};

describe('features: first impressions (icon, categories, walkthrough)', () => {
  it('has a PNG extension icon of at least 128 × 128 pixels that ships in the package', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = readFileSync(path.join(root, 'media', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, `${png.readUInt32BE(16)} × ${png.readUInt32BE(20)}`);
  });

  it('is listed under categories beyond "Other"', () => {
    assert.ok(manifest.categories.includes('Visualization'), manifest.categories.join(', '));
  });

  it('walks a new user from picking a profile to "who changed this resource", every link and image real', () => {
    const walkthrough = manifest.contributes.walkthroughs?.find((w) => w.id === 'cloudtrailInvestigator.gettingStarted');
    assert.ok(walkthrough);
    const steps = walkthrough.steps;
    assert.equal(steps[0]?.id, 'pickProfile');
    assert.equal(steps.at(-1)?.id, 'whoChanged');
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
    for (const step of steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.id} offers a button`);
      for (const id of links) assert.ok(commands.has(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length))), `${step.id}: ${id} is not a command`);
      assert.ok(step.media.image !== undefined && existsSync(path.join(root, step.media.image)), `${step.id}: image ${step.media.image ?? '(none)'}`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} is checked off when done`);
    }
  });
});
