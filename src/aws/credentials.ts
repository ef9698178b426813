/**
 * Credential providers for a chosen profile (or the default chain). All profile kinds — static
 * keys, assumed roles (with MFA), SSO, credential_process — are resolved by the SDK's `fromIni`;
 * this module only adds the MFA callback and a clear "unknown profile" failure.
 */
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { listProfiles, type ProfileFilesInit } from './profiles';
import { UnknownProfileError } from './awsErrors';

/** Asks the user for the current code of the MFA device `mfaSerial` (the VS Code layer answers it). */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

/** Options for {@link createCredentialsProvider}. */
export interface CredentialsInit extends ProfileFilesInit {
  /** A named profile; when absent the SDK's default chain (environment, `AWS_PROFILE`, SSO, IMDS…) is used. */
  readonly profile?: string;
  readonly mfaCodeProvider?: MfaCodeProvider;
}

/**
 * Returns a provider for `init.profile`, or the default Node chain when no profile is given. A
 * profile that is in neither shared file fails with {@link UnknownProfileError} instead of the SDK's
 * generic "could not resolve credentials".
 */
export function createCredentialsProvider(init: CredentialsInit = {}): AwsCredentialIdentityProvider {
  const { profile, mfaCodeProvider, configFilepath, filepath } = init;
  const files = { ...(configFilepath ? { configFilepath } : {}), ...(filepath ? { filepath } : {}) };
  if (!profile) return shareCredentials(fromNodeProviderChain({ ...files, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) }));
  const provider = fromIni({ profile, ...files, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) });
  return shareCredentials(async (options): Promise<AwsCredentialIdentity> => {
    try {
      return await provider(options);
    } catch (err) {
      const known = await listProfiles(files).catch(() => undefined);
      if (known && !known.some((p) => p.name === profile)) throw new UnknownProfileError(profile);
      throw err;
    }
  });
}

/** Credentials are refreshed this long before they expire (as the SDK's default chain does). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/**
 * One resolution shared by every caller (the clients of all regions of a query): concurrent calls
 * wait for the same attempt, so an MFA code or an SSO check is asked for once, not once per region.
 * A failure is not cached, so the next call tries again.
 */
export function shareCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let value: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return (options) => {
    const current = value;
    const fresh = current !== undefined && (current.expiration === undefined || current.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > Date.now());
    if (fresh && options?.forceRefresh !== true) return Promise.resolve(current);
    pending ??= provider(options)
      .then((credentials) => {
        value = credentials;
        return credentials;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
