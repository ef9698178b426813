// Right-click an ARN in the Terraform fixture in the real workbench: "Who Changed This Resource?"
// answers with the last change (screenshot).
import * as assert from 'node:assert/strict';
import { getEnvironment, Workbench } from './harness';

describe('Who changed this?', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb.close(); });

  it('answers from the editor context menu on an ARN in main.tf', async () => {
    const { story } = getEnvironment();
    // Each tab starts from a fresh workbench (Explorer open): show the CloudTrail view so the extension
    // is active. code-server has no Terraform language, so main.tf alone (plain text) does not activate it.
    await wb.openView();
    await wb.openFile('main.tf');
    const line = wb.page.locator('.monaco-editor .view-line', { hasText: `security-group/${story.securityGroupId}` }).first();
    await line.waitFor({ timeout: 30_000 });
    const text = line.locator('span', { hasText: 'security-group' }).last();
    await text.click();
    // Retried until the menu offers the item and takes the click (see chooseFromContextMenu).
    await wb.chooseFromContextMenu(text, 'Who Changed This Resource?');
    const headline = wb.webviewFrame().locator('p.headline');
    await headline.waitFor({ timeout: 60_000 });
    const answer = await headline.innerText();
    assert.match(answer, /^Last changed by dave\.ops \(IAMUser\) .* ago: AuthorizeSecurityGroupIngress from 203\.0\.113\.77$/);
    await wb.screenshot('who-changed-security-group');
  });
});
