/**
 * `node dist/cli.js lookup`: the LookupEvents engine without VS Code, for scripts, benchmarks and
 * outside checks. Events stream out as they become final (newest first, same JSON shape as
 * `parse`); a one-line JSON summary goes to stderr. Ctrl-C stops the scan and keeps what arrived.
 */
import { parseArgs } from 'node:util';
import { createApiEventSource } from '../aws/apiEventSource';
import type { CallLimits } from '../aws/callLimits';
import { isEventTimeInRange } from '../core/eventTime';
import { isLookupAttributeKey } from '../core/filters';
import { describePartial } from '../core/partialResult';
import type { TrailEvent } from '../core/model';
import type { AttributeFilter, EventQuery } from '../core/query';
import { type LineWriter, stdoutWriter } from './output';
import { eventSummary } from './parse';

const USAGE = `usage: cli lookup [--profile P] [--region R[,R2…]] [--attribute Key=Value] [--filter Key=Value]…
                  [--since 24h | --start ISO [--end ISO]] [--max N] [--format jsonl|table]
                  [--errors-only] [--exclude-read-only] [--endpoint URL]
                  [--timeout SECONDS] [--connect-timeout SECONDS] [--attempts N]
                  [--credential-process-timeout SECONDS] [--resume REGION=NEXTTOKEN]…
  --timeout bounds each request (default 10), --attempts the tries per request (default 3).
  A region that stops early is listed on stderr with the --resume argument that continues it.
  Keys: EventId AccessKeyId ResourceName Username EventName EventSource ResourceType ReadOnly
  --attribute runs on the server; --filter runs locally and may use * wildcards.
  With --endpoint, credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --profile.`;

class UsageError extends Error {}

function parseFilter(text: string, flag: string): AttributeFilter {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq) : '';
  if (!isLookupAttributeKey(key)) throw new UsageError(`${flag} ${text}: expected Key=Value with Key one of the eight lookup attributes`);
  return { key, value: text.slice(eq + 1) };
}

/** `30m`, `24h`, `7d` → milliseconds. */
function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([mhd])$/.exec(text.trim());
  if (!m) throw new UsageError(`--since ${text}: expected a duration such as 30m, 24h or 7d`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

function parseTime(text: string, flag: string): number {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`${flag} ${text}: expected an ISO date-time such as 2026-11-20T08:00:00Z`);
  return t;
}

