/**
 * Builds the CloudTrail clients: every call bounded by connection and request timeouts and retried
 * by the SDK's standard strategy for 5xx, network and clock-skew errors ({@link boundedClientConfig}).
 * For LookupEvents the engine keeps throttling to itself: every attempt (retries included) takes a
 * token from the rate limiter, and throttles widen it, so retries never exceed the account's budget.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { boundedClientConfig, type CallLimits, resolveCallLimits } from './callLimits';
import { clientCredentials, type MfaCodeProvider } from './credentials';

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
  /** Timeouts and attempts; defaults from {@link resolveCallLimits}. */
  readonly limits?: Partial<CallLimits>;
  /**
   * Who retries throttling: `engine` (default; the LookupEvents engine paces retries with its limiter)
   * or `sdk` (the standard strategy's backoff, for calls the engine does not pace, e.g. ListPublicKeys).
   */
  readonly throttling?: 'engine' | 'sdk';
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

/** A CloudTrail client for one region, bounded and retried (see the module comment). */
export function createCloudTrailClient(options: CloudTrailClientOptions): CloudTrailClient {
  const credentials = clientCredentials(options);
  return new CloudTrailClient({
    region: options.region,
    credentials,
    ...boundedClientConfig(resolveCallLimits(options.limits), { retryThrottling: options.throttling === 'sdk' }),
    ...(options.endpoint ? { endpoint: validateEndpoint(options.endpoint) } : {}),
  });
}
