/**
 * `node dist/cli.js parse FILE…`: reads CloudTrail records (trail files, `.json.gz`, JSON lines of
 * records or of `{"record": …}`) and prints one JSON line per normalized event, and one
 * `{"error": …, "index": N}` line per record it could not understand. Exit 0, or 2 when a file
 * cannot be read at all (its message goes to stderr).
 */
import { readRecordFile } from '../archive/recordFile';
import { normalizeRecord } from '../core/event';
import { isEventTimeInRange } from '../core/eventTime';
import type { TrailEvent } from '../core/model';
import { type LineWriter, stdoutWriter } from './output';

const USAGE = 'usage: cli parse FILE…   (trail .json/.json.gz files, JSON lines of records or of {"record": …})\n';

/** The JSON line printed for one event: the fields scripts and outside checks rely on. */
export function eventSummary(event: TrailEvent): Record<string, unknown> {
  return {
    id: event.id,
    // Sources only produce in-range times; a hand-built event must still never throw here.
    time: isEventTimeInRange(event.time) ? new Date(event.time).toISOString() : null,
    name: event.name,
    service: { key: event.service.key, label: event.service.label },
    region: event.region,
    principal: { key: event.principal.key, label: event.principal.label },
    readOnly: event.readOnly ?? null,
    errorCode: event.errorCode ?? null,
    resources: event.resources,
  };
}

/** Runs `parse`; resolves with the exit code. */
export async function parseCommand(args: readonly string[], out: LineWriter = stdoutWriter(), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    err(USAGE.trimEnd());
    return args.length === 0 ? 2 : 0;
  }
  let exitCode = 0;
  const several = args.length > 1;
  for (const file of args) {
    let records = 0;
    let fileErrors = 0;
    for await (const item of readRecordFile(file)) {
      if (item.kind === 'error' && item.index === undefined) {
        // The file itself is unreadable, not JSON, or truncated: not a record-level problem.
        fileErrors++;
        err(item.error);
        continue;
      }
      if (item.kind === 'error') {
        await out.write(JSON.stringify({ error: item.error, index: item.index, ...(several ? { file } : {}) }));
        continue;
      }
      records++;
      const result = normalizeRecord(item.record, item.index);
      if (result.ok) {
        await out.write(JSON.stringify(eventSummary(result.event)));
      } else {
        await out.write(JSON.stringify({ error: result.error.error, index: item.index, ...(several ? { file } : {}) }));
      }
    }
    if (fileErrors > 0 && records === 0) exitCode = 2;
  }
  return exitCode;
}
