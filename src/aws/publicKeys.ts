/**
 * CloudTrail's digest-signing public keys from the `ListPublicKeys` API, for validating trail log
 * integrity (`src/archive/digest/validateDigests.ts`). Keys rotate; the API returns the ones valid
 * in a time range (without one, only the current key), so callers pass the span their digests cover.
 */
import { ListPublicKeysCommand, type PublicKey } from '@aws-sdk/client-cloudtrail';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CallLimits } from './callLimits';
import { createCloudTrailClient } from './clientFactory';
import type { MfaCodeProvider } from './credentials';

/** Options for {@link listTrailPublicKeys} (see `DEFAULT_CALL_LIMITS` in callLimits.ts). */
export interface ListTrailPublicKeysOptions {
  readonly region: string;
  /** Named profile; ignored when `credentials` is given. */
  readonly profile?: string;
  /** Endpoint override (http/https), as for lookups. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Start of the span the digests cover (epoch ms). */
  readonly start: number;
  /** End of the span the digests cover (epoch ms). */
  readonly end: number;
  readonly signal?: AbortSignal;
  /** Timeouts and attempts (default `DEFAULT_CALL_LIMITS`); 5xx, network errors and throttling are retried. */
  readonly limits?: Partial<CallLimits>;
}

/** Upper bound on pages followed: keys rotate rarely, so more pages mean a misbehaving endpoint. */
const MAX_PAGES = 20;

/**
 * Every public key CloudTrail used in `region` between `start` and `end`, following `NextToken`.
 * The items are the SDK's `PublicKey` shape, which `publicKeysFromList` (src/archive) accepts.
 * Errors (credentials, access denied, network) propagate with the SDK's message.
 */
export async function listTrailPublicKeys(options: ListTrailPublicKeysOptions): Promise<PublicKey[]> {
  const client = createCloudTrailClient({
    region: options.region,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.mfaCodeProvider !== undefined ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
    throttling: 'sdk',
  });
  const keys: PublicKey[] = [];
  try {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await client.send(
        new ListPublicKeysCommand({ StartTime: new Date(options.start), EndTime: new Date(options.end), ...(token !== undefined ? { NextToken: token } : {}) }),
        options.signal ? { abortSignal: options.signal } : {},
      );
      keys.push(...(out.PublicKeyList ?? []));
      token = out.NextToken;
      if (token === undefined || token === '') break;
    }
  } finally {
    client.destroy();
  }
  return keys;
}
