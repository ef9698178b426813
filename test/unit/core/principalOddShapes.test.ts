// Principals of records with fields missing (odd event shapes: redacted, cross-account, service and
// early-format records). Each row is what the tree shows as the group key and label, what the Username
// lookup matches, and the session the event falls under; a record with less in it must still group
// and read sensibly, never as "undefined".
import * as assert from 'node:assert/strict';
import type { Principal } from '../../../src/core/model';
import { derivePrincipal } from '../../../src/core/principal';

const of = (userIdentity: unknown, extra: Record<string, unknown> = {}): Principal => derivePrincipal({ eventName: 'X', userIdentity, ...extra });

/** key, label, userName, sessionKey, sessionLabel: what a person sees of a principal. */
const seen = (p: Principal): (string | undefined)[] => [p.key, p.label, p.userName, p.sessionKey, p.sessionLabel];

describe('core/principal with fields missing', () => {
  it('Root without an ARN, account or alias still says root, and names the account from the ARN when only that is there', () => {
    assert.deepEqual(seen(of({ type: 'Root' })), ['root@unknown', 'root (unknown account)', 'root', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'Root', arn: 'arn:aws:iam::444455556666:root' })), ['arn:aws:iam::444455556666:root', 'root (444455556666)', 'root', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'Root', arn: 'arn:aws:iam:::root' })), ['arn:aws:iam:::root', 'root (unknown account)', 'root', undefined, undefined]);
  });

  it('IAMUser: name from the ARN, then the principal id; the access key is the session', () => {
    assert.deepEqual(seen(of({ type: 'IAMUser', arn: 'arn:aws:iam::1:user/dev/alice', accessKeyId: 'AKIA1' })), ['arn:aws:iam::1:user/dev/alice', 'alice', 'alice', 'AKIA1', 'AKIA1']);
    assert.deepEqual(seen(of({ type: 'IAMUser', accountId: '1', principalId: 'AIDAEXAMPLE' })), ['iam-user:1/AIDAEXAMPLE', 'AIDAEXAMPLE', 'AIDAEXAMPLE', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'IAMUser', arn: 'arn:aws:iam::1:user/' })), ['arn:aws:iam::1:user/', 'unknown user', 'unknown user', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'IAMUser' })), ['iam-user:unknown/unknown user', 'unknown user', 'unknown user', undefined, undefined]);
  });

  it('Role: name from the ARN, the user name or the principal id, scoped by account', () => {
    assert.deepEqual(seen(of({ type: 'Role', accountId: '1', userName: 'deployer' })), ['role:1/deployer', 'deployer', 'deployer', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'Role', principalId: 'AROAEXAMPLE' })), ['role:unknown/AROAEXAMPLE', 'AROAEXAMPLE', 'AROAEXAMPLE', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'Role' })), ['role:unknown/unknown role', 'unknown role', 'unknown role', undefined, undefined]);
  });

  it('FederatedUser: name after federated-user/, else the user name; the issuing user is the session', () => {
    const issued = of({ type: 'FederatedUser', accountId: '1', userName: 'bob', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::1:user/broker' } } });
    assert.deepEqual(seen(issued), ['federated-user:1/bob', 'bob', 'bob', 'arn:aws:iam::1:user/broker', 'via broker']);
    assert.equal(issued.sessionIssuerArn, 'arn:aws:iam::1:user/broker');
    assert.deepEqual(seen(of({ type: 'FederatedUser', arn: 'arn:aws:sts::1:federated-user/', principalId: '1:carol' })), ['arn:aws:sts::1:federated-user/', '1:carol', '1:carol', undefined, undefined]);
    assert.equal(of({ type: 'FederatedUser', arn: ':federated-user/zed' }).label, 'zed');
    const bare = of({ type: 'FederatedUser' });
    assert.deepEqual(seen(bare), ['federated-user:unknown/unknown federated user', 'unknown federated user', 'unknown federated user', undefined, undefined]);
    assert.equal(bare.sessionIssuerArn, undefined);
  });

  it('IdentityCenterUser: grouped by store and user id, else account and name; the credential is the session', () => {
    const named = of({ type: 'IdentityCenterUser', accountId: '1', userName: 'dana', credentialId: 'cred-1' });
    assert.deepEqual(seen(named), ['identity-center:1/dana', 'dana', 'dana', 'cred-1', 'cred-1']);
    const byId = of({ type: 'IdentityCenterUser', onBehalfOf: { userId: 'u-1' } });
    assert.deepEqual(seen(byId), ['identity-center:unknown/u-1', 'u-1', undefined, undefined, undefined]);
    // No user name to match: the Username lookup has nothing to compare, not an empty value.
    assert.equal('userName' in byId, false);
    assert.deepEqual(seen(of({ type: 'IdentityCenterUser' })), ['identity-center:unknown/unknown', 'Identity Center user', undefined, undefined, undefined]);
  });

  it('SAMLUser and WebIdentityUser without a provider or name', () => {
    assert.deepEqual(seen(of({ type: 'SAMLUser' })), ['saml:unknown-provider/unknown user', 'unknown user', 'unknown user', undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'WebIdentityUser', principalId: 'p-1' })), ['web-identity:unknown-provider/p-1', 'p-1', 'p-1', 'p-1', 'p-1']);
  });

  it('AWSService and AWSAccount with little in them', () => {
    assert.deepEqual(seen(of({ type: 'AWSService' })), ['service:unknown service', 'unknown service', undefined, undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'AWSAccount', accountId: '1', principalId: 'AIDAX' })), ['account:1/AIDAX', 'account 1', undefined, 'AIDAX', 'AIDAX']);
    assert.deepEqual(seen(of({ type: 'AWSAccount' })), ['account:unknown', 'account unknown', undefined, undefined, undefined]);
  });

  it('an Insights event has no caller and groups under CloudTrail Insights', () => {
    assert.deepEqual(seen(derivePrincipal({ eventType: 'AwsCloudTrailInsight' })), ['insights', 'CloudTrail Insights', undefined, undefined, undefined]);
  });

  it('a type added after this was written: named by whatever identifies it, else "<type> caller"', () => {
    assert.deepEqual(seen(of({ type: 'Directory', accountId: '1', arn: 'arn:aws:ds::1:x', accessKeyId: 'AKIA2' })), ['directory:1/arn:aws:ds::1:x', 'arn:aws:ds::1:x', undefined, 'AKIA2', 'AKIA2']);
    assert.deepEqual(seen(of({ type: 'Directory', accessKeyId: 'AKIA3' })), ['directory:unknown/AKIA3', 'AKIA3', undefined, 'AKIA3', 'AKIA3']);
    assert.deepEqual(seen(of({ type: 'Directory' })), ['directory:unknown/unknown', 'Directory caller', undefined, undefined, undefined]);
  });

  it('AssumedRole: a role ARN without a session, a principal id without one, a role named only by its issuer user name', () => {
    assert.deepEqual(seen(of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Deploy', principalId: 'AROAX:ci-run' })), ['arn:aws:iam::1:role/Deploy', 'Deploy', 'ci-run', 'ci-run', 'ci-run']);
    assert.deepEqual(seen(of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Deploy', principalId: 'AROAX' })), ['arn:aws:iam::1:role/Deploy', 'Deploy', undefined, undefined, undefined]);
    assert.deepEqual(seen(of({ type: 'AssumedRole', accountId: '2', sessionContext: { sessionIssuer: { userName: 'Ops' } } })), ['arn:aws:iam::2:role/Ops', 'Ops', undefined, undefined, undefined]);
    const bare = of({ type: 'AssumedRole' });
    assert.deepEqual(seen(bare), ['arn:aws:iam::unknown:role/unknown role', 'unknown role', undefined, undefined, undefined]);
    assert.deepEqual(Object.keys(bare).sort(), ['key', 'label', 'type']);
    // A role name that is empty in the ARN is kept as written, never taken for a session.
    assert.deepEqual(seen(of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role//x' })), ['arn:aws:iam::1:role//x', '/x', undefined, undefined, undefined]);
  });

  it('AssumedRole without a session context: grouped under the role the ARN names, the session apart from it', () => {
    // Every session of the role lands in one group; the role name must not take the session with it.
    const a = of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Deploy/ci-run-1' });
    const b = of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Deploy/ci-run-2' });
    assert.deepEqual(seen(a), ['arn:aws:iam::1:role/Deploy', 'Deploy', 'ci-run-1', 'ci-run-1', 'ci-run-1']);
    assert.equal(b.key, a.key);
    // A principal id whose role-id part is empty still names the session after the colon.
    assert.deepEqual(seen(of({ type: 'AssumedRole', accountId: '1', principalId: ':ci-run-3' })), ['arn:aws:iam::1:role/unknown role', 'unknown role', 'ci-run-3', 'ci-run-3', 'ci-run-3']);
  });

  it('AssumedRole: the source identity shows only when it differs from the session name', () => {
    const same = of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/R/alice', sessionContext: { sourceIdentity: 'alice' } });
    assert.equal(same.sessionLabel, 'alice');
    const other = of({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/R/ci', sessionContext: { sourceIdentity: 'alice' } });
    assert.equal(other.sessionLabel, 'ci (alice)');
  });

  it('Identity Center roles: the permission set without its id suffix, the whole name when nothing follows the prefix, and no per-human group without a session', () => {
    const sso = (role: string, session?: string): Principal =>
      of({ type: 'AssumedRole', ...(session ? { arn: `arn:aws:sts::1:assumed-role/${role}/${session}` } : {}), sessionContext: { sessionIssuer: { arn: `arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/${role}` } } });
    assert.equal(sso('AWSReservedSSO_ReadOnly_0123456789abcdef', 'erin').label, 'erin (SSO: ReadOnly)');
    assert.equal(sso('AWSReservedSSO_ReadOnly_0123', 'erin').label, 'erin (SSO: ReadOnly_0123)');
    assert.equal(sso('AWSReservedSSO_', 'erin').label, 'erin (SSO: AWSReservedSSO_)');
    // Only a 16-hex-digit suffix at the very end is the id; the same digits inside the name stay.
    assert.equal(sso('AWSReservedSSO_Admin_0123456789abcdef0', 'erin').label, 'erin (SSO: Admin_0123456789abcdef0)');
    const noSession = sso('AWSReservedSSO_ReadOnly_0123456789abcdef');
    assert.deepEqual(seen(noSession), ['arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef', 'AWSReservedSSO_ReadOnly_0123456789abcdef', undefined, undefined, undefined]);
  });

  it('MFA: from the session attributes, else the sign-in record; "No" is false, anything else unknown', () => {
    assert.equal(of({ type: 'AssumedRole', sessionContext: { attributes: { mfaAuthenticated: 'true' } } }).mfaAuthenticated, true);
    assert.equal(of({ type: 'AssumedRole', sessionContext: { attributes: { mfaAuthenticated: 'false' } } }, { additionalEventData: { MFAUsed: 'Yes' } }).mfaAuthenticated, false);
    assert.equal(of({ type: 'IAMUser', userName: 'a' }, { additionalEventData: { MFAUsed: 'No' } }).mfaAuthenticated, false);
    assert.equal('mfaAuthenticated' in of({ type: 'IAMUser', userName: 'a' }, { additionalEventData: { MFAUsed: 'maybe' } }), false);
  });

  it('copies the account, ARN, access key and invoking service it was given, and leaves out what is missing', () => {
    const full = of({ type: 'IAMUser', userName: 'a', accountId: '1', arn: 'arn:aws:iam::1:user/a', accessKeyId: 'AKIA4', invokedBy: 'signin.amazonaws.com' });
    assert.deepEqual([full.accountId, full.arn, full.accessKeyId, full.invokedBy], ['1', 'arn:aws:iam::1:user/a', 'AKIA4', 'signin.amazonaws.com']);
    const bare = of({ type: 'IAMUser', userName: 'a' });
    assert.deepEqual(Object.keys(bare).sort(), ['key', 'label', 'type', 'userName']);
  });
});
