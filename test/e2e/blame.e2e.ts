// Cloud blame in the real workbench: open the sample main.tf and read the CodeLens above the
// security group someone opened by hand in the console (screenshot). The Drift Suspects view (it
// starts collapsed): open it, run the scan against the drift story, read the suspect the console user made.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixtureWorkspace } from '../../tools/vscode/paths';
import { getEnvironment, retryUntil, waitUntil, Workbench } from './harness';

describe('Cloud blame', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb.close(); });

  it('shows who changed each resource above its block in main.tf', async () => {
    const { story } = getEnvironment();
    // code-server has no Terraform language: show the CloudTrail view so the extension is active.
    await wb.openView();
    await wb.openFile('main.tf');
    // Bring the drift story's block into view (the lens of a visible block is the one resolved):
    // Go to Line puts it on screen in one step, whatever the editor's height.
    const text = readFileSync(path.join(fixtureWorkspace, 'infra', 'main.tf'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('resource "aws_security_group" "web"')) + 1;
    assert.ok(line > 0, 'the fixture main.tf has the security group block');
    const header = wb.page.locator('.monaco-editor .view-line', { hasText: 'resource "aws_security_group" "web"' }).first();
    await wb.goToLine(line);
    await header.waitFor({ timeout: 30_000 });
    const lens = wb.page.locator('.monaco-editor .codelens-decoration', { hasText: `by ${story.drift.consoleUserName} · console — outside Terraform` }).first();
    await lens.waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      const shown = await wb.page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
      await wb.screenshot('cloud-blame-missing');
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nlenses shown: ${shown.join(' | ')}`);
    });
    assert.match(await lens.innerText(), /^changed \d+ (min|h|d) ago by .+ · console — outside Terraform$/);
    await wb.screenshot('cloud-blame-codelens');
  });
});

describe('Drift Suspects', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb.close(); });

  it('lists the security group changed by hand in the console, with its principal and channel', async function () {
    this.timeout(300_000); // the scan looks up every resource of the workspace at the endpoint's 2 requests/s
    const { story } = getEnvironment();
    await wb.openView();
    const header = wb.page.locator('.sidebar .pane-header[aria-label^="Drift Suspects"]').first();
    await header.waitFor({ timeout: 30_000 });
    const expanded = async (): Promise<boolean> => (await header.getAttribute('aria-expanded')) === 'true';
    if (!(await expanded())) await wb.clickUntil(header, expanded, 'the Drift Suspects section expands');
    // Room for every suspect (the list renders only the rows on screen): collapse the views above it.
    for (const name of ['Events', 'Results']) {
      const above = wb.page.locator(`.sidebar .pane-header[aria-label^="${name}"]`).first();
      const open = async (): Promise<boolean> => (await above.getAttribute('aria-expanded')) === 'true';
      // Click the twistie end of the header: its middle holds the view's title actions.
      if (await open()) await retryUntil(() => above.click({ position: { x: 8, y: 8 } }), async () => !(await open()), `the ${name} section collapses`);
    }
    await wb.runCommand('CloudTrail: Find Drift Suspects (Changed Outside Terraform)');
    const body = wb.page.locator('.sidebar .pane:has(> .pane-header[aria-label^="Drift Suspects"]) > .pane-body').first();
    const row = body.locator('.monaco-list-row', { hasText: 'aws_security_group.web' }).first();
    await row.waitFor({ timeout: 200_000 }).catch(async (err: unknown) => {
      await wb.screenshot('drift-suspects-missing');
      throw err;
    });
    const text = await row.innerText();
    assert.match(text, new RegExp(`by ${story.drift.consoleUserName.replace(/\./g, '\\.')} · console — outside Terraform`), text);
    // The scan's summary replaces the progress message once every resource was looked up.
    const message = body.locator('.message', { hasText: /resources changed outside Terraform/ });
    await waitUntil(async () => (await message.count()) > 0, 'the scan summary shows', 120_000);
    assert.match(await message.first().innerText(), /^\d+ of \d+ resources changed outside Terraform \(\d+ \.tf files?\)/);
    await wb.screenshot('drift-suspects');
  });
});
