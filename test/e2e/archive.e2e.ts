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

  it('opens the nested fixture folder from the palette and shows its events in the tree', async () => {
    await wb.openView();
    const started = Date.now();
    await wb.openTrailFolder(path.join(archives, 'nested'), 'archive-open-dialog');
    await statusItem('nested/ (36 files)').waitFor({ timeout: 60_000 });
    await row(/^KMS · \d+/).waitFor({ timeout: 60_000 });
    console.log(`      folder accepted → archive in the tree after ${Date.now() - started} ms`);
    await wb.expand(row(/^KMS · \d+/));
    await wb.expand(row('DeleteKey · 4'));
    // The events are from 2014–2023: far beyond the 90 days of event history.
    const event = wb.treeRows().filter({ hasText: /^DeleteKey(?! ·)/ }).first();
    await event.waitFor({ timeout: 30_000 });
    assert.match(await event.innerText(), /ago|20\d\d/);
    await wb.screenshot('archive-events-in-tree');
  });

  it('offers the bad files of a folder as a read-only problems document', async () => {
    await wb.openTrailFolder(path.join(archives, 'bad'));
    await statusItem('bad/ (5 files)').waitFor({ timeout: 60_000 });
    const toast = wb.notifications().filter({ hasText: '4 files could not be read' }).first();
    await toast.waitFor({ timeout: 30_000 });
    const problemsTab = wb.page.locator('.tabs-container .tab', { hasText: 'trail-log-problems.txt' });
    await wb.clickUntil(toast.locator('.monaco-button', { hasText: 'Show Problems' }), async () => (await problemsTab.count()) > 0, 'Show Problems opens the problems document');
    await waitUntil(async () => (await wb.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ').includes('File ends in the middle of a record'), 'the problems document lists invalid.json');
    await wb.screenshot('archive-problems-document');
    // The progress notification closes once the files are indexed.
    await waitUntil(async () => (await wb.notifications().filter({ hasText: 'Opening trail logs' }).count()) === 0, 'the opening notification is gone', 10_000);
  });

  it('goes back to AWS event history from the status bar', async () => {
    await wb.clickUntil(statusItem('bad/ (5 files)'), () => wb.quickInput().isVisible(), 'the status bar item offers its choices');
    await wb.answerQuickInput('Back to AWS');
    await statusItem('default @ 3 regions').waitFor({ timeout: 30_000 });
    await row(/^EC2 · \d+/).waitFor({ timeout: 60_000 });
    assert.equal(await statusItem('bad/ (5 files)').count(), 0);
  });
});
