/**
 * The AWS account behind a set of credentials, which keys the LookupEvents rate limiter (the limit
 * is per account and region, so two profiles of one account share a bucket). Taken from the
 * credentials when the provider knows it (SSO, assumed roles, `aws_account_id`, credential_process
 * `AccountId`), else asked once with STS `GetCallerIdentity` — sent to the endpoint override when one
 * is set, which is how the local endpoint answers it in tests.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { boundedClientConfig, type CallLimits, resolveCallLimits } from './callLimits';

/** Options for {@link resolveAccountId}. */
export interface AccountIdOptions {
  readonly region: string;
  /** Where to send GetCallerIdentity; default the regional STS endpoint. */
  readonly endpoint?: string;
  readonly limits?: Partial<CallLimits>;
  readonly signal?: AbortSignal;
}

const ACCOUNT = /^\d{12}$/;

/** The 12-digit account id of `credentials`, or undefined when it cannot be learnt (the caller falls back). */
export async function resolveAccountId(credentials: AwsCredentialIdentity, options: AccountIdOptions): Promise<string | undefined> {
  if (credentials.accountId !== undefined && ACCOUNT.test(credentials.accountId)) return credentials.accountId;
  const client = new STSClient({
    region: options.region,
    credentials,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...boundedClientConfig(resolveCallLimits(options.limits), { retryThrottling: true }),
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), options.signal ? { abortSignal: options.signal } : {});
    return out.Account !== undefined && ACCOUNT.test(out.Account) ? out.Account : undefined;
  } catch {
    // No permission or no STS behind an endpoint override: the caller keys by profile instead.
    return undefined;
  } finally {
    client.destroy();
  }
}
