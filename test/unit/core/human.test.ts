import * as assert from 'node:assert/strict';
import { normalizeRecord } from '../../../src/core/event';
import { groupEvents } from '../../../src/core/grouping';
import { deriveHuman, humanLabel, recordHumanOf } from '../../../src/core/human';
import { resolveHumans } from '../../../src/core/humanIndex';
import type { TrailEvent } from '../../../src/core/model';
import { sampleRecord, type SampleRef } from './fixtures';

function normalized(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) assert.fail(result.error.error);
  return result.event;
}

const IAM = 'iam-user-guide:doc_source/cloudtrail-integration.md@e2b8637';
const SSO_SIGN_IN = 'aws-single-sign-on-user-guide:doc_source/understanding-sign-in-events.md';

/** Real records; the expected human is what each record's userIdentity says. */
const realCases: { ref: SampleRef; label: string; how: string; kind: string; why: string }[] = [
  { ref: { source: IAM, eventName: 'AssumeRole', eventID: 'dEXAMPLE-ac7f-466c-a608-4ac8dEXAMPLE' }, label: 'JohnDoe', how: 'iam-user', kind: 'person', why: 'an IAM user calling AssumeRole' },
  {
    ref: { source: IAM, eventName: 'AssumeRole', eventID: '1917948f-3042-46ec-98e2-62865EXAMPLE' },
    label: 'JohnDoe (via role JohnRole1, source identity)',
    how: 'source-identity',
    kind: 'person',
    why: 'a role session carrying sessionContext.sourceIdentity (role chaining)',
  },
  { ref: { source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID: 'deb1e1f9-c99b-4612-8e9f-21f93b5d79c0' }, label: 'root (111122223333)', how: 'root', kind: 'person', why: 'the root user signing in' },
  { ref: { source: SSO_SIGN_IN, eventName: 'CredentialChallenge' }, label: 'user1 (sign-in)', how: 'sign-in', kind: 'person', why: 'an Identity Center sign-in (type Unknown, userName user1)' },
  { ref: { source: 'aws-single-sign-on-user-guide:doc_source/understanding-sso-entries.md', eventName: 'CreateToken' }, label: 'bobsmith@example.com (sign-in)', how: 'sign-in', kind: 'person', why: 'an Identity Center portal call by email' },
  { ref: { source: 'amazon-dynamodb-developer-guide:doc_source/encryption.usagenotes.md', eventName: 'GenerateDataKey' }, label: 'dynamodb.amazonaws.com (AWS service)', how: 'aws-service', kind: 'service', why: 'userIdentity.type AWSService' },
  { ref: { source: 'amazon-athena-user-guide:doc_source/notebooks-spark-troubleshooting-cloudtrail.md', eventName: 'StartSession' }, label: 'Admin (role session)', how: 'role', kind: 'workload', why: 'an assumed-role session that names nobody' },
  { ref: { source: 'aws-codebuild-user-guide', eventName: 'CreateProject' }, label: 'user-name (via user-name, federation)', how: 'federated', kind: 'person', why: 'a FederatedUser issued by an IAM user' },
];

describe('core/human on real records', () => {
  for (const c of realCases) {
    it(`${c.label} — ${c.why}`, () => {
      const event = normalized(sampleRecord(c.ref));
      const human = recordHumanOf(event);
      assert.deepEqual([human.label, human.how, human.kind], [c.label, c.how, c.kind]);
      assert.deepEqual(event.human, human, 'computed at normalisation');
    });
  }

  it('does not link a session to an AssumeRole whose assumedRoleUser ARN is another session (the docs reuse one placeholder key)', () => {
    // JohnDoe's AssumeRole issued AKIAQRSTUVWXYZEXAMPLE for assumed-role/EC2-dev/JohnDoe-EC2-dev; the DeleteBucket
    // record signed with the same placeholder key is assumed-role/AssumeNothing/devdsk: not that session.
    const assume = normalized(sampleRecord({ source: IAM, eventName: 'AssumeRole', eventID: 'dEXAMPLE-ac7f-466c-a608-4ac8dEXAMPLE' }));
    const del = normalized(sampleRecord({ source: IAM, eventName: 'DeleteBucket' }));
    assert.equal(del.principal.accessKeyId, 'AKIAQRSTUVWXYZEXAMPLE');
    const index = resolveHumans([assume, del]);
    assert.equal(index.issuerOf(del), undefined);
    assert.equal(index.humanOf(del).label, 'AssumeNothing (role session)');
  });
});

