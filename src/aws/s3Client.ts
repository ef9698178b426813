/**
 * S3 clients with the same profiles, credential chain, endpoint rules and timeouts as the
 * CloudTrail client (`clientFactory.ts`). S3 is not rate-limited like LookupEvents, so the SDK's
 * standard retries stay on here (5xx, network and clock-skew errors).
 */
import { join } from 'node:path';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { validateEndpoint } from './clientFactory';
import { clientCredentials, type MfaCodeProvider } from './credentials';

/** The SDK module shape (see `s3Sdk.ts`). */
export type S3Sdk = typeof import('./s3Sdk');
/** An S3 client. */
export type S3ClientInstance = InstanceType<S3Sdk['S3Client']>;

let sdk: S3Sdk | undefined;

/** The S3 SDK bundle beside this file (`dist/s3Sdk.js`, the compiled module in tests). */
export function s3SdkPath(): string {
  return join(__dirname, 's3Sdk.js');
}

/**
 * Loads the S3 SDK from {@link s3SdkPath} (its own bundle in `dist/`). The path is computed so
 * the bundler leaves it out of the extension bundle.
 */
export function loadS3Sdk(): S3Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require(s3SdkPath()) as S3Sdk;
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

/**
 * Everything of a client's configuration but its credentials, as plain data: a parser thread
 * builds its own client from it (`objectFetcher.ts`), so both send the same requests.
 */
export interface S3ClientSettings {
  readonly region: string;
  readonly maxAttempts: number;
  readonly retryMode: 'standard';
  readonly requestHandler: {
    readonly connectionTimeout: number;
    readonly requestTimeout: number;
    readonly httpAgent: { readonly maxSockets: number; readonly keepAlive: true };
    readonly httpsAgent: { readonly maxSockets: number; readonly keepAlive: true };
  };
  readonly endpoint?: string;
  readonly forcePathStyle?: true;
}

/** The settings of {@link createS3Client} for `options` (the endpoint validated). */
export function s3ClientSettings(options: S3ClientOptions): S3ClientSettings {
  const agent = { maxSockets: options.maxSockets ?? 64, keepAlive: true } as const;
  return {
    region: options.region ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? 5000, requestTimeout: options.requestTimeoutMs ?? 60_000, httpAgent: agent, httpsAgent: agent },
    ...(options.endpoint ? { endpoint: validateEndpoint(options.endpoint), forcePathStyle: true } : {}),
  };
}

const settingsOf = new WeakMap<S3ClientInstance, S3ClientSettings>();

/** The settings a client was made with by {@link createS3Client}. */
export function clientSettings(client: S3ClientInstance): S3ClientSettings | undefined {
  return settingsOf.get(client);
}

/** Creates an S3 client. */
export function createS3Client(options: S3ClientOptions): S3ClientInstance {
  const { S3Client } = loadS3Sdk();
  const credentials = clientCredentials(options);
  const settings = s3ClientSettings(options);
  const client = new S3Client({ ...structuredClone(settings), credentials });
  settingsOf.set(client, settings);
  return client;
}
