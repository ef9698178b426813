// "Who changed this?" when the account is not the profile's: a profile whose role is in another
// account is named and another profile can be picked; a denied account gets its own message.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getTestApi } from './extension';
import { answer, lookups } from './lookupsHelpers';
import { useSampleEndpoint } from './sampleEndpoint';

describe('Who changed this? across accounts', () => {
  describe('profile in another account', () => {
    const sample = useSampleEndpoint();
    after(async () => {
      await vscode.workspace.getConfiguration('cloudtrailInvestigator').update('profile', undefined, vscode.ConfigurationTarget.Global);
    });

    it('says the ARN is in another account and offers to pick another profile', async () => {
      const api = await getTestApi();
      const { story } = sample();
      // assume-admin's role is in 111122223333 (test/fixtures/aws-config); the sample account is 123456789012.
      await vscode.workspace.getConfiguration('cloudtrailInvestigator').update('profile', 'assume-admin', vscode.ConfigurationTarget.Global);
      const before = lookups(api).notices().length;
      answer(api, 'Pick Another Profile', 'default');
      const result = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged', story.securityGroupArn);
      const notice = lookups(api).notices().slice(before).find((n) => n.includes('is in account'));
      assert.ok(notice, lookups(api).notices().join('\n'));
      assert.match(notice, /account 123456789012, but profile "assume-admin" reads account 111122223333/);
      assert.equal(vscode.workspace.getConfiguration('cloudtrailInvestigator').get('profile'), 'default');
      assert.match(result, /AuthorizeSecurityGroupIngress from 203\.0\.113\.77$/);
    });
  });

  describe('account not reachable', () => {
    useSampleEndpoint({ requestsPerSecond: 0, deniedAccessKeys: ['AKIAIOSFODNN7EXAMPLE'] });

    it('says the account could not be read instead of "nothing found"', async () => {
      const api = await getTestApi();
      const result = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged', 'arn:aws:rds:eu-west-1:123456789012:db:orders-prod-db');
      assert.match(result, /^Could not read CloudTrail for orders-prod-db with the current profile\. eu-west-1: /);
      assert.equal(lookups(api).lastAnswer(), result);
    });
  });
});
