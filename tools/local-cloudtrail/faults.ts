/**
 * Fault injection for the local endpoint: the failures a real network and a misbehaving service
 * produce, so tests drive the real SDK client through them. Every fault is off by default; the
 * `every` counters count LookupEvents requests that reach the fault stage (1-based).
 */
import type { ServerResponse } from 'node:http';

/** Which faults are on. */
export interface FaultOptions {
  /** Accept the request and never answer (the connection stays open until the client gives up). */
  readonly hang?: boolean;
  /** Answer every Nth request with HTTP 500 `InternalFailure` (N = 3: the 3rd, 6th, …). */
  readonly serverErrorEvery?: number;
  /** Every Nth request: send the headers and half the body, then drop the connection. */
  readonly dropBodyEvery?: number;
  /** Every Nth request: answer 200 with a body that is not JSON. */
  readonly malformedBodyEvery?: number;
  /** Every page with more results carries the same NextToken as the previous page (a token loop). */
  readonly tokenLoop?: boolean;
  /** Every page is empty and carries a fresh NextToken, forever. */
  readonly emptyPagesForever?: boolean;
  /** Events with these ids go out with `EventTime` and the record's `eventTime` set to {@link badTimeValue}. */
  readonly badTimeIds?: readonly string[];
  /** The bad time sent for {@link badTimeIds}; default `1e20` (a number no date can hold). */
  readonly badTimeValue?: unknown;
  /** Send the response body in pieces of this many bytes, one piece every `slowBodyMs`. */
  readonly slowBodyBytes?: number;
  readonly slowBodyMs?: number;
  /** Faults of one region only (the other regions answer normally), keyed by region. */
  readonly regionFaults?: Readonly<Record<string, RegionFault>>;
}

/** A region that fails from some page of a scan on, while the other regions answer. */
export interface RegionFault {
  /**
   * How many pages of a scan are served before the fault starts (by the page token's offset and
   * the request's MaxResults): 1 = the first page answers, the second and later fail. Default 0.
   */
  readonly afterPages?: number;
  /** What the failing requests get: HTTP 500 `InternalFailure` (default) or a dropped body. */
  readonly kind?: 'serverError' | 'dropBody';
}

/** Parses `REGION:500:N` or `REGION:drop:N` (the `--region-fault` flag): the region fails after N pages. */
export function parseRegionFault(text: string): [string, RegionFault] {
  const match = /^([a-z0-9-]+):(500|drop):(\d+)$/.exec(text);
  if (!match) throw new Error(`--region-fault needs REGION:500:PAGES or REGION:drop:PAGES, not ${text}`);
  return [match[1], { kind: match[2] === 'drop' ? 'dropBody' : 'serverError', afterPages: Number(match[3]) }];
}

/** The fault a LookupEvents request for page `offset / maxResults` of a scan in `region` gets, if any. */
export function regionFaultFor(faults: FaultOptions, region: string, offset: number, maxResults: number): RegionFault['kind'] {
  const fault = faults.regionFaults?.[region];
  if (fault === undefined) return undefined;
  return Math.floor(offset / Math.max(1, maxResults)) >= (fault.afterPages ?? 0) ? (fault.kind ?? 'serverError') : undefined;
}

/** Counts requests for the `every` faults. */
export class FaultCounter {
  private requests = 0;

  /** Call once per request; returns which fault (if any) this request gets. */
  next(faults: FaultOptions): 'hang' | 'serverError' | 'dropBody' | 'malformed' | undefined {
    const n = ++this.requests;
    const hit = (every: number | undefined): boolean => every !== undefined && every > 0 && n % every === 0;
    if (faults.hang === true) return 'hang';
    if (hit(faults.serverErrorEvery)) return 'serverError';
    if (hit(faults.dropBodyEvery)) return 'dropBody';
    if (hit(faults.malformedBodyEvery)) return 'malformed';
    return undefined;
  }
}

const HEADERS = { 'Content-Type': 'application/x-amz-json-1.1' };

/** Sends half of `text` under a Content-Length for all of it, then destroys the socket. */
export function sendDroppedBody(res: ServerResponse, text: string): void {
  res.writeHead(200, { ...HEADERS, 'Content-Length': Buffer.byteLength(text) });
  res.write(text.slice(0, Math.floor(text.length / 2)));
  setTimeout(() => res.socket?.destroy(), 5);
}

/** Answers 200 with a body that is cut JSON. */
export function sendMalformed(res: ServerResponse): void {
  const text = '{"Events": [{"EventId": "x", "CloudTrailEv';
  res.writeHead(200, { ...HEADERS, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends `text` in slow pieces. */
export function sendSlowly(res: ServerResponse, status: number, headers: Record<string, string | number>, text: string, pieceBytes: number, pauseMs: number): void {
  const bytes = Buffer.from(text);
  res.writeHead(status, { ...headers, 'Content-Length': bytes.length });
  let at = 0;
  const step = (): void => {
    if (res.destroyed) return;
    res.write(bytes.subarray(at, at + pieceBytes));
    at += pieceBytes;
    if (at >= bytes.length) res.end();
    else setTimeout(step, pauseMs);
  };
  step();
}

/** Replaces the time of a wire event (and of its CloudTrailEvent record) with `value`. */
export function withBadTime(wire: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const record = JSON.parse(String(wire.CloudTrailEvent)) as Record<string, unknown>;
  return { ...wire, EventTime: value, CloudTrailEvent: JSON.stringify({ ...record, eventTime: value }) };
}
