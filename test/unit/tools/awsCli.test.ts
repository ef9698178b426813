import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiEventSource } from '../../../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import { startLocalCloudTrail, type LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { expectedIds, NOW, SAMPLE } from './toolsTestSupport';

/**
 * The endpoint checked by a client no one here wrote: the AWS CLI pages through it and must see
 * exactly the events the records say are in the region and window. Never skipped: without `aws`
 * the test fails and says how to install it (CI's .ci/run installs awscli).
 */

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const { records, story } = SAMPLE;

describe('local CloudTrail endpoint checked with the AWS CLI', function () {
  this.timeout(120_000);
  let server: LocalCloudTrail;
  let home: string;

  function aws(args: readonly string[]): Promise<CliResult> {
    const empty = join(home, 'empty');
    // A clean environment: dummy keys, no profile files, no retries, no pager, no IMDS lookups.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: 'AKIACLITEST000000001',
      AWS_SECRET_ACCESS_KEY: 'cliTestSecretKeyNeverPrinted000000000001',
      AWS_CONFIG_FILE: empty,
      AWS_SHARED_CREDENTIALS_FILE: empty,
      AWS_MAX_ATTEMPTS: '1',
      AWS_RETRY_MODE: 'standard',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    return new Promise((resolve, reject) => {
      execFile('aws', ['cloudtrail', 'lookup-events', '--endpoint-url', server.url, '--output', 'json', ...args], { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error('The AWS CLI (`aws`) is not installed. Install awscli (`apt-get install awscli` or `pip install awscli`); CI installs it in .ci/run.'));
          return;
        }
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  function eventIds(result: CliResult): string[] {
    assert.equal(result.code, 0, `aws failed: ${result.stderr}`);
    const body = JSON.parse(result.stdout) as { Events: { EventId: string }[]; NextToken?: string };
    return body.Events.map((e) => e.EventId);
  }

  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'awscli-'));
    writeFileSync(join(home, 'empty'), '');
    server = await startLocalCloudTrail({ records, requestsPerSecond: 0 });
  });
  after(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  const start = NOW - 3 * 86_400_000;
  const window = ['--start-time', new Date(start).toISOString(), '--end-time', new Date(NOW).toISOString()];

  it('pages (50 a page) through exactly the events of the region and window, in order', async () => {
    const requestsBefore = server.stats.requests;
    const got = eventIds(await aws(['--region', 'eu-west-1', '--page-size', '50', ...window]));
    const expected = expectedIds(records, 'eu-west-1', start, NOW);
    assert.ok(expected.length > 100, `${expected.length} events expected`);
    assert.equal(got.length, expected.length);
    assert.deepEqual(got, expected);
    assert.equal(server.stats.requests - requestsBefore, Math.ceil(expected.length / 50), 'one request per page');
    assert.equal(server.stats.byRegion['eu-west-1'], Math.ceil(expected.length / 50));
  });

  it('sees the same events as the extension’s engine paging at 2 requests/s against an endpoint enforcing it', async () => {
    const cli = eventIds(await aws(['--region', 'us-west-2', '--page-size', '50', ...window]));
    server.setOptions({ requestsPerSecond: 2 });
    try {
      const engine = createApiEventSource({
        regions: ['us-west-2'],
        endpoint: server.url,
        credentials: { accessKeyId: 'AKIAENGINETEST000001', secretAccessKey: 'engineTestSecretKeyNeverPrinted000000001' },
        limiter: new RateLimiterRegistry({ requestsPerSecond: 2 }),
      });
      const throttledBefore = server.stats.throttled;
      const result = await engine.query({ regions: ['us-west-2'], filters: [], start, end: NOW, includeReadOnly: true, maxEvents: 10_000 });
      const seen = result.events.map((e) => e.id);
      // Same events; the engine orders same-second ties its own way, so compare as sets plus time order.
      assert.equal(seen.length, cli.length);
      assert.deepEqual([...seen].sort(), [...cli].sort());
      assert.ok(result.events.every((e, i) => i === 0 || result.events[i - 1].time >= e.time));
      // Any throttle the endpoint answered (timing jitter) was retried by the engine, never lost.
      assert.equal(result.stats.throttlesRetried, server.stats.throttled - throttledBefore);
      assert.deepEqual(result.regionErrors, []);
    } finally {
      server.setOptions({ requestsPerSecond: 0 });
    }
  });

  it('resumes from a CLI starting token (our NextToken) and sees the same sequence', async () => {
    const first = await aws(['--region', 'us-east-1', '--page-size', '50', '--max-items', '70', ...window]);
    const firstBody = JSON.parse(first.stdout) as { Events: { EventId: string }[]; NextToken?: string };
    assert.ok(firstBody.NextToken, 'the CLI hands out a token to continue');
    const rest = eventIds(await aws(['--region', 'us-east-1', '--page-size', '50', '--starting-token', firstBody.NextToken, ...window]));
    assert.deepEqual([...firstBody.Events.map((e) => e.EventId), ...rest], expectedIds(records, 'us-east-1', start, NOW));
  });

  it('filters by one lookup attribute (Username) like the records say', async () => {
    const got = eventIds(await aws(['--region', 'eu-west-1', '--lookup-attributes', `AttributeKey=Username,AttributeValue=${story.iamUserName}`]));
    const expected = expectedIds(records, 'eu-west-1', -Infinity, Infinity, (r) => (r.userIdentity as { userName?: string } | undefined)?.userName === story.iamUserName);
    assert.ok(expected.includes(story.eventIds.deleteDbInstance));
    assert.deepEqual(got, expected);
  });

  it('shows the service’s error code for two lookup attributes', async () => {
    const result = await aws(['--region', 'eu-west-1', '--lookup-attributes', 'AttributeKey=Username,AttributeValue=a', 'AttributeKey=EventName,AttributeValue=b']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /InvalidLookupAttributesException/);
  });
});
