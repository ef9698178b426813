/**
 * Shared by the tools tests: a fixed sample data set, a CloudTrail SDK client for the local
 * endpoint, and an independent reading of the records (what a region/window should contain).
 */
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import { generateSampleRecords } from '../../../tools/sample-data/generate';

export const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
export const CREDENTIALS = { accessKeyId: 'AKIATOOLSTEST0000001', secretAccessKey: 'toolsTestSecretKeyNeverPrinted0000000001' };

export const SAMPLE = generateSampleRecords({ now: NOW, seed: 7, backgroundEvents: 500 });

export function client(url: string, region: string, options: { accessKeyId?: string; maxAttempts?: number } = {}): CloudTrailClient {
  return new CloudTrailClient({
    endpoint: url,
    region,
    credentials: { ...CREDENTIALS, ...(options.accessKeyId ? { accessKeyId: options.accessKeyId } : {}) },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

export function lookup(c: CloudTrailClient, input: LookupEventsCommandInput): Promise<LookupEventsCommandOutput> {
  return c.send(new LookupEventsCommand(input));
}

/** Follows NextToken to the end; returns every page. */
export async function allPages(c: CloudTrailClient, input: LookupEventsCommandInput): Promise<LookupEventsCommandOutput[]> {
  const pages: LookupEventsCommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await lookup(c, { ...input, ...(token ? { NextToken: token } : {}) });
    pages.push(page);
    token = page.NextToken;
  } while (token && pages.length < 1000);
  return pages;
}

export function ids(pages: readonly LookupEventsCommandOutput[]): string[] {
  return pages.flatMap((p) => (p.Events ?? []).map((e) => e.EventId!));
}

type Rec = Record<string, unknown>;

/**
 * The management events of one region inside [start, end] (epoch ms, inclusive), newest first
 * and, within one second, by event id: read straight from the records, not through the server.
 */
export function expectedIds(records: readonly Rec[], region: string, start = -Infinity, end = Infinity, keep: (r: Rec) => boolean = () => true): string[] {
  return records
    .filter((r) => r.awsRegion === region && r.eventCategory !== 'Insight')
    .map((r) => ({ r, t: Date.parse(r.eventTime as string), id: r.eventID as string }))
    .filter(({ r, t }) => t >= start && t <= end && keep(r))
    .sort((a, b) => b.t - a.t || (a.id < b.id ? -1 : 1))
    .map(({ id }) => id);
}

/** Runs `fn` and returns the error it rejects with (fails when it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
