/**
 * Credential providers for a chosen profile (or the default chain). All profile kinds — static
 * keys, assumed roles (with MFA), SSO — are resolved by the SDK's `fromIni`; a profile that runs
 * `credential_process` directly goes through `runCredentialProcess` (timeout, killed on cancel);
 * this module only adds the MFA callback and a clear "unknown profile" failure.
 */
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { listProfiles, type ProfileFilesInit } from './profiles';
import { CredentialsError, UnknownProfileError, classifyAwsError } from './awsErrors';
import { credentialProcessOf, runCredentialProcess } from './credentialProcess';
import { abortError } from './rateLimiter';

/** Asks the user for the current code of the MFA device `mfaSerial` (the VS Code layer answers it). */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

/** Options for {@link createCredentialsProvider}. */
export interface CredentialsInit extends ProfileFilesInit {
  /** A named profile; when absent the SDK's default chain (environment, `AWS_PROFILE`, SSO, IMDS…) is used. */
  readonly profile?: string;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** How long a `credential_process` may run (default 60 s) before it is killed. */
  readonly credentialProcessTimeoutMs?: number;
}

/** A provider shared by every caller that can also be awaited with a cancel signal. */
export interface SharedCredentials extends AwsCredentialIdentityProvider {
  /**
   * Resolves like the provider but rejects with an `AbortError` when `signal` fires; a running
   * credential_process is killed once every caller waiting for it has given up.
   */
  resolve(signal?: AbortSignal): Promise<AwsCredentialIdentity>;
}

/** How a client is given credentials: fixed ones, or a profile (and its MFA prompt) to resolve. */
export interface ClientCredentialsOptions extends Pick<CredentialsInit, 'profile' | 'mfaCodeProvider' | 'credentialProcessTimeoutMs'> {
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/** The credentials every client factory uses: the ones given, else a provider for the profile. */
export function clientCredentials(options: ClientCredentialsOptions): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  return (
    options.credentials ??
    createCredentialsProvider({
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
      ...(options.credentialProcessTimeoutMs !== undefined ? { credentialProcessTimeoutMs: options.credentialProcessTimeoutMs } : {}),
    })
  );
}

/**
 * Returns a provider for `init.profile`, or the default Node chain when no profile is given. A
 * profile that is in neither shared file fails with {@link UnknownProfileError} instead of the SDK's
 * generic "could not resolve credentials".
 */
export function createCredentialsProvider(init: CredentialsInit = {}): SharedCredentials {
  const { profile, mfaCodeProvider, configFilepath, filepath } = init;
  const files = { ...(configFilepath ? { configFilepath } : {}), ...(filepath ? { filepath } : {}) };
  if (!profile) {
    const chain = fromNodeProviderChain({ ...files, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) });
    return shareCredentials(async (options): Promise<AwsCredentialIdentity> => {
      try {
        return await chain(options);
      } catch (err) {
        throw summarized(err, undefined);
      }
    });
  }
  const provider = fromIni({ profile, ...files, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) });
  return shareCredentials(async (options): Promise<AwsCredentialIdentity> => {
    try {
      // A profile that runs credential_process directly: our runner (timeout, killed on cancel).
      const command = await credentialProcessOf(profile, files);
      if (command !== undefined) {
        const signal = (options as { signal?: AbortSignal } | undefined)?.signal;
        return await runCredentialProcess({ profile, command, ...(init.credentialProcessTimeoutMs !== undefined ? { timeoutMs: init.credentialProcessTimeoutMs } : {}), ...(signal ? { signal } : {}) });
      }
      return await provider(options);
    } catch (err) {
      if (err instanceof Error && err.name === 'AbortError') throw err;
      const known = await listProfiles(files).catch(() => undefined);
      throw summarized(known && !known.some((p) => p.name === profile) ? new UnknownProfileError(profile) : err, profile);
    }
  });
}

/**
 * The provider's failure as a {@link CredentialsError}: classified, told in one sentence, and with
 * nothing of the original (process output, tokens, command lines) kept, not even as `cause`.
 */
function summarized(err: unknown, profile: string | undefined): CredentialsError {
  const classified = classifyAwsError(err, profile === undefined ? {} : { profile });
  return new CredentialsError(classified.kind, classified.message, classified.ssoLoginProfile);
}

/** Credentials are refreshed this long before they expire (as the SDK's default chain does). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

interface Attempt {
  readonly promise: Promise<AwsCredentialIdentity>;
  readonly controller: AbortController;
  /** Callers that cannot cancel (the SDK): while any waits, the attempt runs on. */
  unsignalled: number;
  signalled: number;
}

/**
 * One resolution shared by every caller (the clients of all regions of a query): concurrent calls
 * wait for the same attempt, so an MFA code or an SSO check is asked for once, not once per region.
 * A failure is not cached, so the next call tries again. The provider receives `signal` in its
 * options: it fires when every caller waiting for the attempt has cancelled.
 */
export function shareCredentials(provider: AwsCredentialIdentityProvider): SharedCredentials {
  let value: AwsCredentialIdentity | undefined;
  let pending: Attempt | undefined;
  const attempt = (options: Parameters<AwsCredentialIdentityProvider>[0]): Attempt => {
    if (pending) return pending;
    const controller = new AbortController();
    const promise = provider({ ...options, signal: controller.signal })
      .then((credentials) => {
        value = credentials;
        return credentials;
      })
      .finally(() => {
        pending = undefined;
      });
    pending = { promise, controller, unsignalled: 0, signalled: 0 };
    return pending;
  };
  const call = (options: Parameters<AwsCredentialIdentityProvider>[0], signal?: AbortSignal): Promise<AwsCredentialIdentity> => {
    const current = value;
    const fresh = current !== undefined && (current.expiration === undefined || current.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > Date.now());
    if (fresh && options?.forceRefresh !== true) return Promise.resolve(current);
    if (signal?.aborted === true) return Promise.reject(abortError(signal));
    const a = attempt(options);
    if (!signal) {
      a.unsignalled++;
      return a.promise;
    }
    a.signalled++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        a.signalled--;
        if (a.signalled === 0 && a.unsignalled === 0) a.controller.abort();
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      a.promise.then(
        (credentials) => {
          signal.removeEventListener('abort', onAbort);
          resolve(credentials);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  };
  const shared = ((options?: Parameters<AwsCredentialIdentityProvider>[0]) => call(options)) as SharedCredentials;
  shared.resolve = (signal) => call(undefined, signal);
  return shared;
}
