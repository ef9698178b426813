/**
 * Benchmark for bounded AWS calls (issue 13): a LookupEvents endpoint that accepts every request
 * and never answers (the local endpoint's `hang` fault), queried through the real SDK client with
 * the configured request timeout and attempts. Prints, for each configuration, the time until the
 * query ended and the ratio elapsed / (timeout × attempts), which must stay below 1.5 (the rest is
 * the SDK's backoff between attempts). Also checks the user sees a "did not answer" message.
 *
 *   npm run bench:timeouts [-- --timeout-ms 2000 --attempts 3]
 */
import { createApiEventSource } from '../src/aws/apiEventSource';
import { DEFAULT_CALL_LIMITS } from '../src/aws/callLimits';
import { RateLimiterRegistry } from '../src/aws/rateLimiter';
import { startLocalCloudTrail } from '../tools/local-cloudtrail/server';

const CREDENTIALS = { accessKeyId: 'AKIABENCHLOCAL000001', secretAccessKey: 'benchLocalSecretKeyThatIsNeverPrinted0001', accountId: '123456789012' };
const MAX_RATIO = 1.5;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<number> {
  const server = await startLocalCloudTrail({ records: [], requestsPerSecond: 0, faults: { hang: true } });
  const configs = [
    { timeoutMs: flag('--timeout-ms', 2000), attempts: flag('--attempts', 3) },
    { timeoutMs: 1000, attempts: 1 },
    { timeoutMs: 500, attempts: 5 },
  ];
  let ok = true;
  try {
    console.log(`defaults: request timeout ${DEFAULT_CALL_LIMITS.requestTimeoutMs / 1000} s × ${DEFAULT_CALL_LIMITS.maxAttempts} attempts (connect ${DEFAULT_CALL_LIMITS.connectTimeoutMs / 1000} s)`);
    for (const { timeoutMs, attempts } of configs) {
      const before = server.stats.requests;
      const source = createApiEventSource({
        regions: ['us-east-1'],
        endpoint: server.url,
        credentials: CREDENTIALS,
        limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }),
        limits: { requestTimeoutMs: timeoutMs, maxAttempts: attempts },
      });
      const started = performance.now();
      const result = await source.query({ regions: ['us-east-1'], filters: [], start: Date.now() - 3_600_000, end: Date.now(), includeReadOnly: true, maxEvents: 50 });
      const elapsed = performance.now() - started;
      const ratio = elapsed / (timeoutMs * attempts);
      const message = result.regionErrors[0]?.message ?? '(no failure reported)';
      const sent = server.stats.requests - before;
      const good = ratio < MAX_RATIO && ratio >= 1 && sent === attempts && message.includes('did not answer');
      ok &&= good;
      console.log(`timeout ${timeoutMs} ms × ${attempts}: ended after ${(elapsed / 1000).toFixed(2)} s, ${sent} requests; elapsed/(timeout×attempts) = ${ratio.toFixed(2)}x ${good ? 'ok' : 'FAIL'}`);
      console.log(`  user sees: ${message}`);
    }
  } finally {
    await server.close();
  }
  console.log(ok ? 'PASS' : 'FAIL');
  return ok ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