describe('core/human generated: IAM Identity Center users, emails, SAML, web identity and role chains', () => {
  const account = '123456789012';
  const at = (minute: number): string => new Date(Date.UTC(2026, 10, 21, 9, minute)).toISOString().replace('.000Z', 'Z');
  const sso = 'AWSReservedSSO_PowerUserAccess_0123456789abcdef';
  const roleSession = (role: string, session: string, key: string, extra: Record<string, unknown> = {}) => ({
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: key,
    sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${account}:role/${role.startsWith('AWSReservedSSO_') ? 'aws-reserved/sso.amazonaws.com/' : ''}${role}`, userName: role }, attributes: { mfaAuthenticated: 'false' }, ...extra },
  });
  let n = 0;
  const call = (minute: number, name: string, userIdentity: unknown, responseElements: unknown = null) => normalized({ eventVersion: '1.09', eventTime: at(minute), eventName: name, eventSource: 'sts.amazonaws.com', awsRegion: 'us-east-1', eventID: `g-${n++}`, userIdentity, responseElements });
  const assume = (minute: number, caller: unknown, role: string, session: string, key: string) =>
    call(minute, 'AssumeRole', caller, { credentials: { accessKeyId: key }, assumedRoleUser: { arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}` } });

  it('an SSO session is its user, by session name, with the permission set', () => {
    const event = call(1, 'ListBuckets', roleSession(sso, 'alice@example.com', 'ASIAALICE0000000001'));
    assert.equal(recordHumanOf(event).label, 'alice@example.com (via PowerUserAccess, SSO)');
  });

  it('follows SSO → deploy → release: every call of the last session is alice’s', () => {
    const first = call(1, 'GetCallerIdentity', roleSession(sso, 'alice', 'ASIAALICE0000000001'));
    const hop1 = assume(2, roleSession(sso, 'alice', 'ASIAALICE0000000001'), 'deploy', 'alice-deploy', 'ASIADEPLOY000000002');
    const onDeploy = call(3, 'PutParameter', roleSession('deploy', 'alice-deploy', 'ASIADEPLOY000000002'));
    const hop2 = assume(4, roleSession('deploy', 'alice-deploy', 'ASIADEPLOY000000002'), 'release', 'run-77', 'ASIARELEASE00000003');
    const onRelease = call(5, 'UpdateFunctionCode', roleSession('release', 'run-77', 'ASIARELEASE00000003'));
    const index = resolveHumans([onRelease, hop2, onDeploy, hop1, first]);
    assert.equal(recordHumanOf(onDeploy).label, 'deploy (role session)', 'the record alone names nobody');
    assert.equal(index.humanOf(onDeploy).label, 'alice (via role deploy, SSO)');
    assert.equal(index.humanOf(onRelease).label, 'alice (via role release, SSO)');
    assert.equal(index.issuerOf(onRelease), hop2);
    const groups = groupEvents([first, hop1, onDeploy, hop2, onRelease], 'human');
    assert.deepEqual(
      groups.map((g) => [g.label, g.count]),
      [['alice', 5]],
    );
  });

  it('ignores issuers that failed, that came later than the session’s call, or that issued another session', () => {
    const caller = roleSession(sso, 'alice', 'ASIAALICE0000000001');
    const late = assume(50, caller, 'deploy', 's', 'ASIALATE00000000001');
    const useEarly = call(10, 'PutParameter', roleSession('deploy', 's', 'ASIALATE00000000001'));
    const failed = normalized({ ...late.raw, eventID: 'failed', eventTime: at(1), errorCode: 'AccessDenied', responseElements: { credentials: { accessKeyId: 'ASIAFAIL00000000001' } } });
    const useFailed = call(11, 'PutParameter', roleSession('deploy', 's', 'ASIAFAIL00000000001'));
    const index = resolveHumans([late, useEarly, failed, useFailed]);
    assert.equal(index.issuerOf(useEarly), undefined);
    assert.equal(index.issuerOf(useFailed), undefined);
  });

  it('cuts cycles instead of looping', () => {
    const a = assume(1, roleSession('ra', 'x', 'ASIAKEYB00000000002'), 'rb', 'y', 'ASIAKEYA00000000001');
    const b = assume(2, roleSession('rb', 'y', 'ASIAKEYA00000000001'), 'ra', 'x', 'ASIAKEYB00000000002');
    const index = resolveHumans([a, b]);
    assert.ok(index.humanOf(a).label.length > 0 && index.humanOf(b).label.length > 0);
  });

  it('a web-identity (GitHub OIDC) pipeline and a Lambda function are the workloads behind their role sessions', () => {
    const oidc = call(1, 'AssumeRoleWithWebIdentity', { type: 'WebIdentityUser', userName: 'repo:acme/infra:ref:refs/heads/main', identityProvider: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` }, { credentials: { accessKeyId: 'ASIAPIPE00000000001' }, assumedRoleUser: { arn: `arn:aws:sts::${account}:assumed-role/terraform-deploy/gh-1` } });
    const pipe = call(2, 'ReplaceRoute', roleSession('terraform-deploy', 'gh-1', 'ASIAPIPE00000000001'));
    const lambda = call(3, 'AssumeRole', { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' }, { credentials: { accessKeyId: 'ASIAFN0000000000001' }, assumedRoleUser: { arn: `arn:aws:sts::${account}:assumed-role/fn-role/fn` } });
    const fn = call(4, 'GetSecretValue', roleSession('fn-role', 'fn', 'ASIAFN0000000000001'));
    const index = resolveHumans([oidc, pipe, lambda, fn]);
    assert.equal(index.humanOf(pipe).label, 'repo:acme/infra:ref:refs/heads/main (via role terraform-deploy, web identity)');
    assert.equal(index.humanOf(pipe).kind, 'workload');
    assert.equal(index.humanOf(fn).label, 'lambda.amazonaws.com (via role fn-role, AWS service)');
  });

  it('emails in session names, onBehalfOf and SAML users', () => {
    assert.equal(deriveHuman({ userIdentity: roleSession('Admin', 'bob@example.com', 'ASIA1') }).label, 'bob@example.com (via role Admin, session name)');
    const onBehalf = deriveHuman({ userIdentity: { ...roleSession('ops', 'x', 'ASIA2'), onBehalfOf: { userId: '94d00cd8', identityStoreArn: 'arn:aws:identitystore::1:identitystore/d-1' } } });
    assert.deepEqual([onBehalf.key, onBehalf.how], ['identity-center:arn:aws:identitystore::1:identitystore/d-1/94d00cd8', 'identity-center']);
    const saml = deriveHuman({ userIdentity: { type: 'SAMLUser', userName: 'dana@corp.example', identityProvider: 'arn:aws:iam::1:saml-provider/Okta' } });
    assert.deepEqual([saml.label, saml.kind], ['dana@corp.example (SAML)', 'person']);
    assert.equal(humanLabel({ name: 'x', how: 'role', via: 'y', viaRole: true }), 'x (via role y, role session)');
  });

  it('the same person signing in through SSO on different days is one key (case-insensitive email)', () => {
    const a = deriveHuman({ userIdentity: roleSession(sso, 'Alice@Example.com', 'ASIA1') });
    const b = deriveHuman({ userIdentity: roleSession(sso, 'alice@example.com', 'ASIA9') });
    assert.equal(a.key, b.key);
  });

  it('never throws on odd identities', () => {
    for (const odd of [null, 1, {}, { userIdentity: 'x' }, { userIdentity: { type: 'AssumedRole' } }, { userIdentity: { type: 'Directory' } }]) {
      assert.ok(deriveHuman(odd).label.length > 0);
    }
  });
});
