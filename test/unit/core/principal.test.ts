import * as assert from 'node:assert/strict';
import { derivePrincipal } from '../../../src/core/principal';

const withIdentity = (userIdentity: unknown, extra: Record<string, unknown> = {}): unknown => ({ eventName: 'X', userIdentity, ...extra });

describe('core/principal derivePrincipal', () => {
  it('Root: ARN key, account label, LookupEvents user name "root", access key as session', () => {
    const p = derivePrincipal(withIdentity({ type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE' }));
    assert.deepEqual([p.key, p.label, p.type, p.userName, p.sessionKey], ['arn:aws:iam::111122223333:root', 'root (111122223333)', 'Root', 'root', 'AKIAEXAMPLE']);
    const alias = derivePrincipal(withIdentity({ type: 'Root', accountId: '111122223333', userName: 'my-alias' }));
    assert.deepEqual([alias.key, alias.label], ['root@111122223333', 'root (my-alias)']);
  });

  it('IAMUser: user ARN key and user name label; empty access key is absent', () => {
    const p = derivePrincipal(withIdentity({ type: 'IAMUser', arn: 'arn:aws:iam::1:user/dev/alice', userName: 'alice', accessKeyId: '' }));
    assert.deepEqual([p.key, p.label, p.userName, p.accessKeyId, p.sessionKey], ['arn:aws:iam::1:user/dev/alice', 'alice', 'alice', undefined, undefined]);
  });

  it('AssumedRole: role ARN (with path) as key, session name as sub-key and user name', () => {
    const identity = {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:deploy-42',
      arn: 'arn:aws:sts::1:assumed-role/Deployer/deploy-42',
      accountId: '1',
      sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::1:role/ci/Deployer', userName: 'Deployer' }, attributes: { mfaAuthenticated: 'true' } },
    };
    const p = derivePrincipal(withIdentity(identity));
    assert.deepEqual([p.key, p.label, p.sessionKey, p.sessionLabel, p.userName, p.mfaAuthenticated], ['arn:aws:iam::1:role/ci/Deployer', 'Deployer', 'deploy-42', 'deploy-42', 'deploy-42', true]);
    const other = derivePrincipal(withIdentity({ ...identity, arn: 'arn:aws:sts::1:assumed-role/Deployer/deploy-43' }));
    assert.equal(other.key, p.key, 'two sessions of one role share the key');
    assert.notEqual(other.sessionKey, p.sessionKey);
  });

  it('AssumedRole without sessionIssuer: role derived from the assumed-role ARN, session from principalId', () => {
    const p = derivePrincipal(withIdentity({ type: 'AssumedRole', principalId: 'AROA:sess', accountId: '1', arn: 'arn:aws:sts::1:assumed-role/R' }));
    assert.deepEqual([p.key, p.label, p.sessionKey], ['arn:aws:iam::1:role/R', 'R', 'sess']);
  });

  it('AssumedRole with sourceIdentity shows it beside the session name', () => {
    const p = derivePrincipal(withIdentity({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/R/s', sessionContext: { sourceIdentity: 'alice@corp', sessionIssuer: { arn: 'arn:aws:iam::1:role/R' } } }));
    assert.equal(p.sessionLabel, 's (alice@corp)');
  });

  it('IAM Identity Center AWSReservedSSO_* roles group by the human session', () => {
    const roleArn = 'arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef';
    const sso = (session: string): unknown =>
      withIdentity({ type: 'AssumedRole', arn: `arn:aws:sts::1:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/${session}`, sessionContext: { sessionIssuer: { arn: roleArn, userName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef' } } });
    const alice = derivePrincipal(sso('alice@example.com'));
    const bob = derivePrincipal(sso('bob@example.com'));
    assert.equal(alice.key, `${roleArn}/alice@example.com`);
    assert.equal(alice.label, 'alice@example.com (SSO: AdministratorAccess)');
    assert.equal(alice.userName, 'alice@example.com');
    assert.notEqual(alice.key, bob.key);
  });

  it('Role: ARN key and role name label', () => {
    const p = derivePrincipal(withIdentity({ type: 'Role', arn: 'arn:aws:iam::1:role/app/Worker', accountId: '1' }));
    assert.deepEqual([p.key, p.label], ['arn:aws:iam::1:role/app/Worker', 'Worker']);
  });

  it('FederatedUser: federated-user ARN, name, and the issuer as session', () => {
    const p = derivePrincipal(withIdentity({ type: 'FederatedUser', arn: 'arn:aws:sts::1:federated-user/carol', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::1:user/broker' } } }));
    assert.deepEqual([p.key, p.label, p.sessionIssuerArn, p.sessionLabel], ['arn:aws:sts::1:federated-user/carol', 'carol', 'arn:aws:iam::1:user/broker', 'via broker']);
  });

  it('IdentityCenterUser: identity store + user id key, user name from additionalEventData', () => {
    const identity = { type: 'IdentityCenterUser', arn: '', accountId: '1', accessKeyId: '', onBehalfOf: { userId: 'u-94d0', identityStoreArn: 'arn:aws:identitystore::1:identitystore/d-123' }, credentialId: 'c-8f76' };
    const p = derivePrincipal(withIdentity(identity, { additionalEventData: { UserName: 'bobsmith@example.com' } }));
    assert.deepEqual([p.key, p.label, p.sessionKey, p.arn], ['identity-center:arn:aws:identitystore::1:identitystore/d-123/u-94d0', 'bobsmith@example.com', 'c-8f76', undefined]);
    assert.equal(derivePrincipal(withIdentity(identity)).label, 'u-94d0');
  });

  it('SAMLUser and WebIdentityUser: provider + user name', () => {
    const saml = derivePrincipal(withIdentity({ type: 'SAMLUser', identityProvider: 'arn:aws:iam::1:saml-provider/Okta', userName: 'dana', principalId: 'q:dana' }));
    assert.deepEqual([saml.key, saml.label, saml.sessionKey], ['saml:arn:aws:iam::1:saml-provider/Okta/dana', 'dana', 'q:dana']);
    const web = derivePrincipal(withIdentity({ type: 'WebIdentityUser', identityProvider: 'accounts.google.com', userName: '1234' }));
    assert.deepEqual([web.key, web.label], ['web-identity:accounts.google.com/1234', '1234']);
  });

  it('AWSService and AWSAccount', () => {
    const svc = derivePrincipal(withIdentity({ type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' }));
    assert.deepEqual([svc.key, svc.label, svc.invokedBy], ['service:autoscaling.amazonaws.com', 'autoscaling.amazonaws.com', 'autoscaling.amazonaws.com']);
    const acct = derivePrincipal(withIdentity({ type: 'AWSAccount', accountId: '444455556666', principalId: 'AIDA1' }));
    assert.deepEqual([acct.key, acct.label], ['account:444455556666/AIDA1', 'account 444455556666']);
  });

  it('Unknown, Directory and future types: name scoped by account, type kept as written', () => {
    const p = derivePrincipal(withIdentity({ type: 'Unknown', accountId: '1', userName: 'user1', arn: '' }));
    assert.deepEqual([p.key, p.label, p.type], ['unknown:1/user1', 'user1', 'Unknown']);
    const future = derivePrincipal(withIdentity({ type: 'QuantumUser', principalId: 'qp' }));
    assert.deepEqual([future.key, future.label, future.type], ['quantumuser:unknown/qp', 'qp', 'QuantumUser']);
  });

  it('missing userIdentity or type', () => {
    assert.deepEqual(pick(derivePrincipal({ eventName: 'X' })), ['unknown', 'Unknown caller', 'Missing']);
    assert.deepEqual(pick(derivePrincipal(withIdentity({ accountId: '1', invokedBy: 'AWS Internal' }))), ['service:AWS Internal', 'AWS Internal', 'Missing']);
    assert.deepEqual(pick(derivePrincipal(withIdentity({ accountId: '1' }))), ['account:1', 'account 1', 'Missing']);
    assert.deepEqual(pick(derivePrincipal(42)), ['unknown', 'Unknown caller', 'Missing']);
  });

  it('MFA from a console sign-in', () => {
    const p = derivePrincipal(withIdentity({ type: 'IAMUser', userName: 'a' }, { additionalEventData: { MFAUsed: 'Yes' } }));
    assert.equal(p.mfaAuthenticated, true);
  });
});

function pick(p: { key: string; label: string; type: string }): string[] {
  return [p.key, p.label, p.type];
}
