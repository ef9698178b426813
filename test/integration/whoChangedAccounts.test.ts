// "Who changed this?" when the account is not the profile's: a profile whose role is in another
// account is named and another profile can be picked; a denied account gets its own message.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getTestApi } from './extension';
import { useSampleEndpoint } from './sampleEndpoint';
import { WorkbenchUi } from './workbench';

describe('Who changed this? across accounts', () => {
  const ui = new WorkbenchUi();
  before(() => {
    ui.install();
  });
  after(() => {
    ui.restore();
  });

  describe('profile in another account', () => {
    const sample = useSampleEndpoint();
    after(async () => {
      await vscode.workspace.getConfiguration('cloudtrailInvestigator').update('profile', undefined, vscode.ConfigurationTarget.Global);
    });

    it('says the ARN is in another account and offers to pick another profile', async () => {
      await getTestApi();
      const { story } = sample();
      // assume-admin's role is in 111122223333 (test/fixtures/aws-config); the sample account is 123456789012.
      await vscode.workspace.getConfiguration('cloudtrailInvestigator').update('profile', 'assume-admin', vscode.ConfigurationTarget.Global);
      const before = ui.titles.length;
      ui.answer('Pick Another Profile', 'default');
      const result = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged', story.securityGroupArn);
      // The warning is the title of the pick that offers another profile.
      const notice = ui.titles.slice(before).find((t) => t.includes('is in account'));
      assert.ok(notice, ui.titles.join('\n'));
      assert.match(notice, /account 123456789012, but profile "assume-admin" reads account 111122223333/);
      assert.equal(vscode.workspace.getConfiguration('cloudtrailInvestigator').get('profile'), 'default');
      assert.match(result, /AuthorizeSecurityGroupIngress from 203\.0\.113\.77$/);
    });
  });

  describe('account not reachable', () => {
    useSampleEndpoint({ requestsPerSecond: 0, deniedAccessKeys: ['AKIAIOSFODNN7EXAMPLE'] });

    it('says the account could not be read instead of "nothing found"', async () => {
      await getTestApi();
      const shownBefore = ui.shown.length;
      const result = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged', 'arn:aws:rds:eu-west-1:123456789012:db:orders-prod-db');
      assert.match(result, /^Could not read CloudTrail for orders-prod-db with the current profile\. eu-west-1: /);
      assert.ok(ui.shownSince(shownBefore, 'error').includes(result), 'shown as an error');
    });
  });
});
