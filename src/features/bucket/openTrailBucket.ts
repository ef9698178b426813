// "CloudTrail: Open Trail Bucket…": a trail bucket read straight from S3 with the current profile.
// The layout is discovered (a few delimiter listings), the user picks accounts, regions and a time
// range, and only those day folders are listed and downloaded — in parallel, with progress in files
// and bytes and a Cancel button; what was read before a cancel stays in the store and is shown.
// The store lives in the extension's global storage, so a reopen sends no request.
import { openTrailBucket as openBucketSource, type BucketProgress, type TrailBucketSource } from '../../archive/bucket/trailBucketSource';
import { S3Access, parseS3Url } from '../../aws/bucket/s3Access';
import { createS3Client } from '../../aws/s3Client';
import { progressText, safeLog, safeMessage } from '../../core/safeText';
import { resolveRegions } from '../../host/apiSource';
import type { ComponentLogger } from '../../host/logger';
import { withCancellableNotification } from '../../host/progress';
import type { Prompter } from '../../host/prompter';
import { settings } from '../../host/settings';
import * as vscode from 'vscode';
import { askLocation, askScope } from './bucketPrompts';
import type { BucketScope } from './bucketScope';
import type { TrailCache } from './trailCache';

/** What the command needs. */
export interface OpenTrailBucketDeps {
  readonly log: ComponentLogger;
  readonly prompter: Prompter;
  readonly cache: TrailCache;
  now(): number;
  /** Shows the source in the views. */
  useSource(source: TrailBucketSource, scope: BucketScope): Promise<void>;
}

/** What the command reports (returned to callers and tests). */
export interface OpenedBucket {
  readonly location: string;
  readonly events: number;
  readonly objectsRead: number;
  readonly requests: number;
  readonly cancelled: boolean;
  readonly problems: number;
}

const MB = 1024 * 1024;
/** How often the notification's message may change. */
const REPORT_EVERY_MS = 100;
const count = (n: number): string => n.toLocaleString('en-US');
const size = (bytes: number): string => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);

/** The notification's message: events first (what the user waits for), then files and bytes. */
export function bucketProgressText(p: BucketProgress): string {
  if (p.phase === 'layout') return 'discovering the layout…';
  if (p.phase === 'listing') return `${count(p.events)} events · listing ${count(p.filesDone)} of ${count(p.filesTotal)} day folders`;
  return `${count(p.events)} events · ${count(p.filesDone)} of ${count(p.filesTotal)} files · ${size(p.bytesDone)} of ${size(p.bytesTotal)}`;
}

async function s3For(): Promise<S3Access> {
  const profile = settings.profile();
  const endpoint = settings.s3Endpoint();
  const [region] = await resolveRegions(profile);
  // The same connect timeout and attempts as the CloudTrail client; the request timeout stays long (objects may be large).
  const limits = settings.callLimits();
  return new S3Access(createS3Client({ ...(profile !== '' ? { profile } : {}), ...(endpoint !== undefined ? { endpoint } : {}), region, connectionTimeoutMs: limits.connectTimeoutMs, maxAttempts: limits.maxAttempts }));
}

/** The location from an argument (`s3://…` string) or the prompts. */
async function location(deps: OpenTrailBucketDeps, s3: S3Access, arg: unknown): Promise<{ bucket: string; prefix: string }> {
  if (typeof arg === 'string' && arg.startsWith('s3://')) {
    return parseS3Url(arg);
  }
  // Listing buckets needs s3:ListAllMyBuckets, which many roles lack: then the name is typed.
  const buckets = await s3.listBuckets().catch((err: unknown) => {
    deps.log.info(safeLog`cannot list buckets with this profile (${err instanceof Error ? err.name : 'error'}); asking for the name`);
    return [];
  });
  return askLocation(deps.prompter, buckets);
}

/** Runs the command; resolves with what was read, or undefined when the user cancelled a prompt. */
export async function openTrailBucket(deps: OpenTrailBucketDeps, arg?: unknown): Promise<OpenedBucket | undefined> {
  const s3 = await s3For();
  const where = await location(deps, s3, arg);
  const url = `s3://${where.bucket}/${where.prefix}`;
  const { store, cache } = deps.cache.open();
  const discovered = await withCancellableNotification(progressText(`CloudTrail: Opening ${url}`), async (signal, report) => {
    report('discovering the layout…');
    return openBucketSource({ store, cache, s3, bucket: where.bucket, prefix: where.prefix, signal });
  });
  if (discovered.layout.accounts.length === 0) {
    const denied = discovered.layout.denied.length;
    void vscode.window.showWarningMessage(safeMessage`CloudTrail: no trail logs (AWSLogs/…/CloudTrail/) found in ${url}${denied > 0 ? ` (${denied} prefixes denied)` : ''}.`);
    return undefined;
  }
  const scope = await askScope(deps.prompter, discovered.layout, deps.now());
  let report: (p: BucketProgress) => void = () => undefined;
  // Opened again with the chosen accounts: the layout is remembered, so this sends no request.
  const source = await openBucketSource({ store, cache, s3, bucket: where.bucket, prefix: where.prefix, accounts: scope.accounts, onProgress: (p) => { report(p); } });
  const query = { regions: scope.regions, filters: [], start: scope.start, end: scope.end, includeReadOnly: true, maxEvents: 1 };
  const cancelled = await withCancellableNotification(progressText(`CloudTrail: Reading ${url}`), async (signal, show) => {
    let lastShown = 0;
    let shownEvents = 0;
    report = (p) => {
      // Throttled, except the first events (the user sees at once that reading works) and the end.
      const first = shownEvents === 0 && p.events > 0;
      if (!first && Date.now() - lastShown < REPORT_EVERY_MS && p.filesDone < p.filesTotal) return;
      lastShown = Date.now();
      shownEvents = p.events;
      show(progressText(bucketProgressText(p)));
    };
    await source.query(query, { signal });
    return signal.aborted;
  });
  report = () => undefined;
  const events = store.count(store.sourceId(source.location, 's3'), { ...query, maxEvents: Number.MAX_SAFE_INTEGER });
  const stats = source.stats();
  deps.log.info(safeLog`opened ${url}: ${events} events in scope, ${stats.objectsRead} objects downloaded, ${stats.requests} S3 requests${cancelled ? ' (cancelled)' : ''}`);
  for (const problem of source.problems) deps.log.warn(safeLog`${problem.path}: ${problem.message}`);
  await deps.useSource(source, scope);
  if (cancelled) {
    void vscode.window.showWarningMessage(safeMessage`CloudTrail: reading ${url} was cancelled; the ${count(events)} events read so far are shown. Open it again to read the rest.`);
  } else if (source.problems.length > 0) {
    void vscode.window.showWarningMessage(safeMessage`CloudTrail: ${source.problems.length} prefixes or objects of ${url} could not be read (see the log); everything else was read.`);
  }
  return { location: url, events, objectsRead: stats.objectsRead, requests: stats.requests, cancelled, problems: source.problems.length };
}
