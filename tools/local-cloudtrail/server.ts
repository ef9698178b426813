/**
 * A local CloudTrail-compatible endpoint: `LookupEvents` over awsJson1.1 on 127.0.0.1, serving
 * events from raw CloudTrail records with the service's rules (one lookup attribute, time range,
 * MaxResults 1–50, NextToken bound to its parameters, Insights category, per-region data, 2 requests
 * per second per region). Used by tests, benchmarks and the demo; never bundled into the extension.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attributeValues, compareNewestFirst, indexRecord, toWireEvent, type IndexedEvent } from './indexedEvent';
import { parseLookupRequest, ServiceError, type LookupQuery } from './lookupRequest';
import { decodePageToken, encodePageToken, queryBinding } from './pageToken';
import { FaultCounter, type FaultOptions, regionFaultFor, sendDroppedBody, sendMalformed, sendSlowly, withBadTime } from './faults';
import { RegionThrottle } from './regionThrottle';
import { isGetCallerIdentity, sendCallerIdentity } from './sts';

export interface LocalCloudTrailOptions {
  /** Raw CloudTrail records (`Records[]` items). Records that cannot be indexed are skipped. */
  records: readonly unknown[];
  /** Default 127.0.0.1; only loopback addresses are accepted. */
  host?: string;
  /** Default 0 = ephemeral. */
  port?: number;
  /** Per region, default 2; 0 disables throttling. */
  requestsPerSecond?: number;
  /** Storm mode: answer every other request (the 2nd, 4th, …) with ThrottlingException. */
  throttleEveryOther?: boolean;
  /** Simulated latency per request, default 0. */
  pageDelayMs?: number;
  /** Requests signed with these access key ids get AccessDeniedException. */
  deniedAccessKeys?: readonly string[];
  /** Requests signed with these access key ids get ExpiredTokenException. */
  expiredAccessKeys?: readonly string[];
  /**
   * Every Nth page that has more results after it is returned empty, still carrying a NextToken
   * (the real API does this). The page after an empty one is never empty. Default 0 = never.
   */
  emptyPagesEvery?: number;
  /** Each page after the first repeats the previous page's last event (duplicate ids across pages). */
  duplicateAcrossPages?: boolean;
  /** Time source of the rate limit (epoch ms); tests freeze it to make "the same second" exact. */
  clock?: () => number;
  /** Injected faults (hang, 5xx every N, dropped bodies, token loops, malformed bodies, bad times, slow bodies). */
  faults?: FaultOptions;
  /** Account id per access key id for STS GetCallerIdentity (default 123456789012 for every key). */
  accounts?: Readonly<Record<string, string>>;
}

export interface LocalCloudTrail {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly stats: { requests: number; throttled: number; byRegion: Record<string, number>; callerIdentity: number; faults: number };
  setOptions(patch: Partial<Omit<LocalCloudTrailOptions, 'records' | 'host' | 'port'>>): void;
  setRecords(records: readonly unknown[]): void;
  close(): Promise<void>;
}

type Behaviour = Omit<LocalCloudTrailOptions, 'records' | 'host' | 'port'>;

const TARGET = 'CloudTrail_20131101.LookupEvents';
/** Newer botocore (the AWS CLI) sends the shape's fully qualified name; the service takes both. */
const QUALIFIED_TARGET = `com.amazonaws.cloudtrail.v20131101.${TARGET}`;
const MAX_BODY_BYTES = 1 << 20;

/** Groups indexable records by region, newest first. */
function indexByRegion(records: readonly unknown[]): Map<string, IndexedEvent[]> {
  const byRegion = new Map<string, IndexedEvent[]>();
  for (const raw of records) {
    const result = indexRecord(raw);
    if (!result.ok) continue;
    const list = byRegion.get(result.event.region) ?? [];
    list.push(result.event);
    byRegion.set(result.event.region, list);
  }
  for (const list of byRegion.values()) list.sort(compareNewestFirst);
  return byRegion;
}

/** Region and access key id from a SigV4 `Authorization` header's credential scope. */
function parseAuthorization(header: string | undefined): { accessKeyId: string; region: string } | undefined {
  if (!header) return undefined;
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/.exec(header);
  if (!match) return undefined;
  return { accessKeyId: match[1], region: match[2] };
}

