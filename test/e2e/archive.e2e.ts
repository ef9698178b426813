// Trail log files in the real workbench: "Open Trail Logs…" from the palette, the folder chosen in
// code-server's open dialog (a quick input that takes a typed path), the fixture's years-old events in
// the Events tree and the archive in the status bar; bad files offered as a problems document; back
// to AWS from the status bar.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { repoRoot } from '../../tools/vscode/paths';
import { waitUntil, Workbench } from './harness';

const archives = path.join(repoRoot, 'test', 'fixtures', 'archive');

describe('trail archives', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb.close(); });

  const row = (text: string | RegExp) => wb.treeRows().filter({ hasText: text }).first();
  const statusItem = (text: string) => wb.page.locator('.statusbar-item', { hasText: text }).first();

  /** Palette → Open Trail Logs… → Folder… → the path typed into code-server's dialog. */
  async function openFolder(folder: string, screenshot?: string): Promise<void> {
    await wb.runCommand('CloudTrail: Open Trail Logs…');
    await wb.answerQuickInput('Folder');
    // code-server has no native dialog: its "simple file dialog" is a quick input holding a path.
    const input = wb.page.locator('.quick-input-widget input');
    const rowNamed = (name: string) => wb.page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${name}$`) });
    await waitUntil(async () => (await input.inputValue()).startsWith('/'), 'the open dialog shows a path');
    // Enter before the dialog lists the typed folder would accept the folder it showed before:
    // list the parent first, then wait until the folder's own listing replaced it.
    // The dialog may still be settling on its own start folder (the last one used) and overwrite a
    // path typed too early: type again until the listing matches what was typed.
    const typeUntil = async (value: string, listed: () => Promise<boolean>, what: string): Promise<void> => {
      await waitUntil(async () => {
        if ((await input.inputValue()) !== value) await input.fill(value);
        return listed();
      }, what, 30_000);
    };
    const name = path.basename(folder);
    await typeUntil(`${path.dirname(folder)}/`, async () => (await rowNamed(name).count()) > 0, `the dialog lists ${name} in its parent`);
    await typeUntil(`${folder}/`, async () => (await rowNamed(name).count()) === 0, `the dialog lists ${name}/`);
    if (screenshot) await wb.screenshot(screenshot);
    await input.press('Enter');
  }

  it('opens the nested fixture folder from the palette and shows its events in the tree', async () => {
    await wb.openView();
    const started = Date.now();
    await openFolder(path.join(archives, 'nested'), 'archive-open-dialog');
    await statusItem('nested/ (36 files)').waitFor({ timeout: 60_000 });
    await row(/^KMS · \d+/).waitFor({ timeout: 60_000 });
    console.log(`      folder accepted → archive in the tree after ${Date.now() - started} ms`);
    await row(/^KMS · \d+/).click();
    await row('DeleteKey · 4').waitFor({ timeout: 30_000 });
    await row('DeleteKey · 4').click();
    // The events are from 2014–2023: far beyond the 90 days of event history.
    const event = wb.treeRows().filter({ hasText: /^DeleteKey(?! ·)/ }).first();
    await event.waitFor({ timeout: 30_000 });
    assert.match(await event.innerText(), /ago|20\d\d/);
    await wb.screenshot('archive-events-in-tree');
  });

  it('offers the bad files of a folder as a read-only problems document', async () => {
    await openFolder(path.join(archives, 'bad'));
    await statusItem('bad/ (5 files)').waitFor({ timeout: 60_000 });
    const toast = wb.notifications().filter({ hasText: '4 files could not be read' }).first();
    await toast.waitFor({ timeout: 30_000 });
    await toast.locator('.monaco-button', { hasText: 'Show Problems' }).click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'trail-log-problems.txt' }).waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await wb.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ').includes('File is not valid JSON'), 'the problems document lists invalid.json');
    await wb.screenshot('archive-problems-document');
    // The progress notification closes once the files are indexed.
    await waitUntil(async () => (await wb.notifications().filter({ hasText: 'Opening trail logs' }).count()) === 0, 'the opening notification is gone', 10_000);
  });

  it('goes back to AWS event history from the status bar', async () => {
    await statusItem('bad/ (5 files)').click();
    await wb.answerQuickInput('Back to AWS');
    await statusItem('default @ 3 regions').waitFor({ timeout: 30_000 });
    await row(/^EC2 · \d+/).waitFor({ timeout: 60_000 });
    assert.equal(await statusItem('bad/ (5 files)').count(), 0);
  });
});