function positive(text: string | undefined, flag: string, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} ${text}: expected a positive ${integer ? 'whole number' : 'number'}`);
  return n;
}

function parseResume(texts: readonly string[]): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const text of texts) {
    const eq = text.indexOf('=');
    if (eq <= 0 || eq === text.length - 1) throw new UsageError(`--resume ${text}: expected REGION=NEXTTOKEN`);
    tokens[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return tokens;
}

function tableRow(e: TrailEvent): string {
  const time = isEventTimeInRange(e.time) ? new Date(e.time).toISOString().replace('.000Z', 'Z') : 'invalid time'.padEnd(20);
  return [time, e.region.padEnd(14), e.name.padEnd(32), e.service.label.padEnd(16), e.principal.label.padEnd(24), e.errorCode ?? ''].join('  ').trimEnd();
}

/** Runs `lookup`; resolves with the exit code (0 ok, 1 every region failed, 2 bad usage). */
export async function lookupCommand(args: readonly string[], out: LineWriter = stdoutWriter(), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        profile: { type: 'string' },
        region: { type: 'string', multiple: true },
        attribute: { type: 'string' },
        filter: { type: 'string', multiple: true },
        since: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        max: { type: 'string' },
        format: { type: 'string' },
        endpoint: { type: 'string' },
        timeout: { type: 'string' },
        'connect-timeout': { type: 'string' },
        attempts: { type: 'string' },
        'credential-process-timeout': { type: 'string' },
        resume: { type: 'string', multiple: true },
        'errors-only': { type: 'boolean' },
        'exclude-read-only': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    err(USAGE);
    return 0;
  }
  let query: EventQuery;
  let server: AttributeFilter | undefined;
  let limits: Partial<CallLimits>;
  let credentialProcessTimeoutMs: number | undefined;
  let resumeTokens: Record<string, string>;
  const format = values.format ?? 'jsonl';
  try {
    if (format !== 'jsonl' && format !== 'table') throw new UsageError(`--format ${format}: expected jsonl or table`);
    const regions = (values.region ?? [process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1']).flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
    server = values.attribute !== undefined ? parseFilter(values.attribute, '--attribute') : undefined;
    const local = (values.filter ?? []).map((f) => parseFilter(f, '--filter'));
    if (values.since !== undefined && values.start !== undefined) throw new UsageError('use either --since or --start/--end');
    const end = values.end !== undefined ? parseTime(values.end, '--end') : Date.now();
    const start = values.start !== undefined ? parseTime(values.start, '--start') : end - parseDuration(values.since ?? '24h');
    const max = values.max !== undefined ? Number(values.max) : 1000;
    if (!Number.isInteger(max) || max < 1) throw new UsageError(`--max ${values.max ?? ''}: expected a positive whole number`);
    const timeout = positive(values.timeout, '--timeout', false);
    const connect = positive(values['connect-timeout'], '--connect-timeout', false);
    const attempts = positive(values.attempts, '--attempts', true);
    const processTimeout = positive(values['credential-process-timeout'], '--credential-process-timeout', false);
    limits = { ...(timeout !== undefined ? { requestTimeoutMs: timeout * 1000 } : {}), ...(connect !== undefined ? { connectTimeoutMs: connect * 1000 } : {}), ...(attempts !== undefined ? { maxAttempts: attempts } : {}) };
    credentialProcessTimeoutMs = processTimeout !== undefined ? processTimeout * 1000 : undefined;
    resumeTokens = parseResume(values.resume ?? []);
    query = {
      regions,
      filters: server ? [server, ...local] : local,
      start,
      end,
      includeReadOnly: values['exclude-read-only'] !== true,
      errorsOnly: values['errors-only'] === true,
      maxEvents: max,
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n${USAGE}`);
    return 2;
  }

  const source = createApiEventSource({
    regions: query.regions,
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    ...(server ? { serverAttributeKey: server.key } : {}),
    limits,
    resumeTokens,
    ...(credentialProcessTimeoutMs !== undefined ? { credentialProcessTimeoutMs } : {}),
  });
  const controller = new AbortController();
  const onSigint = (): void => {
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const startedAt = performance.now();
  // Progress callbacks are synchronous; lines are written in order through one promise chain.
  let writing = Promise.resolve();
  const print = (events: readonly TrailEvent[]): void => {
    for (const e of events) {
      const line = format === 'jsonl' ? JSON.stringify(eventSummary(e)) : tableRow(e);
      writing = writing.then(() => out.write(line));
    }
  };
  try {
    const result = await source.query(query, { signal: controller.signal, onProgress: print });
    await writing;
    if (format === 'jsonl') for (const e of result.errors) await out.write(JSON.stringify({ error: e.error, index: e.index ?? null }));
    for (const r of result.regionErrors) {
      err(`${r.region}: ${r.message}`);
      if (r.resumeToken !== undefined) err(`${r.region}: continue with --resume ${r.region}=${r.resumeToken}`);
    }
    const partial = describePartial(result);
    err(
      JSON.stringify({
        events: result.events.length,
        pages: result.stats.pages,
        requests: result.stats.requests,
        throttlesRetried: result.stats.throttlesRetried,
        badRecords: result.stats.badRecords,
        seconds: Number(((performance.now() - startedAt) / 1000).toFixed(3)),
        plan: result.plan,
        more: result.loadMore !== undefined,
        cancelled: result.cancelled,
        regionErrors: result.regionErrors.length,
        partial: partial.partial,
        incomplete: result.regionErrors.map((r) => ({ region: r.region, reason: r.reason ?? 'error', eventsBefore: r.eventsBefore ?? null, resumeToken: r.resumeToken ?? null })),
      }),
    );
    return result.regionErrors.length > 0 && result.regionErrors.length >= query.regions.length ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
