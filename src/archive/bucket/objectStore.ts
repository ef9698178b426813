/**
 * What the trail-bucket source needs from S3, as an interface: `aws/bucket/s3Access.ts` implements
 * it with the SDK, so this ring stays free of `@aws-sdk/*` (and tests may pass any implementation).
 * Access denied arrives as `ObjectAccessDenied` (core).
 */
import type { Readable } from 'node:stream';
import type { ObjectFetchPlan } from '../store/remoteObjects';

/** An object listed under a prefix. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified?: number;
}

/** The calls, with counters of what was sent. */
export interface TrailObjectStore {
  readonly counters: { requests: number; bytes: number };
  /** One level under `prefix`: sub-prefixes (ending in `/`) and objects directly in it. */
  listLevel(bucket: string, prefix: string, signal?: AbortSignal): Promise<{ prefixes: string[]; objects: ObjectInfo[] }>;
  /** Every object under `prefix` after `startAfter`, in key order. */
  listAll(bucket: string, prefix: string, startAfter?: string, signal?: AbortSignal): Promise<ObjectInfo[]>;
  /** User metadata (`x-amz-meta-*` without the prefix). */
  head(bucket: string, key: string, signal?: AbortSignal): Promise<{ metadata: Partial<Record<string, string>>; etag: string; size: number }>;
  stream(bucket: string, key: string, signal?: AbortSignal): Promise<{ body: Readable; metadata: Partial<Record<string, string>>; etag: string }>;
  /** The whole body in memory, in an ArrayBuffer of its own (trail objects are small: it moves to a parser thread). */
  getBytes(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array>;
  /**
   * How parser threads download objects with clients of their own (then this thread only lists
   * and hands out keys); absent or undefined: objects are downloaded here with {@link getBytes}.
   */
  fetchPlan?(): ObjectFetchPlan | undefined;
}
