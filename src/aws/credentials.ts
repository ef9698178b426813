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
  if (!profile) return fromNodeProviderChain({ ...files, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) });
  const provider = fromIni({ profile, ...files, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) });
  return async (options): Promise<AwsCredentialIdentity> => {
    try {
      return await provider(options);
    } catch (err) {
      const known = await listProfiles(files).catch(() => undefined);
      if (known && !known.some((p) => p.name === profile)) throw new UnknownProfileError(profile);
      throw err;
    }
  };
}
