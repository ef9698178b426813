/**
 * The S3 calls a trail bucket needs, as small functions over one client: list buckets, list one
 * level of a prefix (delimiter `/`), list every key of a day prefix after a key, HEAD for
 * metadata, and GET (streamed, or whole into memory). Each counts its requests and bytes; `AccessDenied` becomes
 * {@link S3AccessDenied} so callers report it per prefix and go on.
 */
import type { Readable } from 'node:stream';
import { clientSettings, loadS3Sdk, s3SdkPath, type S3ClientInstance } from '../s3Client';
import { isDenied, readWhole, S3AccessDenied, unquote } from './s3Object';

export { S3AccessDenied } from './s3Object';

/** An object listed under a prefix. */
export interface S3ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified?: number;
}

/** Counters of what was sent. */
export interface S3Counters {
  requests: number;
  bytes: number;
}

/** S3 for one client and bucket. Satisfies the archive ring's `TrailObjectStore` (structurally: the rings do not import each other). */
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
    return readWhole(body as AsyncIterable<Buffer>);
  }

  /**
   * How a parser thread downloads objects with a client of its own (the same settings as this
   * one: endpoint, region, timeouts, retries), its credentials resolved here by this client's
   * cached provider; undefined for a client not made by `createS3Client`.
   */
  fetchPlan(): { module: string; settings: unknown; credentials(): Promise<WorkerCredentials> } | undefined {
    const settings = clientSettings(this.client);
    if (settings === undefined) return undefined;
    const provider = this.client.config.credentials;
    return {
      module: s3SdkPath(),
      settings,
      credentials: async () => {
        const c = await provider();
        return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}), ...(c.expiration !== undefined ? { expiration: c.expiration } : {}) };
      },
    };
  }
}

/** Credentials as handed to a parser thread (never logged). */
export interface WorkerCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Parses `s3://bucket/prefix` (prefix may be empty); throws a message a person can act on. */
export function parseS3Url(text: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not an S3 location: expected s3://bucket or s3://bucket/prefix/`);
  const prefix = m.at(2) ?? '';
  return { bucket: m.at(1) ?? '', prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}
