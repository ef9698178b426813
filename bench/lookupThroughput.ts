/**
 * LookupEvents engine throughput against the local endpoint enforcing CloudTrail's 2 requests/s per
 * region. Prints ratios against baselines measured in the same run:
 * - events/s as a fraction of the physical limit (2 req/s × 50 events = 100 events/s per region);
 * - engine vs `aws cloudtrail lookup-events` (the AWS CLI) paging the same data on the same endpoint;
 * - four regions in parallel vs one region;
 * - time to the first page vs the latency of one request.
 * Also checks: zero throttling errors surfaced, zero lost or duplicated events (by event id).
 */
import { execFile } from 'node:child_process';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { createApiEventSource } from '../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../src/aws/rateLimiter';
import type { EventQuery, QueryResult } from '../src/core/query';
import { startLocalCloudTrail, type LocalCloudTrail } from '../tools/local-cloudtrail/server';
import { generateSampleRecords } from '../tools/sample-data/generate';

const CREDENTIALS = { accessKeyId: 'AKIABENCHLOCAL000001', secretAccessKey: 'benchLocalSecretKey000000000000000000000' };
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const START = NOW - 89 * 86_400_000;
const PHYSICAL_LIMIT = 100; // events/s per region: 2 requests/s × 50 events

type Rec = Record<string, unknown>;

const idsOf = (records: readonly Rec[]): Set<string> => new Set(records.map((r) => r.eventID as string));

/** `perRegion` newest sample records in each region, all with distinct event ids. */
function sampleRecords(regions: readonly string[], perRegion: number): Rec[] {
  const out: Rec[] = [];
  regions.forEach((region, i) => {
    const { records } = generateSampleRecords({ now: NOW, seed: 7 + i, backgroundEvents: Math.ceil(perRegion * 1.6) + 200, regions: [region] });
    // Insights events are not returned by a management-event lookup, so they are not expected.
    const inRegion = records.filter((r) => r.awsRegion === region && r.insightDetails === undefined && Date.parse(r.eventTime as string) >= START);
    if (inRegion.length < perRegion) throw new Error(`only ${inRegion.length} sample records in ${region}`);
    out.push(...inRegion.slice(-perRegion));
  });
  if (idsOf(out).size !== out.length) throw new Error('the sample has repeated event ids');
  return out;
}

interface EngineRun {
  result: QueryResult;
  seconds: number;
  firstPageMs: number;
}

async function runEngine(server: LocalCloudTrail, regions: readonly string[]): Promise<EngineRun> {
  // A fresh registry per run so one run's pacing does not delay the next; default 2 requests/s.
  const source = createApiEventSource({ regions, endpoint: server.url, credentials: CREDENTIALS, limiter: new RateLimiterRegistry() });
  const query: EventQuery = { regions, filters: [], start: START, end: NOW, includeReadOnly: true, maxEvents: 1_000_000 };
  const t0 = performance.now();
  let firstPageMs = NaN;
  const result = await source.query(query, {
    onProgress: () => {
      if (Number.isNaN(firstPageMs)) firstPageMs = performance.now() - t0;
    },
  });
  return { result, seconds: (performance.now() - t0) / 1000, firstPageMs };
}

interface CliRun {
  ids: string[];
  seconds: number;
  error?: string;
}

function runAwsCli(server: LocalCloudTrail): Promise<CliRun> {
  const args = ['cloudtrail', 'lookup-events', '--endpoint-url', server.url, '--region', 'us-east-1', '--start-time', String(START / 1000), '--end-time', String(NOW / 1000), '--output', 'json', '--query', 'Events[].EventId'];
  const env = { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_PAGER: '' };
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile('aws', args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const seconds = (performance.now() - t0) / 1000;
      if (err) {
        resolve({ ids: [], seconds, error: stderr.trim().split('\n').pop() ?? err.message });
        return;
      }
      resolve({ ids: JSON.parse(stdout) as string[], seconds });
    });
  });
}

