/**
 * Builds the CloudTrail clients the lookup engine uses. The SDK's own retries are switched off
 * (`maxAttempts: 1`): the engine paces requests with its rate limiter and retries throttling itself,
 * so retries are counted, share the per-region budget and never surface as errors.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createCredentialsProvider, type MfaCodeProvider } from './credentials';

/** Options for {@link createCloudTrailClient}. */
export interface CloudTrailClientOptions {
  readonly region: string;
  /** Named profile; ignored when `credentials` is given. */
  readonly profile?: string;
  /**
   * Endpoint override, e.g. the local CloudTrail-compatible endpoint used by tests
   * (`http://127.0.0.1:PORT`). Only `http(s)` URLs are accepted.
   */
  readonly endpoint?: string;
  /** Explicit credentials or provider (tests, or a provider shared by several regions). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly mfaCodeProvider?: MfaCodeProvider;
}

/** Rejects endpoint overrides that are not plain http(s) URLs, with a message for the settings UI. */
export function validateEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`The endpoint "${endpoint}" is not a URL (expected e.g. http://127.0.0.1:4566).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The endpoint "${endpoint}" must use http or https.`);
  }
  return url.toString().replace(/\/$/, '');
}

/** A CloudTrail client for one region with SDK retries disabled (the engine retries). */
export function createCloudTrailClient(options: CloudTrailClientOptions): CloudTrailClient {
  const credentials =
    options.credentials ??
    createCredentialsProvider({
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
    });
  return new CloudTrailClient({
    region: options.region,
    credentials,
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: validateEndpoint(options.endpoint) } : {}),
  });
}
