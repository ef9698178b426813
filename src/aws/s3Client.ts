/**
 * S3 clients with the same profiles, credential chain, endpoint rules and timeouts as the
 * CloudTrail client (`clientFactory.ts`). S3 is not rate-limited like LookupEvents, so the SDK's
 * standard retries stay on here (5xx, network and clock-skew errors).
 */
import { join } from 'node:path';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { validateEndpoint } from './clientFactory';
import { createCredentialsProvider, type MfaCodeProvider } from './credentials';

/** The SDK module shape (see `s3Sdk.ts`). */
export type S3Sdk = typeof import('./s3Sdk');
/** An S3 client. */
export type S3ClientInstance = InstanceType<S3Sdk['S3Client']>;

let sdk: S3Sdk | undefined;

/**
 * Loads the S3 SDK from `s3Sdk.js` beside this file (its own bundle in `dist/`, the compiled
 * module in tests). The path is computed so the bundler leaves it out of the extension bundle.
 */
export function loadS3Sdk(): S3Sdk {
  if (!sdk) {
    const file = join(__dirname, 's3Sdk.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sdk = require(file) as S3Sdk;
  }
  return sdk;
}

/** Options for {@link createS3Client}. */
export interface S3ClientOptions {
  /** Region of the bucket (S3 redirects otherwise); default us-east-1. */
  readonly region?: string;
  readonly profile?: string;
  /** Endpoint override (http/https): the local S3-compatible server in tests; path-style then. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Connection timeout (ms), default 5 s. */
  readonly connectionTimeoutMs?: number;
  /** Whole-request timeout (ms), default 60 s (an object may be large). */
  readonly requestTimeoutMs?: number;
  /** SDK attempts per request (standard retry strategy), default 3. */
  readonly maxAttempts?: number;
  /** Sockets kept open per host, default 64 (GETs run in parallel). */
  readonly maxSockets?: number;
}

/** Creates an S3 client. */
export function createS3Client(options: S3ClientOptions): S3ClientInstance {
  const { S3Client } = loadS3Sdk();
  const credentials =
    options.credentials ??
    createCredentialsProvider({
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
    });
  return new S3Client({
    region: options.region ?? 'us-east-1',
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5000,
      requestTimeout: options.requestTimeoutMs ?? 60_000,
      httpAgent: { maxSockets: options.maxSockets ?? 64, keepAlive: true },
      httpsAgent: { maxSockets: options.maxSockets ?? 64, keepAlive: true },
    },
    ...(options.endpoint ? { endpoint: validateEndpoint(options.endpoint), forcePathStyle: true } : {}),
  });
}
