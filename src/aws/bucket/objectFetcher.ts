/**
 * GETs of trail objects from a parser thread: a client of the thread's own, built from the main
 * client's settings (`s3Client.ts#s3ClientSettings`: endpoint, region, timeouts, retries) and signing with
 * credentials the main thread resolved (the worker asks again when they expire). Part of the S3
 * SDK bundle (`s3Sdk.ts`), which the worker loads by path, so the archive ring never imports it.
 *
 * A thread sends thousands of small GETs, so the client is set up for that (issue 20: the SDK's
 * per-request work was the largest part of a first query's CPU): the SDK's `cacheMiddleware`
 * resolves the middleware stack once instead of once per request, the steps a GET of a trail
 * object does not need are left out ({@link UNNEEDED_FOR_GET}), and no flexible checksum is asked
 * for. A cached stack takes no per-request options, so each GET's abort signal reaches the HTTP
 * handler through the signed request instead ({@link SignalledHttpHandler}): Cancel still aborts
 * the GETs in flight.
 */
import { GetObjectCommand, S3Client, type S3ClientConfig, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-s3';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, FinalizeRequestMiddleware, HttpHandlerOptions } from '@smithy/types';
import { isDenied, readWhole, S3AccessDenied } from './s3Object';

/** Downloads one object whole; `AccessDenied` rejects with {@link S3AccessDenied}. */
export type ObjectFetcher = (bucket: string, key: string, signal?: AbortSignal) => Promise<Uint8Array>;

/**
 * Steps of the SDK's middleware stack that do nothing for a GET of a trail object from VS Code:
 * logging to the no-op logger, Lambda's trace header, `Expect: 100-continue` (requests with a
 * body), and the bucket-name check (the bucket came from a listing the main client made). Each
 * step is an async layer around every request. Signing, endpoints, retries, region redirects,
 * S3 Express, the user agent and deserialization stay.
 */
export const UNNEEDED_FOR_GET = ['loggerMiddleware', 'recursionDetectionMiddleware', 'addExpectContinueMiddleware', 'validateBucketNameMiddleware'] as const;

/** The own property of a GET command holding its abort signal. */
const SIGNAL = Symbol('abortSignalOfGet');

/** The HTTP handler of the settings, aborting each request with the signal its GET was sent with. */
class SignalledHttpHandler extends NodeHttpHandler {
  /** The signal of each signed request (set by the stack, just after signing). */
  readonly signals = new WeakMap<object, AbortSignal>();

  override handle(request: Parameters<NodeHttpHandler['handle']>[0], options: HttpHandlerOptions = {}): ReturnType<NodeHttpHandler['handle']> {
    const abortSignal = this.signals.get(request);
    return super.handle(request, abortSignal === undefined ? options : { ...options, abortSignal });
  }
}

/**
 * A client for the GETs of one bucket. A cached stack shares one context between the requests in
 * flight (the endpoint, the auth scheme, a region redirect): identical for one bucket, so each
 * bucket gets a client of its own.
 */
function bucketClient(settings: Omit<S3ClientConfig, 'credentials'>, credentials: () => Promise<AwsCredentialIdentity>): S3Client {
  const http = new SignalledHttpHandler(settings.requestHandler as NodeHttpHandlerOptions);
  // Trail objects carry no flexible checksum (gzip's own CRC checks the bytes): ask for one only when S3 requires it.
  const client = new S3Client({ ...settings, requestHandler: http, cacheMiddleware: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', credentials });
  for (const step of UNNEEDED_FOR_GET) client.middlewareStack.remove(step);
  // The stack's arguments start as the command itself and keep its own properties from step to
  // step: the GET's signal rides on the command, and just after signing goes with the signed request.
  const passSignal: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => (args) => {
    const signal = (args as { [SIGNAL]?: AbortSignal })[SIGNAL];
    if (signal !== undefined) http.signals.set(args.request as object, signal);
    return next(args);
  };
  client.middlewareStack.addRelativeTo(passSignal, { name: 'abortSignalOfGet', relation: 'after', toMiddleware: 'httpSigningMiddleware' });
  return client;
}

/** A fetcher over new clients with `settings` (one per bucket), signing with what `credentials` gives. */
export function createObjectFetcher(settings: Omit<S3ClientConfig, 'credentials'>, credentials: () => Promise<AwsCredentialIdentity>): ObjectFetcher {
  const clients = new Map<string, S3Client>();
  return async (bucket, key, signal) => {
    let client = clients.get(bucket);
    if (client === undefined) {
      client = bucketClient(settings, credentials);
      clients.set(bucket, client);
    }
    const command = Object.assign(new GetObjectCommand({ Bucket: bucket, Key: key }), signal !== undefined ? { [SIGNAL]: signal } : {});
    try {
      signal?.throwIfAborted();
      // No options: the cached stack is used.
      const out = await client.send(command);
      if (!out.Body) throw new Error(`s3://${bucket}/${key} came back without a body`);
      return await readWhole(out.Body as AsyncIterable<Buffer>);
    } catch (err) {
      if (isDenied(err)) throw new S3AccessDenied(`${bucket}/${key}`, err);
      throw err;
    }
  };
}
