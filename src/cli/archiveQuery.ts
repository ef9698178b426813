/**
 * `node dist/cli.js archive-query PATH…`: trail files and exports on disk, queried like the API.
 * Events go to stdout (newest first, the same JSON shape as `parse`), problems and a one-line JSON
 * summary to stderr.
 */
import { parseArgs } from 'node:util';
import { createArchiveEventSource } from '../archive/archiveEventSource';
import { isLookupAttributeKey } from '../core/filters';
import type { AttributeFilter, EventQuery } from '../core/query';
import { type LineWriter, stdoutWriter } from './output';
import { eventSummary } from './parse';

const USAGE = `usage: cli archive-query PATH… [--filter Key=Value]… [--region R]… [--start ISO] [--end ISO]
                        [--max N] [--errors-only] [--exclude-read-only] [--insight]
  PATH: trail log files (.json.gz/.json), folders in the AWSLogs/ layout, console CSV/JSON exports,
  lookup-events output. Keys: EventId AccessKeyId ResourceName Username EventName EventSource
  ResourceType ReadOnly; values may use * wildcards. Every filter runs locally.`;

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
  const start = values.start === undefined ? 0 : Date.parse(values.start);
  const end = values.end === undefined ? Date.now() + 86_400_000 : Date.parse(values.end);
  const max = values.max === undefined ? 1000 : Number(values.max);
  if (positionals.length === 0 || Number.isNaN(start) || Number.isNaN(end) || !Number.isInteger(max) || max < 1) {
    err(USAGE);
    return 2;
  }
  const source = await createArchiveEventSource(positionals);
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
  const result = await source.query(query);
  for (const event of result.events) await out.write(JSON.stringify(eventSummary(event)));
  for (const problem of source.problems) err(`problem: ${problem.path}: ${problem.message}`);
  const stats = source.stats();
  err(
    JSON.stringify({
      events: result.events.length,
      more: result.loadMore !== undefined,
      files: source.files.length,
      filesOpened: source.openedPaths.size,
      indexedEvents: stats.events,
      problems: source.problems.length,
      elapsedMs: result.stats.elapsedMs,
    }),
  );
  return 0;
}
