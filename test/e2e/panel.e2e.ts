// A 3 MB event in the real workbench (issue 13): opened from the Events view, its panel shows the
// record shortened with size badges and "Show all", the workbench keeps answering commands while it
// loads, and "Show all" brings the whole 100 KB value from the host. Every step waits on what the
// user sees; the times are printed (bench:panel holds the numbers), never asserted as sleeps.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { HUGE_FIELD_COUNT, HUGE_FIELD_LENGTH, HUGE_SOURCE_IP, hugeRecord } from '../support/hugeEvents';
import { getEnvironment, waitUntil, Workbench } from './harness';

/** The huge record, dated twenty minutes ago so it falls in the view's window. */
function recentHugeRecord(): Record<string, unknown> {
  return hugeRecord(new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
}

describe('panel: a 3 MB event', () => {
  let wb: Workbench;

  before(async () => {
    const env = getEnvironment();
    env.endpoint.setRecords([...env.records, recentHugeRecord()]);
    wb = await Workbench.open();
  });
  after(async () => {
    await wb.close();
    const env = getEnvironment();
    env.endpoint.setRecords(env.records);
  });

  /** The frame whose event panel shows shortened values. */
  async function hugePanelFrame(): Promise<FrameLocator> {
    let found: FrameLocator | undefined;
    await waitUntil(async () => {
      const count = await wb.page.locator('iframe.webview.ready').count();
      for (let i = count - 1; i >= 0; i--) {
        const frame = wb.webviewFrame(i);
        if ((await frame.locator('.json-clipped').count()) > 0) {
          found = frame;
          return true;
        }
      }
      return false;
    }, 'the panel of the 3 MB event shows', 60_000);
    if (!found) throw new Error('no panel for the 3 MB event');
    return found;
  }

  it('renders it shortened with "Show all", stays responsive while it loads, and shows a whole value on request', async () => {
    await wb.openView();
    await wb.treeRows().filter({ hasText: / · \d+/ }).first().waitFor({ timeout: 60_000 });
    await wb.waitForEventsLoaded();
    // The grouping is a setting shared by every spec file: this one reads service groups.
    await wb.runCommand('CloudTrail: Group by Service');
    await wb.runCommand('CloudTrail: Filter Events…');
    await wb.answerQuickInput(HUGE_SOURCE_IP);
    const row = (text: string | RegExp) => wb.treeRows().filter({ hasText: text }).first();
    await wb.expand(row(/^EC2 · \d+/));
    await wb.expand(row(/^RunInstances · \d+/));
    const event = wb.treeRows().filter({ hasText: 'RunInstances' }).filter({ hasNotText: /RunInstances · \d+/ }).first();
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'RunInstances ·' });
    const bottomPanel = wb.page.locator('.part.panel').first();
    /** Runs Show Logs through the palette and waits for its Output panel: how long a user waits for a command. */
    const showLogs = async (): Promise<number> => {
      const from = Date.now();
      await wb.runCommand('CloudTrail: Show Logs');
      await bottomPanel.waitFor({ state: 'visible', timeout: 30_000 });
      return Date.now() - from;
    };
    // The same command on the idle workbench first: the control the run during the load compares with.
    const idleMs = await showLogs();
    await wb.runCommand('View: Toggle Panel Visibility');
    await bottomPanel.waitFor({ state: 'hidden', timeout: 30_000 });
    const started = Date.now();
    await wb.clickUntil(event, async () => (await tab.count()) > 0, 'the 3 MB event opens its panel');
    const tabMs = Date.now() - started;

    // While the panel loads (watched at the same time), the workbench still runs a command and shows its result.
    const shown = hugePanelFrame().then((found) => ({ found, ms: Date.now() - started }));
    const commandMs = await showLogs();
    const { found: frame, ms: shownMs } = await shown;
    console.log(`      while the panel loaded a command took ${commandMs} ms (${idleMs} ms on the idle workbench, ${(commandMs / idleMs).toFixed(2)}x); the tab opened ${tabMs} ms and the event showed ${shownMs} ms after the click`);

    assert.equal(await frame.locator('h1.event-name').innerText(), 'RunInstances');
    assert.equal(await frame.locator('.json-clipped').count(), HUGE_FIELD_COUNT);
    assert.match(await frame.locator('.clip-note').innerText(), /30 long values shortened \(record 2\.9 MB\)/);
    const first = frame.locator('.json-row[data-path="$.requestParameters.userData0"]');
    assert.equal(await first.locator('.json-size').innerText(), '100.0 KB');
    assert.ok((await first.locator('.json-value').innerText()).length < 2100, 'the value is shortened');
    await wb.screenshot('panel-huge-event-shortened');

    await first.locator('.json-show-all').click();
    await waitUntil(async () => (await first.locator('.json-show-all').count()) === 0, 'the host answered "Show all"', 30_000);
    const whole = await first.locator('.json-value').innerText();
    assert.equal(whole.length, HUGE_FIELD_LENGTH + 2, 'the whole value (quoted) is shown');
    assert.ok(whole.startsWith('"FIELD0:'));
    assert.equal(await frame.locator('.json-clipped').count(), HUGE_FIELD_COUNT - 1, 'the other values stay shortened');
    await wb.screenshot('panel-huge-event-show-all');
    await wb.runCommand('CloudTrail: Clear Events Filter');
  });
});
