import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { listProfiles, type AwsProfile } from '../../../src/aws/profiles';
import { FIXTURE_SECRETS, assertNoSecrets } from '../../support/secrets';
import { FIXTURE_DIR, FIXTURE_FILES, fixtureSecrets } from './awsConfigFixture';

describe('aws/profiles', () => {
  let profiles: AwsProfile[];
  before(async () => {
    profiles = await listProfiles(FIXTURE_FILES);
  });
  const byName = (name: string): AwsProfile => {
    const p = profiles.find((x) => x.name === name);
    assert.ok(p, `profile ${name} missing`);
    return p;
  };

  it('lists profiles from both files, default first, without sso-session or services sections', () => {
    assert.deepEqual(
      profiles.map((p) => p.name),
      ['default', 'assume-admin', 'assume-from-env', 'no-creds', 'process-bad-json', 'process-counting', 'process-creds', 'process-fails', 'session-only', 'sso-legacy', 'sso-new', 'static-dev', 'web-identity'],
    );
  });

  it('recognizes every kind of profile', () => {
    assert.deepEqual(
      Object.fromEntries(profiles.map((p) => [p.name, p.kind])),
      {
        default: 'staticKeys',
        'assume-admin': 'assumeRole',
        'assume-from-env': 'assumeRole',
        'no-creds': 'none',
        'process-bad-json': 'credentialProcess',
        'process-counting': 'credentialProcess',
        'process-creds': 'credentialProcess',
        'process-fails': 'credentialProcess',
        'session-only': 'staticKeys',
        'sso-legacy': 'ssoLegacy',
        'sso-new': 'ssoSession',
        'static-dev': 'staticKeys',
        'web-identity': 'webIdentity',
      },
    );
  });

  it('reads each profile region and the details a picker shows', () => {
    assert.equal(byName('default').region, 'us-east-1');
    assert.equal(byName('static-dev').region, 'eu-west-1');
    assert.equal(byName('session-only').region, 'ca-central-1', 'region from the credentials file');
    assert.equal(byName('sso-legacy').region, undefined);
    assert.deepEqual(byName('static-dev').sources, ['config', 'credentials']);
    assert.deepEqual(byName('session-only').sources, ['credentials']);
    const admin = byName('assume-admin');
    assert.equal(admin.roleArn, 'arn:aws:iam::111122223333:role/Admin');
    assert.equal(admin.sourceProfile, 'static-dev');
    assert.equal(admin.mfaSerial, 'arn:aws:iam::111122223333:mfa/alice');
    assert.equal(byName('assume-from-env').credentialSource, 'Environment');
    assert.equal(byName('sso-new').ssoSession, 'corp');
    assert.equal(byName('sso-new').ssoStartUrl, 'https://corp.awsapps.com/start');
    assert.equal(byName('sso-legacy').ssoStartUrl, 'https://corp.awsapps.com/start');
  });

  it('never exposes keys or tokens', () => {
    const text = JSON.stringify(profiles);
    assert.equal(fixtureSecrets().length, 4);
    for (const secret of fixtureSecrets()) assert.ok(!text.includes(secret));
    assertNoSecrets(text, FIXTURE_SECRETS, 'the profile list');
    assert.doesNotMatch(text, /AKIAFIXTURE|ASIAFIXTURE/);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = FIXTURE_FILES.configFilepath;
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(FIXTURE_DIR, 'missing-credentials');
    try {
      const fromEnv = await listProfiles();
      assert.ok(fromEnv.some((p) => p.name === 'sso-new'));
      assert.ok(!fromEnv.some((p) => p.name === 'session-only'), 'the credentials file came from the environment too');
    } finally {
      for (const [key, value] of [
        ['AWS_CONFIG_FILE', saved.config],
        ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
      ] as const) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
    }
  });
});
