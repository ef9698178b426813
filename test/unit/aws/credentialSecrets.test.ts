import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { createApiEventSource } from '../../../src/aws/apiEventSource';
import { CredentialsError, classifyAwsError } from '../../../src/aws/awsErrors';
import { CredentialProcessError } from '../../../src/aws/credentialErrors';
import { createCredentialsProvider } from '../../../src/aws/credentials';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import { redactSecrets } from '../../../src/core/redact';
import { AWS_CONFIG_FIXTURE_DIR, FIXTURE_SECRETS, SECRET_MARKER, assertNoSecrets, findSecrets } from '../../support/secrets';
import { FIXTURE_FILES, useFixtureAwsHome } from './awsConfigFixture';
import { baseQuery, startServer } from './localEndpoint';


async function failure(profile: string): Promise<unknown> {
  return createCredentialsProvider({ profile, ...FIXTURE_FILES })().then(
    () => assert.fail(`profile ${profile} resolved`),
    (e: unknown) => e,
  );
}

/** Everything a failure could put on a screen or in a log: its message, stack, inspection, JSON. */
function everythingAbout(err: unknown): string {
  const e = err as { name?: string; message?: string; stack?: string; cause?: unknown };
  return [String(err), e.name, e.message, e.stack, inspect(err, { depth: 5 }), JSON.stringify(err), redactSecrets(`${e.name ?? ''}: ${e.message ?? ''}`), e.cause === undefined ? '' : inspect(e.cause)].join('\n');
}

describe('aws credentials: secrets never reach a message', () => {
  useFixtureAwsHome({ ssoCache: path.join(AWS_CONFIG_FIXTURE_DIR, 'sso-cache') });

  it('the fixture secrets list is complete and every entry is configured', () => {
    const files = readdirSync(AWS_CONFIG_FIXTURE_DIR, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name !== 'secrets.json');
    const text = files.map((f) => readFileSync(path.join(f.parentPath, f.name), 'utf8')).join('\n');
    const configured = new Set([...text.matchAll(new RegExp(`[A-Za-z0-9:]*${SECRET_MARKER}[A-Za-z0-9:]*`, 'g'))].map((m) => m[0]));
    assert.deepEqual([...configured].filter((s) => !FIXTURE_SECRETS.includes(s)), [], 'configured but not listed');
    assert.deepEqual(FIXTURE_SECRETS.filter((s) => !configured.has(s)), [], 'listed but not configured');
    assert.equal(findSecrets(`x ${FIXTURE_SECRETS[3]} y`).length, 1);
    assert.deepEqual(findSecrets(`cut ${FIXTURE_SECRETS[0].slice(0, 37)}`), [SECRET_MARKER], 'a cut secret is found by its marker');
    assert.throws(() => {
      assertNoSecrets(`leak ${FIXTURE_SECRETS[6]}`);
    });
  });

  it('summarises a credential_process that fails and echoes secrets on stderr', async () => {
    const err = await failure('process-fails');
    assert.ok(err instanceof CredentialsError);
    const c = classifyAwsError(err, { profile: 'process-fails' });
    assert.equal(c.kind, 'noCredentials');
    assert.equal(c.message, 'credential_process for profile process-fails failed with exit 3 (its output is not shown because it can contain secrets). Fix the command or choose another profile.');
    assertNoSecrets(everythingAbout(err), FIXTURE_SECRETS, 'the credential error');
    assertNoSecrets(c.message);
  });

  it('summarises a credential_process that prints malformed JSON holding a secret', async () => {
    const err = await failure('process-bad-json');
    const c = classifyAwsError(err);
    assert.match(c.message, /^credential_process for profile process-bad-json printed something that is not credentials JSON/);
    assertNoSecrets(everythingAbout(err), FIXTURE_SECRETS, 'the credential error');
  });

  it('tells an expired SSO session from the cache without its tokens', async () => {
    const err = await failure('sso-new');
    const c = classifyAwsError(err);
    assert.equal(c.kind, 'ssoExpired');
    assert.equal(c.ssoLoginProfile, 'sso-new');
    assert.equal(c.message, 'The SSO session for profile sso-new has expired or was never started. Run `aws sso login --profile sso-new`.');
    assertNoSecrets(everythingAbout(err), FIXTURE_SECRETS, 'the SSO error');
  });

  it('does not quote a valid cached SSO token when the SSO portal cannot be reached', async () => {
    const err = await failure('sso-legacy');
    assertNoSecrets(everythingAbout(err), FIXTURE_SECRETS, 'the SSO error');
    assert.notEqual(classifyAwsError(err).kind, 'other');
  });

  it('keeps the secrets out of the per-region errors a lookup shows', async () => {
    const server = await startServer([]);
    try {
      for (const profile of ['process-fails', 'process-bad-json', 'sso-new']) {
        const source = createApiEventSource({ profile, regions: ['us-east-1'], endpoint: server.url, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }) });
        const result = await source.query(baseQuery());
        assert.equal(result.regionErrors.length, 1, profile);
        assertNoSecrets(JSON.stringify(result), FIXTURE_SECRETS, `the lookup result of ${profile}`);
      }
    } finally {
      await server.close();
    }
  });

  it('says how a credential_process runner saw it fail, never what it printed', () => {
    const cases: [CredentialProcessError, string][] = [
      [new CredentialProcessError('prod', { exitCode: 3 }), 'credential_process for profile prod failed with exit 3 (its output is not shown because it can contain secrets).'],
      [new CredentialProcessError('prod', { signal: 'SIGKILL' }), 'credential_process for profile prod was stopped by SIGKILL (its output is not shown because it can contain secrets).'],
      [new CredentialProcessError('prod', { timeoutMs: 30_000 }), 'credential_process for profile prod did not finish within 30 s and was stopped.'],
      [new CredentialProcessError('prod', { reason: 'expired' }), 'credential_process for profile prod returned credentials that have already expired.'],
    ];
    for (const [err, message] of cases) {
      assert.equal(err.message, message);
      assert.equal(classifyAwsError(err).message, `${message} Fix the command or choose another profile.`);
    }
  });

  it('never quotes an unknown provider error', () => {
    const err = Object.assign(new Error(`token ${FIXTURE_SECRETS[13]} rejected`), { name: 'ProviderError' });
    const c = classifyAwsError(err, { profile: 'p' });
    assert.equal(c.message, 'Could not get credentials for profile p (ProviderError). Check the profile in your AWS config, or choose another profile.');
  });
});
