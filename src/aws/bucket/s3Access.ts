/**
 * The S3 calls a trail bucket needs, as small functions over one client: list buckets, list one
 * level of a prefix (delimiter `/`), list every key of a day prefix after a key, HEAD for
 * metadata, and GET (streamed, or whole into memory). Each counts its requests and bytes; `AccessDenied` becomes
 * {@link S3AccessDenied} so callers report it per prefix and go on.
 */
import type { Readable } from 'node:stream';
import { ObjectAccessDenied } from '../../core/objectStoreErrors';
import { loadS3Sdk, type S3ClientInstance } from '../s3Client';

/** An object listed under a prefix. */
export interface S3ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified?: number;
}

/** 403 on a prefix or object (the core error, so the archive ring can tell it without the SDK). */
export class S3AccessDenied extends ObjectAccessDenied {
  constructor(target: string, cause: unknown) {
    super(target, { cause });
    this.name = 'S3AccessDenied';
  }
}

/** Counters of what was sent. */
export interface S3Counters {
  requests: number;
  bytes: number;
}

function isDenied(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'AccessDenied' || e?.Code === 'AccessDenied' || e?.$metadata?.httpStatusCode === 403;
}

const unquote = (etag: string | undefined): string => (etag ?? '').replace(/^"|"$/g, '');

/** S3 for one client and bucket. */
/** Satisfies the archive ring's `TrailObjectStore` (structurally: the rings do not import each other). */
export class S3Access {
  readonly counters: S3Counters = { requests: 0, bytes: 0 };

  constructor(readonly client: S3ClientInstance) {}

  /** Names of the buckets the credentials can list. */
  async listBuckets(signal?: AbortSignal): Promise<string[]> {
    const { ListBucketsCommand } = loadS3Sdk();
    this.counters.requests++;
    const out = await this.client.send(new ListBucketsCommand({}), signal ? { abortSignal: signal } : {});
    return (out.Buckets ?? []).map((b) => b.Name ?? '').filter((n) => n !== '');
  }

  /** One level under `prefix`: sub-prefixes (ending in `/`) and objects directly in it. */
  async listLevel(bucket: string, prefix: string, signal?: AbortSignal): Promise<{ prefixes: string[]; objects: S3ObjectInfo[] }> {
    const prefixes: string[] = [];
    const objects: S3ObjectInfo[] = [];
    for await (const page of this.pages(bucket, prefix, '/', undefined, signal)) {
      prefixes.push(...page.prefixes);
      objects.push(...page.objects);
    }
    return { prefixes, objects };
  }

  /** Every object under `prefix` (no delimiter) after `startAfter`, in key order. */
  async listAll(bucket: string, prefix: string, startAfter?: string, signal?: AbortSignal): Promise<S3ObjectInfo[]> {
    const objects: S3ObjectInfo[] = [];
    for await (const page of this.pages(bucket, prefix, undefined, startAfter, signal)) objects.push(...page.objects);
    return objects;
  }

  private async *pages(bucket: string, prefix: string, delimiter: string | undefined, startAfter: string | undefined, signal: AbortSignal | undefined): AsyncGenerator<{ prefixes: string[]; objects: S3ObjectInfo[] }> {
    const { ListObjectsV2Command } = loadS3Sdk();
    let token: string | undefined;
    do {
      this.counters.requests++;
      let out;
      try {
        out = await this.client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(delimiter !== undefined ? { Delimiter: delimiter } : {}),
            ...(token !== undefined ? { ContinuationToken: token } : startAfter !== undefined ? { StartAfter: startAfter } : {}),
          }),
          signal ? { abortSignal: signal } : {},
        );
      } catch (err) {
        if (isDenied(err)) throw new S3AccessDenied(`${bucket}/${prefix}`, err);
        throw err;
      }
      yield {
        prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix ?? '').filter((p) => p !== ''),
        objects: (out.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0, etag: unquote(o.ETag), ...(o.LastModified ? { lastModified: o.LastModified.getTime() } : {}) })),
      };
      token = out.IsTruncated === true ? out.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** User metadata of an object (`x-amz-meta-*` without the prefix), e.g. a digest's `signature`. */
  async head(bucket: string, key: string, signal?: AbortSignal): Promise<{ metadata: Partial<Record<string, string>>; etag: string; size: number }> {
    const { HeadObjectCommand } = loadS3Sdk();
    this.counters.requests++;
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
      return { metadata: out.Metadata ?? {}, etag: unquote(out.ETag), size: out.ContentLength ?? 0 };
    } catch (err) {
      if (isDenied(err)) throw new S3AccessDenied(`${bucket}/${key}`, err);
      throw err;
    }
  }

  /** The body of an object as a stream (the caller consumes or destroys it). */
  async stream(bucket: string, key: string, signal?: AbortSignal): Promise<{ body: Readable; metadata: Partial<Record<string, string>>; etag: string }> {
    const { GetObjectCommand } = loadS3Sdk();
    this.counters.requests++;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
      const body = out.Body as Readable | undefined;
      if (!body) throw new Error(`s3://${bucket}/${key} came back without a body`);
      body.on('data', (chunk: Buffer) => {
        this.counters.bytes += chunk.length;
      });
      return { body, metadata: out.Metadata ?? {}, etag: unquote(out.ETag) };
    } catch (err) {
      if (isDenied(err)) throw new S3AccessDenied(`${bucket}/${key}`, err);
      throw err;
    }
  }

  /** The whole body of an object in memory (one buffer of its own, never a pooled slice). */
  async getBytes(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array> {
    const { body } = await this.stream(bucket, key, signal);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }
}

/** Parses `s3://bucket/prefix` (prefix may be empty); throws a message a person can act on. */
export function parseS3Url(text: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not an S3 location: expected s3://bucket or s3://bucket/prefix/`);
  const prefix = m.at(2) ?? '';
  return { bucket: m.at(1) ?? '', prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}
