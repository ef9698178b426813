import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyAwsError, redactSecrets, type ClassifiedAwsError } from '../../../src/aws/awsErrors';
import { createApiEventSource } from '../../../src/aws/apiEventSource';
import { createCredentialsProvider } from '../../../src/aws/credentials';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { FIXTURE_DIR, FIXTURE_FILES, fixtureSecrets, useFixtureAwsHome } from './awsConfigFixture';
import { baseQuery, localSource, series, startServer } from './localEndpoint';


async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
}

describe('aws/awsErrors and credentials', () => {
  const produced: ClassifiedAwsError[] = [];
  const home = useFixtureAwsHome();

  const classifyProfile = async (profile: string, extra: { mfaCodeProvider?: (serial: string) => Promise<string> } = {}): Promise<ClassifiedAwsError> => {
    const err = await failureOf(createCredentialsProvider({ profile, ...FIXTURE_FILES, ...extra })());
    const c = classifyAwsError(err, { profile, region: 'us-east-1' });
    produced.push(c);
    return c;
  };

  it('resolves static keys from the fixture credentials file', async () => {
    const creds = await createCredentialsProvider({ profile: 'static-dev', ...FIXTURE_FILES })();
    assert.equal(creds.accessKeyId, 'AKIAFIXTURESTATICDEV');
  });

  it('resolves a profile once for all the regions of a query', async () => {
    const counter = path.join(home(), 'process-runs');
    process.env.CT_TEST_PROCESS_COUNTER = counter;
    const server = await startServer([...series('a', 3, 'us-east-1'), ...series('b', 3, 'eu-west-1'), ...series('c', 3, 'us-west-2')]);
    try {
      const regions = ['us-east-1', 'eu-west-1', 'us-west-2'];
      const source = createApiEventSource({ profile: 'process-counting', regions, endpoint: server.url, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }) });
      const first = await source.query(baseQuery({ regions }));
      const second = await source.query(baseQuery({ regions }));
      assert.equal(first.events.length + second.events.length, 18);
      assert.equal(readFileSync(counter, 'utf8'), 'x', 'credential_process ran more than once');
    } finally {
      Reflect.deleteProperty(process.env, 'CT_TEST_PROCESS_COUNTER');
      await server.close();
    }
  });

  it('says when a profile does not exist', async () => {
    const c = await classifyProfile('nope');
    assert.equal(c.kind, 'unknownProfile');
    assert.match(c.message, /Profile nope was not found/);
  });

  it('says when a profile has no credentials', async () => {
    const c = await classifyProfile('no-creds');
    assert.equal(c.kind, 'noCredentials');
    assert.match(c.message, /Profile no-creds has no usable credentials/);
  });

  it('asks for an MFA code through the callback, and explains when none can be given', async () => {
    const c = await classifyProfile('assume-admin');
    assert.equal(c.kind, 'mfaRequired');
    assert.match(c.message, /assume-admin requires an MFA code/);
    const asked: string[] = [];
    await failureOf(
      createCredentialsProvider({
        profile: 'assume-admin',
        ...FIXTURE_FILES,
        mfaCodeProvider: (serial) => {
          asked.push(serial);
          return Promise.reject(new Error('cancelled by the user'));
        },
      })(),
    );
    assert.deepEqual(asked, ['arn:aws:iam::111122223333:mfa/alice']);
  });

  it('offers `aws sso login --profile` for sso-session and legacy SSO profiles without a valid token', async () => {
    for (const profile of ['sso-new', 'sso-legacy']) {
      const c = await classifyProfile(profile);
      assert.equal(c.kind, 'ssoExpired', profile);
      assert.equal(c.ssoLoginProfile, profile);
      assert.ok(c.message.includes(`Run \`aws sso login --profile ${profile}\``), c.message);
    }
  });

  it('reports a failing credential_process', async () => {
    const c = await classifyProfile('process-creds');
    assert.equal(c.kind, 'noCredentials');
    assert.match(c.message, /^credential_process for profile process-creds failed with exit 127 \(its output is not shown/);
  });

  it('says when there are no credentials at all (default chain)', async () => {
    const missing = path.join(FIXTURE_DIR, 'does-not-exist');
    process.env.AWS_CONFIG_FILE = missing;
    process.env.AWS_SHARED_CREDENTIALS_FILE = missing;
    const err = await failureOf(createCredentialsProvider({ configFilepath: missing, filepath: missing })()).finally(() => {
      process.env.AWS_CONFIG_FILE = FIXTURE_FILES.configFilepath;
      process.env.AWS_SHARED_CREDENTIALS_FILE = FIXTURE_FILES.filepath;
    });
    const c = classifyAwsError(err);
    produced.push(c);
    assert.equal(c.kind, 'noCredentials');
    assert.match(c.message, /No AWS credentials were found/);
  });

  it('classifies access denied and expired tokens for keys taken from a profile', async () => {
    const creds = await createCredentialsProvider({ profile: 'session-only', ...FIXTURE_FILES })();
    const server = await startServer(series('e', 5), { deniedAccessKeys: [creds.accessKeyId] });
    try {
      const denied = await localSource(server, { credentials: creds, profile: 'session-only' }).query(baseQuery());
      assert.match(denied.regionErrors[0].message, /Access denied in us-east-1/);
      server.setOptions({ deniedAccessKeys: [], expiredAccessKeys: [creds.accessKeyId] });
      const expired = await localSource(server, { credentials: creds, profile: 'session-only' }).query(baseQuery());
      assert.match(expired.regionErrors[0].message, /have expired/);
      produced.push(...[...denied.regionErrors, ...expired.regionErrors].map((e) => ({ kind: 'other' as const, message: e.message })));
    } finally {
      await server.close();
    }
  });

  it('says when the endpoint cannot be reached', async () => {
    const server = await startServer([]);
    const url = server.url;
    await server.close();
    const result = await localSource({ url } as LocalCloudTrail).query(baseQuery());
    assert.match(result.regionErrors[0].message, new RegExp(`Cannot reach the endpoint ${url.replace(/[.]/g, '\\.')}`));
  });

  it('maps service error names to kinds', () => {
    const named = (name: string, message = 'x'): Error => Object.assign(new Error(message), { name });
    const cases: [Error, string][] = [
      [named('ThrottlingException', 'Rate exceeded'), 'throttled'],
      [named('InvalidTimeRangeException'), 'invalidTimeRange'],
      [named('InvalidLookupAttributesException'), 'invalidAttribute'],
      [named('ExpiredTokenException'), 'expiredToken'],
      [named('UnrecognizedClientException'), 'expiredToken'],
      [named('AccessDeniedException'), 'accessDenied'],
      [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'network'],
      [named('TokenProviderError', 'Token is expired.'), 'ssoExpired'],
      [named('SomethingNew', 'surprise'), 'other'],
    ];
    for (const [err, kind] of cases) assert.equal(classifyAwsError(err, { profile: 'p' }).kind, kind, err.name);
    assert.equal(classifyAwsError('a string').kind, 'other');
    assert.equal(classifyAwsError(undefined).kind, 'other');
  });

  it('redacts anything shaped like a key or token that an unexpected error quotes', () => {
    const [, secret, , token] = fixtureSecrets();
    const err = new Error(`signature mismatch for AKIAFIXTURESTATICDEV using ${secret} and ${token}`);
    const c = classifyAwsError(err, { profile: 'static-dev' });
    produced.push(c);
    assert.ok(!c.message.includes(secret));
    assert.ok(!c.message.includes('AKIAFIXTURESTATICDEV'));
    assert.match(redactSecrets('arn:aws:iam::123456789012:role/Admin'), /role\/Admin/, 'ARNs are left alone');
  });

  it('never puts a secret from the credentials file into any message', () => {
    assert.ok(produced.length >= 9, `only ${produced.length} messages`);
    const secrets = fixtureSecrets();
    for (const c of produced) for (const s of secrets) assert.ok(!c.message.includes(s), `${c.kind}: ${c.message}`);
  });
});
