/**
 * Cloud blame at workspace scale (issue 18.5): 200 Terraform-managed security groups in 2 regions
 * against the local CloudTrail endpoint enforcing 2 requests/s per region, through the real API
 * source and its shared limiter. Prints, side by side in one run:
 *   - the first CodeLens's latency from opening the file vs one LookupEvents request's latency (the
 *     baseline), median of several rounds: the CodeLens's order (the visible blocks resolved and
 *     looked up first, the rest of the file resolved while that request runs) and, for comparison,
 *     the old order (every block resolved before the first lookup); against an endpoint that takes
 *     LATENCY_MS per request, like AWS;
 *   - the drift view's time for all resources vs (lookups ÷ 2 req/s per region) × 1.1, as a ratio;
 *   - requests sent by a warm second run (CodeLens and drift view), which must be 0.
 *
 *   npm run bench:blame [-- --resources 200 --rounds 7]
 */
import { createApiEventSource } from '../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../src/aws/rateLimiter';
import type { BlameScope } from '../src/features/blame/blameCache';
import { BlameCache } from '../src/features/blame/blameCache';
import { fileTargets, visibleThenAll } from '../src/features/blame/blameTargets';
import { scanDrift } from '../src/features/blame/driftScan';
import { startLocalCloudTrail } from '../tools/local-cloudtrail/server';
import { runMain } from './runMain';

const CREDENTIALS = { accessKeyId: 'AKIABENCHBLAME000001', secretAccessKey: 'benchBlameSecretKey00000000000000000000' };
const i = process.argv.indexOf('--resources');
const RESOURCES = i > 0 ? Number(process.argv[i + 1]) : 200;
const REGIONS = ['eu-west-1', 'us-west-2'];
const r = process.argv.indexOf('--rounds');
/** Rounds of the first-lens measurement (medians are printed). */
const ROUNDS = r > 0 ? Number(process.argv[r + 1]) : 7;
/** One LookupEvents request's latency for the first-lens rounds (AWS answers in about 100–300 ms). */
const LATENCY_MS = 100;
/** Lines an editor shows at once. */
const VISIBLE_LINES = 50;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
const TERRAFORM_AGENT = 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.70.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.4 os/linux lang/go#1.22.6 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.177.0';

function groupId(n: number): string {
  return `sg-0${n.toString(16).padStart(16, '0')}`;
}

function record(n: number, time: number, region: string, byHand: boolean): Record<string, unknown> {
  const user = byHand ? 'alice' : 'ci-bot';
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${user.toUpperCase()}`, arn: `arn:aws:iam::123456789012:user/${user}`, accountId: '123456789012', accessKeyId: `AKIA${user.toUpperCase().replace('-', '')}`.padEnd(20, 'X'), userName: user },
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    awsRegion: region,
    sourceIPAddress: byHand ? '198.51.100.7' : '203.0.113.10',
    userAgent: byHand ? 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36' : TERRAFORM_AGENT,
    ...(byHand ? { sessionCredentialFromConsole: 'true' } : {}),
    requestParameters: { groupId: groupId(n), ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: byHand ? 22 : 443, toPort: byHand ? 22 : 443 }] } },
    responseElements: { _return: true },
    requestID: `req-${String(n)}-${byHand ? 'h' : 't'}`,
    eventID: `evt-${String(n)}-${byHand ? 'h' : 't'}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
  };
}

