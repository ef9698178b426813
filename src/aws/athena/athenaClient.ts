/**
 * Builds the Athena client with the same profiles, credentials and endpoint rules as the CloudTrail
 * client (`../clientFactory.ts`, `../credentials.ts`). Unlike LookupEvents, Athena calls are few
 * (start, a poll every second or two, result pages), so the SDK's own adaptive retries handle
 * `TooManyRequestsException`; timeouts bound each HTTP call.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { validateEndpoint } from '../clientFactory';
import { clientCredentials, type MfaCodeProvider } from '../credentials';

/** Options for {@link createAthenaClient}. */
export interface AthenaClientOptions {
  readonly region: string;
  /** Named profile; ignored when `credentials` is given. */
  readonly profile?: string;
  /** Endpoint override (the local Athena endpoint in tests); only http(s) URLs. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Per-request timeout, default 30 s; connection timeout, default 5 s. */
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
  /** SDK attempts per call (throttling and transient errors), default 5. */
  readonly maxAttempts?: number;
}

/** An Athena client for one region. */
export function createAthenaClient(options: AthenaClientOptions): AthenaClient {
  const credentials = clientCredentials(options);
  return new AthenaClient({
    region: options.region,
    credentials,
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: 'adaptive',
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: options.connectionTimeoutMs ?? 5_000 },
    ...(options.endpoint ? { endpoint: validateEndpoint(options.endpoint) } : {}),
  });
}