/** Median latency of one LookupEvents request (50 events) with throttling off. */
async function requestLatencyMs(server: LocalCloudTrail): Promise<number> {
  server.setOptions({ requestsPerSecond: 0 });
  const client = new CloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: CREDENTIALS, maxAttempts: 1 });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await client.send(new LookupEventsCommand({ StartTime: new Date(START), EndTime: new Date(NOW), MaxResults: 50 }));
    times.push(performance.now() - t0);
  }
  server.setOptions({ requestsPerSecond: 2 });
  client.destroy();
  return times.sort((a, b) => a - b)[3];
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function check(label: string, result: QueryResult, expected: Set<string>): { lost: number; duplicated: number; surfaced: number } {
  const ids = result.events.map((e) => e.id);
  const unique = new Set(ids);
  const lost = [...expected].filter((id) => !unique.has(id)).length;
  const duplicated = ids.length - unique.size;
  const surfaced = result.regionErrors.length;
  if (lost || duplicated || surfaced) console.error(`${label}: lost ${lost}, duplicated ${duplicated}, errors ${JSON.stringify(result.regionErrors)}`);
  return { lost, duplicated, surfaced };
}

async function main(): Promise<void> {
  const one = sampleRecords(['us-east-1'], 5000);
  const fourRegions = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];
  const four = sampleRecords(fourRegions, 2500);
  const server = await startLocalCloudTrail({ records: one, requestsPerSecond: 2 });
  try {
    const latency = await requestLatencyMs(server);
    await pause(1100);

    const single = await runEngine(server, ['us-east-1']);
    const singleCheck = check('one region', single.result, idsOf(one));
    const singleRate = single.result.events.length / single.seconds;
    await pause(1100);

    const throttledBefore = server.stats.throttled;
    const cli = await runAwsCli(server);
    const cliThrottled = server.stats.throttled - throttledBefore;
    const cliRate = cli.ids.length / cli.seconds;
    const cliLost = [...idsOf(one)].filter((id) => !cli.ids.includes(id)).length;
    await pause(1100);

    server.setRecords(four);
    const multi = await runEngine(server, fourRegions);
    const multiCheck = check('four regions', multi.result, idsOf(four));
    const multiRate = multi.result.events.length / multi.seconds;

    const rows: [string, string, string][] = [
      ['one region: events / s', singleRate.toFixed(1), `${(singleRate / PHYSICAL_LIMIT).toFixed(3)} of the 100 events/s limit`],
      ['one region: events, pages, requests', `${single.result.events.length}, ${single.result.stats.pages}, ${single.result.stats.requests}`, `${single.result.stats.throttlesRetried} throttles retried`],
      ['aws cloudtrail lookup-events: events / s', cliRate.toFixed(1), cli.error ? `FAILED: ${cli.error}` : `${cliThrottled} throttled responses, ${cliLost} events missing`],
      ['engine / AWS CLI', '', cliRate > 0 ? `${(singleRate / cliRate).toFixed(2)}×` : 'n/a (CLI failed)'],
      ['four regions (2,500 each): events / s', multiRate.toFixed(1), `${(multiRate / singleRate).toFixed(2)}× one region (ideal 4×); ${(multiRate / (4 * PHYSICAL_LIMIT)).toFixed(3)} of 4 limits`],
      ['first page / one request latency', `${single.firstPageMs.toFixed(1)} ms / ${latency.toFixed(1)} ms`, `${(single.firstPageMs / latency).toFixed(2)}×`],
      [
        'throttling errors surfaced; events lost; duplicated',
        `${singleCheck.surfaced + multiCheck.surfaced}; ${singleCheck.lost + multiCheck.lost}; ${singleCheck.duplicated + multiCheck.duplicated}`,
        `${multi.result.stats.throttlesRetried} throttles retried in the four-region run`,
      ],
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' │ '));
    const failed = singleCheck.lost + singleCheck.duplicated + singleCheck.surfaced + multiCheck.lost + multiCheck.duplicated + multiCheck.surfaced;
    if (failed > 0) process.exitCode = 1;
  } finally {
    await server.close();
  }
}

void main();
