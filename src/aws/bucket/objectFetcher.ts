/**
 * GETs of trail objects from a parser thread: a client of the thread's own, built from the main
 * client's settings (`s3Client.ts#s3ClientSettings`: endpoint, region, timeouts, retries) and signing with
 * credentials the main thread resolved (the worker asks again when they expire). Part of the S3
 * SDK bundle (`s3Sdk.ts`), which the worker loads by path, so the archive ring never imports it.
 */
import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import { isDenied, readWhole, S3AccessDenied } from './s3Object';

/** Downloads one object whole; `AccessDenied` rejects with {@link S3AccessDenied}. */
export type ObjectFetcher = (bucket: string, key: string, signal?: AbortSignal) => Promise<Uint8Array>;

/** A fetcher over a new client with `settings`, signing with what `credentials` gives. */
export function createObjectFetcher(settings: Omit<S3ClientConfig, 'credentials'>, credentials: () => Promise<AwsCredentialIdentity>): ObjectFetcher {
  const client = new S3Client({ ...settings, credentials });
  return async (bucket, key, signal) => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
      if (!out.Body) throw new Error(`s3://${bucket}/${key} came back without a body`);
      return await readWhole(out.Body as AsyncIterable<Buffer>);
    } catch (err) {
      if (isDenied(err)) throw new S3AccessDenied(`${bucket}/${key}`, err);
      throw err;
    }
  };
}