/** A main.tf with `count` groups, alternating between the two regions' providers, each with an import block. */
function mainTf(count: number): string {
  const out = [`provider "aws" {\n  region = "${REGIONS[0] ?? ''}"\n}\n`, `provider "aws" {\n  alias  = "b"\n  region = "${REGIONS[1] ?? ''}"\n}\n`];
  for (let n = 0; n < count; n++) {
    out.push(`resource "aws_security_group" "g${String(n)}" {\n${n % 2 === 1 ? '  provider    = aws.b\n' : ''}  description = "group ${String(n)}"\n}\n\nimport {\n  to = aws_security_group.g${String(n)}\n  id = "${groupId(n)}"\n}\n`);
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  const now = Date.now();
  const records: Record<string, unknown>[] = [];
  for (let n = 0; n < RESOURCES; n++) {
    const region = REGIONS[n % 2] ?? 'eu-west-1';
    records.push(record(n, now - 20 * 86_400_000 + n * 1000, region, false));
    if (n % 5 === 0) records.push(record(n, now - 3 * 3_600_000 + n * 1000, region, true));
  }
  const server = await startLocalCloudTrail({ records, requestsPerSecond: 2 });
  try {
    const source = () => createApiEventSource({ regions: REGIONS, endpoint: server.url, credentials: CREDENTIALS, limiter: new RateLimiterRegistry({ requestsPerSecond: 2 }), accountKey: '123456789012' });
    const window = { start: now - 90 * 86_400_000, end: now };
    const text = mainTf(RESOURCES);
    // The first-lens rounds run against an endpoint answering like LookupEvents does from a laptop
    // (LATENCY_MS a request): on 127.0.0.1 a request takes a few ms, less than the noise of a shared CPU.
    const slow = await startLocalCloudTrail({ records, requestsPerSecond: 2, pageDelayMs: LATENCY_MS });
    const lensSource = () => createApiEventSource({ regions: REGIONS, endpoint: slow.url, credentials: CREDENTIALS, limiter: new RateLimiterRegistry({ requestsPerSecond: 2 }), accountKey: '123456789012' });
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1100)); // the endpoint's per-second budget is back
    const baseline: number[] = [];
    const visibleFirst: number[] = [];
    const wholeFileFirst: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Each round looks up other groups (nothing is cached by the endpoint or the SDK).
        // Baseline: one LookupEvents request (a fresh source and limiter, like the CodeLens's first).
        const baselineSource = lensSource();
        let t0 = performance.now();
        await baselineSource.query({ regions: [REGIONS[0] ?? ''], filters: [{ key: 'ResourceName', value: groupId(2 * round) }], ...window, includeReadOnly: false, maxEvents: 5 });
        baseline.push(performance.now() - t0);
        await pause();
        // The CodeLens: the visible blocks parsed and resolved and their lookups started, then the whole
        // file parsed and resolved (provideCodeLenses); the first visible lens to resolve is the first shown.
        const visible = [{ startLine: 0, endLine: VISIBLE_LINES - 1 }];
        const cache = new BlameCache();
        const scope: BlameScope = { source: lensSource(), regions: REGIONS, ...window };
        t0 = performance.now();
        // As provideCodeLenses does (documentTargets → visibleThenAll): the visible lookups start, the
        // event loop turns, then the whole file is resolved; VS Code's resolveCodeLens joins them.
        let lookups: Promise<unknown>[] = [];
        const all = await visibleThenAll(text, visible, (found) => { lookups = found.map((t) => cache.historyOf(t, scope)); });
        const shown = all.targets.filter((t) => t.line <= visible[0].endLine).map((t) => cache.historyOf(t, scope));
        if (lookups.length === 0 || shown.length === 0) throw new Error('no visible targets');
        await Promise.race(shown);
        visibleFirst.push(performance.now() - t0);
        await Promise.all(shown);
        await pause();
        // The old order: every block resolved before the visible lenses' lookups start.
        const oldCache = new BlameCache();
        const oldScope: BlameScope = { source: lensSource(), regions: REGIONS, ...window };
        t0 = performance.now();
        const oldShown = fileTargets(text).targets.filter((t) => t.line < VISIBLE_LINES).map((t) => oldCache.historyOf(t, oldScope));
        await Promise.race(oldShown);
        wholeFileFirst.push(performance.now() - t0);
        await Promise.all(oldShown);
        await pause();
      }
    } finally {
      await slow.close();
    }
    const oneRequestMs = median(baseline);
    const firstLensMs = median(visibleFirst);
    const wholeFileMs = median(wholeFileFirst);
    const { targets } = fileTargets(text);

    // Drift view over every resource, cold (a new cache; the first lens's lookup not reused).
    const driftCache = new BlameCache();
    const driftScope: BlameScope = { source: source(), regions: REGIONS, ...window };
    const before = { ...server.stats.byRegion };
    const beforeRequests = server.stats.requests;
    const started = performance.now();
    const result = await scanDrift(targets, driftCache, driftScope, { now: () => now });
    const driftMs = performance.now() - started;
    const perRegion = REGIONS.map((r) => (server.stats.byRegion[r] ?? 0) - (before[r] ?? 0));
    const lookups = server.stats.requests - beforeRequests;
    const budgetMs = (Math.max(...perRegion) / 2) * 1000 * 1.1;

    // Warm second run: the same file's lenses and the drift view again.
    const warmBefore = server.stats.requests;
    for (const t of targets) await driftCache.historyOf(t, driftScope);
    await scanDrift(targets, driftCache, driftScope, { now: () => now });
    const warmRequests = server.stats.requests - warmBefore;

    console.log(`Cloud blame, ${String(RESOURCES)} security groups in ${REGIONS.join(' + ')}, local endpoint at 2 requests/s per region:`);
    console.log(`  one LookupEvents request (baseline)  ${oneRequestMs.toFixed(0).padStart(7)} ms   median of ${String(ROUNDS)}`);
    console.log(`  first CodeLens, visible blocks first ${firstLensMs.toFixed(0).padStart(7)} ms   ratio ${(firstLensMs / oneRequestMs).toFixed(2)} (target ≤ 1)`);
    console.log(`  first CodeLens, whole file first     ${wholeFileMs.toFixed(0).padStart(7)} ms   ratio ${(wholeFileMs / oneRequestMs).toFixed(2)} (the old order, for comparison)`);
    console.log(`  drift view, ${String(result.scanned)} resources          ${(driftMs / 1000).toFixed(2).padStart(7)} s    ${String(result.suspects.length)} suspects, ${String(lookups)} requests (${perRegion.join(' + ')} per region), ${String(server.stats.throttled)} throttled`);
    console.log(`  budget (lookups ÷ 2 req/s per region) × 1.1 ${(budgetMs / 1000).toFixed(2).padStart(7)} s   ratio ${(driftMs / budgetMs).toFixed(2)} (target ≤ 1)`);
    console.log(`  warm second run (lenses + drift)    ${String(warmRequests).padStart(7)} requests (target 0)`);
    const ok = firstLensMs <= oneRequestMs && result.suspects.length === Math.ceil(RESOURCES / 5) && warmRequests === 0 && driftMs <= budgetMs && server.stats.throttled === 0;
    return ok ? 0 : 1;
  } finally {
    await server.close();
  }
}

runMain(main);