function matches(event: IndexedEvent, query: LookupQuery): boolean {
  if (event.insight !== query.insight) return false;
  if (query.startMs !== undefined && event.timeMs < query.startMs) return false;
  if (query.endMs !== undefined && event.timeMs > query.endMs) return false;
  if (query.attribute) return attributeValues(event, query.attribute.key).includes(query.attribute.value);
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ServiceError('SerializationException', 'Request body too large', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: ServiceError): void {
  send(res, err.status, { __type: err.type, message: err.message });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the endpoint; resolves once it listens. */
export async function startLocalCloudTrail(options: LocalCloudTrailOptions): Promise<LocalCloudTrail> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`The local CloudTrail endpoint only listens on loopback, not ${host}`);
  }
  const { records: initialRecords, host: _h, port: _p, ...initialBehaviour } = options;
  let behaviour: Behaviour = { ...initialBehaviour };
  let data = indexByRegion(initialRecords);
  const throttle = new RegionThrottle(() => (behaviour.clock ?? Date.now)());
  const stats = { requests: 0, throttled: 0, byRegion: {} as Record<string, number>, callerIdentity: 0, faults: 0 };
  const faultCounter = new FaultCounter();
  let stormCounter = 0;
  let pageCounter = 0;

  // Paging re-sends the same parameters: keep recent selections so a page costs O(page), not O(region).
  const selections = new Map<string, IndexedEvent[]>();
  function select(binding: string, region: string, query: LookupQuery): IndexedEvent[] {
    let selected = selections.get(binding);
    if (!selected) {
      selected = (data.get(region) ?? []).filter((e) => matches(e, query));
      if (selections.size >= 64) selections.delete(selections.keys().next().value!);
      selections.set(binding, selected);
    }
    return selected;
  }

  function lookup(region: string, query: LookupQuery): Record<string, unknown> {
    const binding = queryBinding(region, query);
    const position = query.nextToken ? decodePageToken(query.nextToken, binding) : { offset: 0, afterEmptyPage: false };
    const selected = select(binding, region, query);
    const offset = Math.min(position.offset, selected.length);
    const faults = behaviour.faults ?? {};
    if (faults.emptyPagesForever === true) {
      return { Events: [], NextToken: encodePageToken(binding, { offset: position.offset + 1, afterEmptyPage: false }) };
    }
    const emptyEvery = behaviour.emptyPagesEvery ?? 0;
    if (emptyEvery > 0 && !position.afterEmptyPage && offset < selected.length && ++pageCounter % emptyEvery === 0) {
      return { Events: [], NextToken: encodePageToken(binding, { offset, afterEmptyPage: true }) };
    }
    const start = behaviour.duplicateAcrossPages && offset > 0 ? offset - 1 : offset;
    const end = Math.min(selected.length, offset + query.maxResults);
    const page = selected.slice(start, end);
    const bad = new Set(faults.badTimeIds ?? []);
    const badValue = faults.badTimeValue ?? 1e20;
    // A token loop hands back the token the request came with (the first page mints one).
    const token = end < selected.length ? (faults.tokenLoop === true && query.nextToken ? query.nextToken : encodePageToken(binding, { offset: end, afterEmptyPage: false })) : undefined;
    return {
      Events: page.map((e) => (bad.has(e.id) ? withBadTime(toWireEvent(e), badValue) : toWireEvent(e))),
      ...(token !== undefined ? { NextToken: token } : {}),
    };
  }

  function pageOffset(region: string, query: LookupQuery): number {
    return query.nextToken ? decodePageToken(query.nextToken, queryBinding(region, query)).offset : 0;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const pause = behaviour.pageDelayMs ?? 0;
    if (pause > 0) await delay(pause);
    if (req.method !== 'POST') throw new ServiceError('UnknownOperationException', 'Only POST is supported', 404);
    if (isGetCallerIdentity(req.headers['content-type'], body)) {
      const caller = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '');
      if (!caller) throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      stats.callerIdentity++;
      sendCallerIdentity(res, caller[1], behaviour.accounts ?? {});
      return;
    }
    stats.requests++;
    const target = req.headers['x-amz-target'];
    if (target !== TARGET && target !== QUALIFIED_TARGET) throw new ServiceError('UnknownOperationException', `Unsupported operation: ${String(target)}`);
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    stats.byRegion[auth.region] = (stats.byRegion[auth.region] ?? 0) + 1;
    if (behaviour.expiredAccessKeys?.includes(auth.accessKeyId)) {
      throw new ServiceError('ExpiredTokenException', 'The security token included in the request is expired');
    }
    if (behaviour.deniedAccessKeys?.includes(auth.accessKeyId)) {
      throw new ServiceError(
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/denied is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action',
      );
    }
    const fault = faultCounter.next(behaviour.faults ?? {});
    if (fault !== undefined) stats.faults++;
    if (fault === 'hang') return; // never answered; close() ends the connection
    if (fault === 'serverError') throw new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
    if (fault === 'malformed') {
      sendMalformed(res);
      return;
    }
    const storm = behaviour.throttleEveryOther === true && ++stormCounter % 2 === 0;
    if (storm || !throttle.tryAcquire(auth.region, behaviour.requestsPerSecond ?? 2)) {
      stats.throttled++;
      throw new ServiceError('ThrottlingException', 'Rate exceeded');
    }
    let parsed: unknown;
    try {
      parsed = body === '' ? {} : JSON.parse(body);
    } catch {
      throw new ServiceError('SerializationException', 'Request body is not valid JSON');
    }
    const query = parseLookupRequest(parsed);
    const faults = behaviour.faults ?? {};
    const regional = regionFaultFor(faults, auth.region, pageOffset(auth.region, query), query.maxResults);
    if (regional !== undefined) stats.faults++;
    if (regional === 'serverError') throw new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
    const answer = lookup(auth.region, query);
    if (fault === 'dropBody' || regional === 'dropBody') sendDroppedBody(res, JSON.stringify(answer));
    else if (faults.slowBodyBytes !== undefined && faults.slowBodyMs !== undefined) {
      sendSlowly(res, 200, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID() }, JSON.stringify(answer), faults.slowBodyBytes, faults.slowBodyMs);
    } else send(res, 200, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof ServiceError) sendError(res, err);
      else sendError(res, new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error.', 500));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    stats,
    setOptions(patch) {
      behaviour = { ...behaviour, ...patch };
    },
    setRecords(records) {
      data = indexByRegion(records);
      selections.clear();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
