/**
 * What every S3 read shares, whichever thread sends it: `AccessDenied` as {@link S3AccessDenied},
 * ETags without quotes, and a body read whole into one buffer of its own. No SDK import here, so
 * both the main thread's {@link S3Access} and a parser thread's fetcher (`objectFetcher.ts`) use it.
 */
import { ObjectAccessDenied } from '../../core/objectStoreErrors';

/** 403 on a prefix or object (the core error, so the archive ring can tell it without the SDK). */
export class S3AccessDenied extends ObjectAccessDenied {
  constructor(target: string, cause: unknown) {
    super(target, { cause });
    this.name = 'S3AccessDenied';
  }
}

/** True for a 403 / `AccessDenied` from the SDK. */
export function isDenied(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'AccessDenied' || e?.Code === 'AccessDenied' || e?.$metadata?.httpStatusCode === 403;
}

/** An ETag without its quotes. */
export const unquote = (etag: string | undefined): string => (etag ?? '').replace(/^"|"$/g, '');

/** Reads a body whole into one buffer of its own (never a pooled slice: it may move to another thread). */
export async function readWhole(body: AsyncIterable<Buffer>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
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
