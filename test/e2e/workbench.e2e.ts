// First scenario: the extension shows up in the real workbench and its commands run from the palette.
import * as assert from 'node:assert/strict';
import { retryUntil, waitUntil, Workbench } from './harness';

describe('workbench', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb.close(); });

  it('opens the CloudTrail view from the activity bar', async () => {
    const view = await wb.openView();
    assert.equal(await view.isVisible(), true);
    const title = await wb.page.locator('.sidebar .composite.title').first().innerText();
    assert.match(title, /cloudtrail/i);
    await wb.screenshot('cloudtrail-view');
  });

  it('runs a command from the command palette', async () => {
    // The log channel opens in the Output panel, selected in its channel picker. A palette pick the
    // workbench dropped is asked again until the panel shows.
    const picker = wb.page.locator('.part.panel select.monaco-select-box').first();
    await retryUntil(() => wb.runCommand('CloudTrail: Show Logs'), () => picker.isVisible(), 'the Output panel opens', 60_000);
    await waitUntil(async () => (await picker.inputValue()).includes('CloudTrail Investigator'), 'the Output panel shows the CloudTrail Investigator channel');
    await wb.screenshot('show-logs');
  });
});
