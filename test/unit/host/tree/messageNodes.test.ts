import * as assert from 'node:assert/strict';
import { emptyNodes, failureNodes, regionErrorNodes, ssoProfileFromMessage } from '../../../../src/host/tree/messageNodes';
import { NO_FILTER } from '../../../../src/core/viewFilter';

describe('views/messageNodes', () => {
  it('offers aws sso login for an expired SSO session, plus Retry and Show Logs', () => {
    const nodes = failureNodes({ kind: 'ssoExpired', message: 'The SSO session for profile corp has expired. Run `aws sso login --profile corp`.', ssoLoginProfile: 'corp' }, '', 'retry.cmd');
    assert.deepEqual(nodes.map((n) => n.label), ['The SSO session for profile corp has expired. Run `aws sso login --profile corp`.', 'Run aws sso login --profile corp', 'Retry', 'Show Logs']);
    assert.equal(nodes[0].severity, 'error');
    assert.deepEqual(nodes[1].command?.arguments, ['corp']);
    assert.equal(nodes[1].command.command, 'cloudtrailInvestigator.runSsoLogin');
    assert.equal(nodes[3].command?.command, 'cloudtrailInvestigator.showLogs');
  });

  it('finds the SSO profile in a failure that came back as region text', () => {
    const nodes = failureNodes({ kind: 'regionFailure', message: 'us-east-1: The SSO session for profile sso-new has expired. Run `aws sso login --profile sso-new`.' }, '');
    assert.equal(nodes[1].label, 'Run aws sso login --profile sso-new');
  });

  it('shows access denied without an SSO button', () => {
    const nodes = failureNodes({ kind: 'accessDenied', message: 'Access denied in us-east-1: profile dev is not allowed to call cloudtrail:LookupEvents.' }, '');
    assert.deepEqual(nodes.map((n) => n.label.slice(0, 13)), ['Access denied', 'Show Logs']);
  });

  it('finds the profile in an aws sso login hint', () => {
    assert.equal(ssoProfileFromMessage('Refresh them (for SSO: `aws sso login --profile prod-admin`) and try again.'), 'prod-admin');
    assert.equal(ssoProfileFromMessage('Access denied'), undefined);
  });

  it('turns region failures into warnings with an SSO action when the message has one', () => {
    const nodes = regionErrorNodes([{ region: 'eu-west-1', message: 'Run `aws sso login --profile corp`.' }, { region: 'ap-south-2', message: 'Region not enabled' }], 'p/');
    assert.deepEqual(nodes.map((n) => [n.id, n.severity, n.command?.command]), [
      ['p/message/region/eu-west-1', 'warning', 'cloudtrailInvestigator.runSsoLogin'],
      ['p/message/region/ap-south-2', 'warning', undefined],
    ]);
  });

  it('explains an empty window: what was searched and where global events live', () => {
    const nodes = emptyNodes({ lookbackHours: 24, regions: ['eu-west-1'], includeReadOnly: false, loaded: 0, filter: NO_FILTER }, '', 'eu-west-1');
    assert.deepEqual(nodes.map((n) => n.label), [
      'No events in the last 24 hours in eu-west-1 (write events only).',
      'IAM, STS, CloudFront and console sign-in events live in us-east-1.',
      'Include read-only events',
      'Change the time window…',
    ]);
  });

  it('skips the us-east-1 hint when us-east-1 was searched (also as the profile region)', () => {
    const labels = emptyNodes({ lookbackHours: 168, regions: [], includeReadOnly: true, loaded: 0, filter: NO_FILTER }, '', 'us-east-1').map((n) => n.label);
    assert.deepEqual(labels, ['No events in the last 7 days in us-east-1 (read and write events).', 'Change the time window…']);
  });

  it('says when the filter hid every loaded event', () => {
    const nodes = emptyNodes({ lookbackHours: 24, regions: ['us-east-1'], includeReadOnly: false, loaded: 40, filter: { text: 'zed', errorsOnly: true } }, '', 'us-east-1');
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0].label, 'No events match the filter (errors only · "zed"); 40 loaded.');
    assert.equal(nodes[0].command?.command, 'cloudtrailInvestigator.events.clearFilter');
  });
});
