import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApiEventSource } from '../../../src/aws/apiEventSource';
import { classifyAwsError } from '../../../src/aws/awsErrors';
import { createCredentialsProvider } from '../../../src/aws/credentials';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import { baseQuery, series, startServer } from './localEndpoint';
import { alive, waitUntil } from '../../support/processes';

describe('aws/credentialProcess: timeout and kill on cancel', () => {
  let dir: string;
  let files: { configFilepath: string; filepath: string };
  const pidFile = (name: string): string => path.join(dir, `${name}.pid`);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'credproc-'));
    // A helper that records its pid, then hangs (a prompt nobody answers); one that prints a secret and fails.
    const hang = (name: string): string => `credential_process = ${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)" ${pidFile(name)}`;
    const good = JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS000000001', SecretAccessKey: 's'.repeat(40), AccountId: '333333333333' });
    writeFileSync(
      path.join(dir, 'config'),
      [
        '[profile hangs]',
        hang('hangs'),
        '[profile cancelled]',
        hang('cancelled'),
        '[profile leaks]',
        `credential_process = ${JSON.stringify(process.execPath)} -e "console.error('SECRET-${'z'.repeat(30)}'); process.exit(3)"`,
        '[profile good]',
        `credential_process = ${JSON.stringify(process.execPath)} -e "process.stdout.write(process.argv[1])" '${good}'`,
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'credentials'), '');
    files = { configFilepath: path.join(dir, 'config'), filepath: path.join(dir, 'credentials') };
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a credential_process that hangs after its timeout, kills it, and says so', async () => {
    const started = Date.now();
    const err = await createCredentialsProvider({ profile: 'hangs', ...files, credentialProcessTimeoutMs: 1000 })().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(Date.now() - started < 4000, 'bounded by the timeout');
    const c = classifyAwsError(err);
    assert.equal(c.kind, 'noCredentials');
    assert.equal(c.message, 'credential_process for profile hangs did not finish within 1 s and was stopped. Fix the command or choose another profile.');
    const pid = Number(readFileSync(pidFile('hangs'), 'utf8'));
    assert.ok(await waitUntil(() => !alive(pid), 2000), 'timed out waiting');
  });

  it('kills a running credential_process when the lookup is cancelled, and keeps the query cancelled', async () => {
    const server = await startServer(series('e', 5));
    try {
      const source = createApiEventSource({ profile: 'cancelled', regions: ['us-east-1'], endpoint: server.url, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }), credentialProcessTimeoutMs: 30_000 });
      process.env.AWS_CONFIG_FILE = files.configFilepath;
      process.env.AWS_SHARED_CREDENTIALS_FILE = files.filepath;
      const controller = new AbortController();
      const running = source.query(baseQuery(), { signal: controller.signal });
      assert.ok(await waitUntil(() => existsSync(pidFile('cancelled')) && readFileSync(pidFile('cancelled'), 'utf8') !== '', 5000), 'timed out waiting');
      const pid = Number(readFileSync(pidFile('cancelled'), 'utf8'));
      assert.ok(alive(pid));
      const started = Date.now();
      controller.abort();
      const result = await running;
      assert.ok(Date.now() - started < 1000, 'cancel is immediate');
      assert.equal(result.cancelled, true);
      assert.deepEqual(result.regionErrors, []);
      assert.ok(await waitUntil(() => !alive(pid), 2000), 'timed out waiting');
      assert.equal(server.stats.requests, 0);
    } finally {
      delete process.env.AWS_CONFIG_FILE;
      delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      await server.close();
    }
  });

  it('summarises a failing credential_process without its output', async () => {
    const err = await createCredentialsProvider({ profile: 'leaks', ...files })().then(
      () => undefined,
      (e: unknown) => e,
    );
    const c = classifyAwsError(err, { profile: 'leaks' });
    assert.equal(c.message, 'credential_process for profile leaks failed with exit 3 (its output is not shown because it can contain secrets). Fix the command or choose another profile.');
    assert.ok(!c.message.includes('SECRET'));
  });

  it('hands the process credentials (and their account id) to the SDK', async () => {
    const creds = await createCredentialsProvider({ profile: 'good', ...files })();
    assert.equal(creds.accessKeyId, 'AKIAPROCESS000000001');
    assert.equal(creds.accountId, '333333333333');
  });
});
