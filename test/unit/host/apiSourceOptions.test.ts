// The timeout and retry settings reach the real SDK client: a source built from the settings, against
// the local endpoint that never answers, ends after exactly the configured attempts and timeout;
// a hanging credential_process is stopped after the configured seconds.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApiEventSource } from '../../../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import { apiSourceOptions } from '../../../src/host/apiSourceOptions';
import { type ConfigurationLike, createSettingsReader } from '../../../src/host/settingsReader';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { baseQuery, series, startServer, TEST_CREDENTIALS } from '../aws/localEndpoint';

function reader(user: Record<string, unknown>, trusted = true): ReturnType<typeof createSettingsReader> {
  const config: ConfigurationLike = { get: (key) => user[key], inspect: (key) => ({ globalValue: user[key] }) };
  return createSettingsReader({ config: () => config, trusted: () => trusted });
}

describe('host/apiSourceOptions: timeout, retry and credential_process settings reach the client', function () {
  this.timeout(20_000);
  let server: LocalCloudTrail | undefined;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  afterEach(async () => {
    await server?.close();
    server = undefined;
    process.env.AWS_CONFIG_FILE = saved.config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
    if (saved.config === undefined) delete process.env.AWS_CONFIG_FILE;
    if (saved.credentials === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
  });

  it('defaults: 10 s request, 5 s connect, 3 attempts, 60 s credential_process, 1024 MB inflate cap', () => {
    const s = reader({});
    assert.deepEqual(s.callLimits(), { requestTimeoutMs: 10_000, connectTimeoutMs: 5_000, maxAttempts: 3 });
    assert.equal(s.credentialProcessTimeoutMs(), 60_000);
    assert.equal(s.maxInflatedBytes(), 1024 * 1024 * 1024);
    const nonsense = reader({ requestTimeoutSeconds: -1, connectTimeoutSeconds: 'x', maxAttempts: 0, credentialProcessTimeoutSeconds: Number.NaN, 'archive.maxInflatedMegabytes': null });
    assert.deepEqual(nonsense.callLimits(), { requestTimeoutMs: 10_000, connectTimeoutMs: 5_000, maxAttempts: 3 });
    assert.equal(nonsense.maxInflatedBytes(), 1024 * 1024 * 1024);
    assert.equal(reader({ 'archive.maxInflatedMegabytes': 2 }).maxInflatedBytes(), 2 * 1024 * 1024);
  });

  it('requestTimeoutSeconds and maxAttempts bound a never-answering endpoint', async () => {
    server = await startServer(series('e', 5), { faults: { hang: true } });
    const { options } = apiSourceOptions(reader({ endpoint: server.url, requestTimeoutSeconds: 0.3, maxAttempts: 2 }), ['us-east-1']);
    const started = Date.now();
    const result = await createApiEventSource({ ...options, credentials: TEST_CREDENTIALS, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }), accountKey: 'acct' }).query(baseQuery());
    const elapsed = Date.now() - started;
    assert.equal(server.stats.requests, 2, 'two attempts');
    assert.ok(elapsed >= 600 && elapsed < 4000, `ended after ${elapsed} ms`);
    assert.equal(result.regionErrors[0]?.message, `CloudTrail at ${server.url} did not answer in us-east-1 within 0.3 s, 2 attempts. Check the network or the endpoint, then retry.`);
  });

  it('a changed limit makes a new source (the cache key follows every option)', () => {
    const a = apiSourceOptions(reader({ maxAttempts: 2 }), ['us-east-1']).key;
    const b = apiSourceOptions(reader({ maxAttempts: 3 }), ['us-east-1']).key;
    const c = apiSourceOptions(reader({ maxAttempts: 3, credentialProcessTimeoutSeconds: 5 }), ['us-east-1']).key;
    assert.equal(new Set([a, b, c]).size, 3);
  });

  it('credentialProcessTimeoutSeconds stops a hanging credential_process, and the profile setting picks it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cti-credproc-'));
    try {
      writeFileSync(path.join(dir, 'config'), `[profile hangs]\ncredential_process = ${JSON.stringify(process.execPath)} -e "setInterval(() => {}, 1000)"\n`);
      writeFileSync(path.join(dir, 'credentials'), '');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      server = await startServer(series('e', 5));
      const { options } = apiSourceOptions(reader({ profile: 'hangs', endpoint: server.url, credentialProcessTimeoutSeconds: 1 }), ['us-east-1']);
      const started = Date.now();
      const result = await createApiEventSource({ ...options, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }), accountKey: 'acct' }).query(baseQuery());
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 900 && elapsed < 5000, `ended after ${elapsed} ms`);
      assert.match(JSON.stringify(result.regionErrors), /credential_process for profile hangs did not finish within 1 s/);
      assert.equal(server.stats.requests, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
