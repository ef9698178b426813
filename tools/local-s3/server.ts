/**
 * A local S3-compatible server for tests and benchmarks: the REST subset the trail-bucket source
 * and `aws s3 sync` use — ListBuckets, ListObjectsV2 (prefix, delimiter, continuation, start-after,
 * max-keys) and ListObjects v1, GetBucketLocation, HeadObject with user metadata, GetObject with
 * ranges, ETags — path-style, on 127.0.0.1. Prefixes can be denied (403 AccessDenied, as a bucket
 * policy would), and every request is counted so tests can assert "no S3 request on reopen".
 * Signatures are not checked. Objects live in memory.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One stored object. */
export interface LocalObject {
  readonly body: Buffer;
  /** User metadata without the `x-amz-meta-` prefix, e.g. `{ signature: '…' }`. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly lastModified: Date;
  readonly etag: string;
}

/** One request as the server saw it. */
export interface LoggedRequest {
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly query: Readonly<Partial<Record<string, string>>>;
  readonly status: number;
  /** The access key id that signed it (from the Authorization header's `Credential=`), if signed. */
  readonly accessKeyId?: string;
  /** The headers it signed (the Authorization header's `SignedHeaders=`, lower case), if signed. */
  readonly signedHeaders?: readonly string[];
}

/** Options for {@link startLocalS3}. */
export interface LocalS3Options {
  readonly port?: number;
  /** `bucket/prefix` strings: listing under them and reading their objects answer AccessDenied. */
  readonly deniedPrefixes?: readonly string[];
  /** Delay added to each response (ms), to model a real network. */
  readonly latencyMs?: number;
}

/** A running server. */
export interface LocalS3 {
  readonly url: string;
  /** Every request so far. */
  readonly requests: LoggedRequest[];
  /** Requests being answered now, and the most at once since the start or the last reset. */
  readonly inFlight: { now: number; max: number };
  /** Adds or replaces an object (not counted as a request). */
  put(bucket: string, key: string, body: Buffer | string, metadata?: Readonly<Record<string, string>>, lastModified?: Date): void;
  createBucket(bucket: string): void;
  /** Denies `bucket/prefix` from now on (see {@link LocalS3Options.deniedPrefixes}). */
  deny(prefix: string): void;
  /** Forgets the request log. */
  resetRequests(): void;
  close(): Promise<void>;
}

const xmlEscape = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function errorXml(res: ServerResponse, status: number, code: string, message: string, resource = ''): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'local' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>local</RequestId></Error>`);
}

/** The ListObjects page for `prefix` / `delimiter` after `after`, at most `max` entries. */
function listPage(keys: readonly string[], prefix: string, delimiter: string, after: string, max: number): { contents: string[]; prefixes: string[]; truncated: boolean; last: string } {
  const contents: string[] = [];
  const prefixes: string[] = [];
  let last = after;
  let i = lowerBound(keys, after === '' ? prefix : after);
  for (; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if (key <= after) continue;
    if (!key.startsWith(prefix)) break;
    if (contents.length + prefixes.length >= max) return { contents, prefixes, truncated: true, last };
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter.length);
      prefixes.push(common);
      last = common;
      // Skip every key under this common prefix.
      i = lowerBound(keys, common + '\uffff') - 1;
      continue;
    }
    contents.push(key);
    last = key;
  }
  return { contents, prefixes, truncated: false, last };
}

function lowerBound(keys: readonly string[], value: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Starts the server on 127.0.0.1 (a free port unless told). */
export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3> {
  const buckets = new Map<string, { objects: Map<string, LocalObject>; sorted?: string[] }>();
  const requests: LoggedRequest[] = [];
  const denied = [...(options.deniedPrefixes ?? [])];
  const isDenied = (bucket: string, keyOrPrefix: string): boolean => denied.some((d) => `${bucket}/${keyOrPrefix}`.startsWith(d));
  const sortedKeys = (bucket: { objects: Map<string, LocalObject>; sorted?: string[] }): string[] => (bucket.sorted ??= [...bucket.objects.keys()].sort());

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://local');
    const query: Partial<Record<string, string>> = Object.fromEntries(url.searchParams);
    const [bucketName = '', ...rest] = url.pathname.slice(1).split('/');
    const bucket = decodeURIComponent(bucketName);
    const key = rest.map(decodeURIComponent).join('/');
    const method = req.method ?? 'GET';
    const log = (status: number): void => {
      const signer = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1];
      const signed = /SignedHeaders=([^,\s]+)/.exec(req.headers.authorization ?? '')?.[1]?.split(';');
      requests.push({ method, ...(bucket ? { bucket } : {}), ...(key ? { key } : {}), query, status, ...(signer !== undefined ? { accessKeyId: signer } : {}), ...(signed !== undefined ? { signedHeaders: signed } : {}) });
    };
    if (bucket === '') {
      log(200);
      const list = [...buckets.keys()].sort().map((name) => `<Bucket><Name>${xmlEscape(name)}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket>`);
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Owner><ID>local</ID></Owner><Buckets>${list.join('')}</Buckets></ListAllMyBucketsResult>`);
      return;
    }
    const state = buckets.get(bucket);
    if (!state) {
      log(404);
      errorXml(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', `/${bucket}`);
      return;
    }
    if (key === '') {
      if ('location' in query) {
        log(200);
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>');
        return;
      }
      const prefix = query.prefix ?? '';
      if (isDenied(bucket, prefix)) {
        log(403);
        errorXml(res, 403, 'AccessDenied', 'Access Denied', `/${bucket}/${prefix}`);
        return;
      }
      const v2 = query['list-type'] === '2';
      const delimiter = query.delimiter ?? '';
      const max = Math.min(1000, Number(query['max-keys'] ?? '1000') || 1000);
      const token = query['continuation-token'];
      const after = v2 ? (token !== undefined ? Buffer.from(token, 'base64').toString('utf8') : (query['start-after'] ?? '')) : (query.marker ?? '');
      const page = listPage(sortedKeys(state), prefix, delimiter, after, max);
      log(200);
      const contents = page.contents.map((k) => {
        const o = state.objects.get(k)!;
        return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>&quot;${o.etag}&quot;</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      });
      const prefixes = page.prefixes.map((p) => `<CommonPrefixes><Prefix>${xmlEscape(p)}</Prefix></CommonPrefixes>`);
      const next = page.truncated ? (v2 ? `<NextContinuationToken>${Buffer.from(page.last).toString('base64')}</NextContinuationToken>` : `<NextMarker>${xmlEscape(page.last)}</NextMarker>`) : '';
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix>` +
          `${delimiter ? `<Delimiter>${xmlEscape(delimiter)}</Delimiter>` : ''}<MaxKeys>${max}</MaxKeys>${v2 ? `<KeyCount>${contents.length + prefixes.length}</KeyCount>` : ''}` +
          `<IsTruncated>${page.truncated}</IsTruncated>${next}${contents.join('')}${prefixes.join('')}</ListBucketResult>`,
      );
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      log(405);
      errorXml(res, 405, 'MethodNotAllowed', 'Only reads are served');
      return;
    }
    if (isDenied(bucket, key)) {
      log(403);
      errorXml(res, 403, 'AccessDenied', 'Access Denied', `/${bucket}/${key}`);
      return;
    }
    const object = state.objects.get(key);
    if (!object) {
      log(404);
      errorXml(res, 404, 'NoSuchKey', 'The specified key does not exist.', `/${bucket}/${key}`);
      return;
    }
    const headers: Record<string, string> = {
      etag: `"${object.etag}"`,
      'last-modified': object.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    for (const [name, value] of Object.entries(object.metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
    let body = object.body;
    let status = 200;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const size = object.body.length;
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(size - 1, Number(range[2]));
      if (start >= size || start > end) {
        log(416);
        errorXml(res, 416, 'InvalidRange', 'The requested range is not satisfiable');
        return;
      }
      body = object.body.subarray(start, end + 1);
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
      status = 206;
    }
    headers['content-length'] = String(body.length);
    log(status);
    res.writeHead(status, headers);
    res.end(method === 'HEAD' ? undefined : body);
  };

  const inFlight = { now: 0, max: 0 };
  const server = createServer((req, res) => {
    inFlight.now++;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    res.once('close', () => { inFlight.now--; });
    // Drain any request body before answering (the SDK may send one with PUTs we refuse).
    req.resume();
    req.on('end', () => {
      if (options.latencyMs !== undefined && options.latencyMs > 0) setTimeout(() => { handle(req, res); }, options.latencyMs);
      else handle(req, res);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inFlight,
    deny(prefix) {
      denied.push(prefix);
    },
    createBucket(name) {
      if (!buckets.has(name)) buckets.set(name, { objects: new Map() });
    },
    put(bucketName, key, body, metadata, lastModified = new Date()) {
      let state = buckets.get(bucketName);
      if (!state) buckets.set(bucketName, (state = { objects: new Map() }));
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      state.objects.set(key, { body: bytes, lastModified, etag: createHash('md5').update(bytes).digest('hex'), ...(metadata ? { metadata } : {}) });
      delete state.sorted;
    },
    resetRequests() {
      requests.length = 0;
      inFlight.max = inFlight.now;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => { resolve(); }));
    },
  };
}
