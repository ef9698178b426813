// The Events view in the real workbench: sample events load, a service group opens to the
// incident's UpdateWebACL, and the Group By command switches to principals.
import * as assert from 'node:assert/strict';
import { getEnvironment, waitUntil, Workbench } from './harness';

describe('events view', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => {
    // The grouping is a setting on the server, shared with later spec files: put the default back.
    // Wait until the tree shows it: a tab closed right after the command may lose the settings write.
    await wb.runCommand('CloudTrail: Group by Service');
    await row(/^WAF · \d+/).waitFor({ timeout: 30_000 });
    await wb.close();
  });

  const row = (text: string | RegExp) => wb.treeRows().filter({ hasText: text }).first();

  it('expands a service group down to the incident UpdateWebACL', async () => {
    await wb.openView();
    // Groups carry counts ("EC2 · 42"); the first load fills the tree.
    await wb.treeRows().filter({ hasText: / · \d+/ }).first().waitFor({ timeout: 60_000 });
    // Narrow to the WAF events so the group is on screen whatever else the sample holds.
    await wb.runCommand('CloudTrail: Filter Events…');
    await wb.answerQuickInput('WebACL');
    await wb.expand(row(/^WAF · \d+/));
    await wb.expand(row(/^UpdateWebACL · \d+/));
    const event = wb.treeRows().filter({ hasText: 'UpdateWebACL' }).filter({ hasNotText: /UpdateWebACL · \d+/ }).first();
    await event.waitFor({ timeout: 30_000 });
    assert.match(await event.innerText(), /eu-west-1/);
    await wb.screenshot('events-by-service-update-web-acl');
  });

  it('switches to principal grouping from the Group By command', async () => {
    const { story } = getEnvironment();
    await wb.runCommand('CloudTrail: Clear Events Filter');
    await wb.runCommand('CloudTrail: Group by Principal');
    await row(new RegExp(`^${story.iamUserName} \\(IAMUser\\) · \\d+`)).waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await wb.treeRows().filter({ hasText: /^WAF · \d+/ }).count()) === 0, 'service groups are gone');
    await wb.screenshot('events-by-principal');
  });
});
