/**
 * Test helpers: raw CloudTrail records built in code, the local CloudTrail-compatible endpoint, and
 * an API source wired to it with the real SDK client (static test credentials, no AWS account).
 */
import type { CloudTrailClient, LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { startLocalCloudTrail, type LocalCloudTrail, type LocalCloudTrailOptions } from '../../../tools/local-cloudtrail/server';
import { createCloudTrailClient } from '../../../src/aws/clientFactory';
import type { LookupPage } from '../../../src/aws/lookup';
import { createApiEventSource, type ApiEventSourceOptions } from '../../../src/aws/apiEventSource';
import { RateLimiterRegistry, TokenBucketLimiter } from '../../../src/aws/rateLimiter';
import type { EventQuery, TrailEventSource } from '../../../src/core/query';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIATESTLOCAL0000001', secretAccessKey: 'testLocalSecretKeyThatMustNeverBePrinted01' };
export const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

export interface RecordSpec {
  id: string;
  /** Seconds before T0. */
  ago: number;
  region?: string;
  name?: string;
  user?: string;
  readOnly?: boolean;
  errorCode?: string;
  source?: string;
  requestParameters?: Record<string, unknown>;
  resources?: { ARN: string; type?: string }[];
}

export function rawRecord(spec: RecordSpec): Record<string, unknown> {
  const user = spec.user ?? 'alice';
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${user.toUpperCase()}`,
      arn: `arn:aws:iam::123456789012:user/${user}`,
      accountId: '123456789012',
      accessKeyId: `AKIA${user.toUpperCase().padEnd(16, 'X')}`,
      userName: user,
    },
    eventTime: new Date(T0 - spec.ago * 1000).toISOString().replace('.000Z', 'Z'),
    eventSource: spec.source ?? 'ec2.amazonaws.com',
    eventName: spec.name ?? 'DescribeInstances',
    awsRegion: spec.region ?? 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: spec.requestParameters ?? null,
    responseElements: null,
    ...(spec.errorCode ? { errorCode: spec.errorCode, errorMessage: 'failed' } : {}),
    requestID: `req-${spec.id}`,
    eventID: spec.id,
    readOnly: spec.readOnly ?? false,
    ...(spec.resources ? { resources: spec.resources.map((r) => ({ ARN: r.ARN, accountId: '123456789012', ...(r.type ? { type: r.type } : {}) })) } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
  };
}

/** `count` write events in `region`, one per 10 s going back from T0, ids `<prefix>-<n>`. */
export function series(prefix: string, count: number, region = 'us-east-1', offset = 0): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => rawRecord({ id: `${prefix}-${String(i).padStart(5, '0')}`, ago: offset + i * 10, region }));
}

export function baseQuery(overrides: Partial<EventQuery> = {}): EventQuery {
  return { regions: ['us-east-1'], filters: [], start: T0 - 86_400_000, end: T0, includeReadOnly: true, maxEvents: 10_000, ...overrides };
}

export async function startServer(records: readonly unknown[], options: Omit<LocalCloudTrailOptions, 'records'> = {}): Promise<LocalCloudTrail> {
  return startLocalCloudTrail({ records, requestsPerSecond: 0, ...options });
}

/** An API source on the local endpoint; the limiter is off unless given, so tests run fast. */
export function localSource(server: LocalCloudTrail, options: Partial<ApiEventSourceOptions> = {}): TrailEventSource {
  return createApiEventSource({
    regions: ['us-east-1'],
    endpoint: server.url,
    credentials: TEST_CREDENTIALS,
    limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }),
    backoffBaseMs: 5,
    ...options,
  });
}

/** A real SDK client on the local endpoint that records every LookupEvents input it sends. */
export function recordingClient(server: LocalCloudTrail, inputs: LookupEventsCommandInput[]): CloudTrailClient {
  const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
  client.middlewareStack.add(
    (next) => async (args) => {
      inputs.push(structuredClone(args.input as LookupEventsCommandInput));
      return next(args);
    },
    { step: 'initialize', name: 'recordInputs' },
  );
  return client;
}

/** A limiter that never waits. */
export const noLimit = (): TokenBucketLimiter => new TokenBucketLimiter({ requestsPerSecond: 0 });

/** Every page of a scan. */
export async function collect(pages: AsyncIterable<LookupPage>): Promise<LookupPage[]> {
  const out: LookupPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}
