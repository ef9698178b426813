// A settings change in the real workbench: the endpoint is machine-scoped and lives in the server's
// Machine settings, so writing any other setting (here the Events view's read-only toggle) must not
// lose it — the reload that follows still reaches the local endpoint and shows the read-only calls.
import * as assert from 'node:assert/strict';
import { getEnvironment, waitUntil, Workbench } from './harness';

describe('settings', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => {
    // Settings live on the server for every later tab: put the default back.
    await wb.runCommand('CloudTrail: Hide Read-Only Events');
    await wb.waitForEventsLoaded();
    await wb.close();
  });

  const row = (text: string | RegExp) => wb.treeRows().filter({ hasText: text }).first();

  it('a changed setting keeps the lookups on the local endpoint', async () => {
    const { endpoint } = getEnvironment();
    await wb.openView();
    // Settings written by earlier spec files stay on the server: group by service whatever came before.
    await wb.runCommand('CloudTrail: Group by Service');
    await wb.waitForEventsLoaded();
    const before = endpoint.stats.requests;
    await wb.runCommand('CloudTrail: Include Read-Only Events');
    // The view reloads with the new setting: read-only calls appear, fetched from the local endpoint.
    await waitUntil(() => endpoint.stats.requests > before, 'the reload reaches the local endpoint', 60_000);
    await wb.waitForEventsLoaded();
    assert.equal(await wb.treeRows().filter({ hasText: /Cannot reach/ }).count(), 0, 'no "Cannot reach" error in the view');
    await wb.expand(row(/^EC2 · \d+/));
    await wb.reveal(row(/^EC2 · \d+/), row(/^DescribeInstances · \d+/), 'the read-only DescribeInstances group under EC2');
    // Nothing asked about forwarding the endpoint's port.
    assert.equal(await wb.notifications().filter({ hasText: /port/i }).count(), 0);
    await wb.screenshot('settings-read-only-events');
  });
});
