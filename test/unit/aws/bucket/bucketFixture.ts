/** A local S3 server filled with the sample trail bucket, and the pieces a bucket source needs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectCache } from '../../../../src/archive/store/objectCache';
import { TrailStore } from '../../../../src/archive/store/trailStore';
import { S3Access } from '../../../../src/aws/bucket/s3Access';
import { openTrailBucket, type TrailBucketOptions, type TrailBucketSource } from '../../../../src/archive/bucket/trailBucketSource';
import { createS3Client } from '../../../../src/aws/s3Client';
import { fillTrailBucket, type TrailBucketContents } from '../../../../tools/local-s3/trailBucket';
import { startLocalS3, type LocalS3 } from '../../../../tools/local-s3/server';
import { TEST_CREDENTIALS } from '../localEndpoint';

export const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export interface BucketWorld {
  readonly server: LocalS3;
  readonly contents: TrailBucketContents;
  readonly dir: string;
  /** Opens the store (a new connection each time, as after a restart) and a source on it. */
  open(options?: Partial<TrailBucketOptions>): Promise<{ source: TrailBucketSource; store: TrailStore; s3: S3Access; cache: ObjectCache }>;
  close(): Promise<void>;
}

export async function bucketWorld(fill: { backgroundEvents?: number; fileMinutes?: number } = {}, latencyMs = 0): Promise<BucketWorld> {
  const server = await startLocalS3({ latencyMs });
  const contents = fillTrailBucket(server, { now: NOW, backgroundEvents: fill.backgroundEvents ?? 400, fileMinutes: fill.fileMinutes ?? 360 });
  const dir = mkdtempSync(join(tmpdir(), 'ct-bucket-'));
  const stores: TrailStore[] = [];
  return {
    server,
    contents,
    dir,
    async open(options = {}) {
      const store = TrailStore.open(join(dir, 'store.sqlite'));
      stores.push(store);
      const cache = new ObjectCache(store, join(dir, 'objects'));
      const s3 = new S3Access(createS3Client({ endpoint: server.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 }));
      const source = await openTrailBucket({ store, cache, s3, bucket: contents.bucket, prefix: '', now: () => NOW, ...options });
      return { source, store, s3, cache };
    },
    async close() {
      for (const store of stores) store.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
