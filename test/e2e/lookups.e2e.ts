// "What changed around a time?" from the palette at the sample incident's time: the answer's
// UpdateWebACL shows in the results panel with its timeline (screenshot); the timeline panel comes
// back after a window reload (its serializer and the client's saved state).
import * as assert from 'node:assert/strict';
import { getEnvironment, waitUntil, Workbench } from './harness';

describe('palette look-ups', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb.close(); });

  it('What changed around a time? finds UpdateWebACL at the incident and shows the timeline', async () => {
    const { story } = getEnvironment();
    await wb.openView();
    await wb.runCommand('CloudTrail: What Changed Around a Time?');
    await wb.answerQuickInput(new Date(story.incidentTime).toISOString().replace('.000Z', 'Z'));
    await wb.answerQuickInput('15');
    const panel = wb.webviewFrame();
    const row = panel.locator('table.events td.name', { hasText: 'UpdateWebACL' }).first();
    await row.waitFor({ timeout: 60_000 });
    const bars = panel.locator('.chart .bar');
    await waitUntil(async () => (await bars.count()) > 10, 'the timeline shows its bars');
    const title = await panel.locator('h1.title').innerText();
    assert.match(title, /What changed around a time .*±15 min/);
    // The Results view lists the set too.
    const results = wb.page.locator('.sidebar .monaco-list-row', { hasText: 'What changed around a time' });
    await results.first().waitFor({ timeout: 30_000 });
    await wb.screenshot('lookups-what-changed-around-a-time');
    // A row opens the event's own panel.
    const tab = wb.page.locator('.tabs-container .tab', { hasText: /UpdateWebACL · / }).first();
    await wb.clickUntil(row, async () => (await tab.count()) > 0, 'the row opens the event panel');
  });

  it('restores the timeline panel after a window reload (serializer + setState)', async () => {
    // The timeline is the active editor, as a user would leave it before reloading.
    await wb.page.locator('.tabs-container .tab', { hasText: 'CloudTrail: What changed around' }).first().click();
    // The workbench saves open editors (with each webview's state) every few seconds; reload once it has.
    let saved = '';
    await waitUntil(async () => {
      saved = (await wb.persistedWorkspaceState('memento/workbench.parts.editor')) ?? '';
      return saved.includes('cloudtrailInvestigator.timeline') && saved.includes('UpdateWebACL');
    }, 'the workbench has saved the timeline panel with its state', 20_000);
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'CloudTrail: What changed around' }).first().click();
    const panel = wb.webviewFrame();
    await panel.locator('table.events td.name', { hasText: 'UpdateWebACL' }).first().waitFor({ timeout: 60_000 });
    assert.match(await panel.locator('h1.title').innerText(), /What changed around a time .*±15 min/);
    assert.ok((await panel.locator('.chart .bar').count()) > 10, 'the bars are back');
  });
});
