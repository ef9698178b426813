/**
 * `node dist/cli.js archive-query PATH…`: trail files and exports on disk, queried like the API.
 * Events go to stdout (newest first, the same JSON shape as `parse`), problems and a one-line JSON
 * summary to stderr.
 */
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { type ArchiveEventSource, createArchiveEventSource } from '../archive/archiveEventSource';
import { ObjectCache } from '../archive/store/objectCache';
import { S3Access, parseS3Url } from '../aws/bucket/s3Access';
import { openTrailBucket } from '../archive/bucket/trailBucketSource';
import { createS3Client } from '../aws/s3Client';
import type { TrailEventSource } from '../core/query';
import { defaultStorePath } from '../archive/store/storePaths';
import { openStoredFolder } from '../archive/store/storedFolderSource';
import { TrailStore } from '../archive/store/trailStore';
import { isLookupAttributeKey } from '../core/filters';
import { describePartial } from '../core/partialResult';
import type { AttributeFilter, EventQuery } from '../core/query';
import { type LineWriter, stdoutWriter } from './output';
import { eventSummary } from './parse';

const USAGE = `usage: cli archive-query PATH… [--filter Key=Value]… [--region R]… [--start ISO] [--end ISO]
                        [--max N | --all] [--errors-only] [--exclude-read-only] [--insight]
                        [--store FILE | --no-store]
       cli archive-query s3://BUCKET[/PREFIX/] [same options] [--profile P] [--endpoint URL] [--bucket-region R]
  PATH: trail log files (.json.gz/.json), folders in the AWSLogs/ layout, console CSV/JSON exports,
  lookup-events output. Keys: EventId AccessKeyId ResourceName Username EventName EventSource
  ResourceType ReadOnly; values may use * wildcards. Every filter runs locally.
  --store: the index kept between calls (default $CLOUDTRAIL_INVESTIGATOR_STORE, else
  ~/.cache/cloudtrail-investigator/store.sqlite): a second call reads only new or changed files.
  --no-store: index in memory for this call only.
  s3://: reads the trail bucket directly (layout discovered, only the days and regions asked for
  listed and downloaded, cached beside the store); --start defaults to 7 days before --end.`;

function parseFilter(text: string): AttributeFilter | undefined {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq) : '';
  return isLookupAttributeKey(key) ? { key, value: text.slice(eq + 1) } : undefined;
}

/** Runs `archive-query`; resolves with the exit code (0 ok, 2 bad usage). */
export async function archiveQueryCommand(args: readonly string[], out: LineWriter = stdoutWriter(), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        filter: { type: 'string', multiple: true },
        region: { type: 'string', multiple: true },
        start: { type: 'string' },
        end: { type: 'string' },
        max: { type: 'string' },
        'errors-only': { type: 'boolean' },
        'exclude-read-only': { type: 'boolean' },
        insight: { type: 'boolean' },
        all: { type: 'boolean' },
        store: { type: 'string' },
        'no-store': { type: 'boolean' },
        profile: { type: 'string' },
        endpoint: { type: 'string' },
        'bucket-region': { type: 'string' },
      },
    });
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const filters: AttributeFilter[] = [];
  for (const text of values.filter ?? []) {
    const filter = parseFilter(text);
    if (!filter) {
      err(`--filter ${text}: expected Key=Value with Key one of the eight lookup attributes\n${USAGE}`);
      return 2;
    }
    filters.push(filter);
  }
  const bucket = positionals.length === 1 && (positionals[0]?.startsWith('s3://')) ? positionals[0] : undefined;
  const end = values.end === undefined ? Date.now() + 86_400_000 : Date.parse(values.end);
  const start = values.start === undefined ? (bucket !== undefined ? end - 7 * 86_400_000 : 0) : Date.parse(values.start);
  const max = values.max === undefined ? 1000 : Number(values.max);
  if (positionals.length === 0 || Number.isNaN(start) || Number.isNaN(end) || !Number.isInteger(max) || max < 1) {
    err(USAGE);
    return 2;
  }
  if (bucket !== undefined) {
    let location;
    try {
      location = parseS3Url(bucket);
    } catch (e) {
      err(e instanceof Error ? e.message : String(e));
      return 2;
    }
    const storePath = values.store ?? defaultStorePath();
    const store = TrailStore.open(storePath);
    try {
      const s3 = new S3Access(
        createS3Client({
          ...(values.profile !== undefined ? { profile: values.profile } : {}),
          ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
          ...(values['bucket-region'] !== undefined ? { region: values['bucket-region'] } : {}),
        }),
      );
      const cache = new ObjectCache(store, join(storePath === ':memory:' ? process.cwd() : dirname(storePath), 'objects'));
      const source = await openTrailBucket({ store, cache, s3, bucket: location.bucket, prefix: location.prefix });
      return await run(source, filters, values, start, end, max, out, err);
    } finally {
      store.close();
    }
  }
  const store = values['no-store'] === true ? undefined : TrailStore.open(values.store ?? defaultStorePath());
  try {
    return await run(store ? await openStoredFolder(positionals, { store }) : await createArchiveEventSource(positionals), filters, values, start, end, max, out, err, store !== undefined);
  } finally {
    store?.close();
  }
}

/** What the summary line reports about the source. */
function sourceFacts(source: ArchiveEventSource | (TrailEventSource & { problems: readonly { path: string; message: string }[]; stats(): { requests: number; objectsRead: number } })): Record<string, number> {
  if ('openedPaths' in source) {
    return { files: source.files.length, filesOpened: source.openedPaths.size, indexedEvents: source.stats().events };
  }
  const stats = source.stats();
  return { s3Requests: stats.requests, objectsRead: stats.objectsRead };
}

async function run(
  source: Parameters<typeof sourceFacts>[0],
  filters: AttributeFilter[],
  values: { region?: string[]; 'exclude-read-only'?: boolean; 'errors-only'?: boolean; insight?: boolean; all?: boolean },
  start: number,
  end: number,
  max: number,
  out: LineWriter,
  err: (line: string) => void,
  stored = true,
): Promise<number> {
  const query: EventQuery = {
    regions: (values.region ?? []).flatMap((r) => r.split(',')).filter((r) => r !== ''),
    filters,
    start,
    end,
    includeReadOnly: values['exclude-read-only'] !== true,
    errorsOnly: values['errors-only'] === true,
    maxEvents: max,
    ...(values.insight === true ? { category: 'insight' as const } : {}),
  };
  let result = await source.query(query);
  let printed = 0;
  for (;;) {
    for (const event of result.events) await out.write(JSON.stringify(eventSummary(event)));
    printed += result.events.length;
    if (values.all !== true || result.loadMore === undefined) break;
    result = await result.loadMore();
  }
  for (const problem of source.problems) err(`problem: ${problem.path}: ${problem.message}`);
  const partial = describePartial(result);
  for (const note of partial.notes) err(`partial: ${note}`);
  // A first answer may come before the files are indexed: finish indexing so the next call reads nothing.
  if (stored && 'openedPaths' in source) await source.indexAll();
  err(
    JSON.stringify({
      events: printed,
      more: result.loadMore !== undefined,
      ...sourceFacts(source),
      problems: source.problems.length,
      badRecords: result.errors.length,
      // Missing records: unreadable files or records, or more events than --max.
      partial: partial.partial || source.problems.length > 0,
      elapsedMs: result.stats.elapsedMs,
    }),
  );
  return 0;
}
