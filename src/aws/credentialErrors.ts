/**
 * Credential failures told without quoting them. A credential provider's own error can carry what
 * must never be shown or logged: a credential_process's stderr and command line (which may echo a
 * secret), a truncated JSON answer, SSO token details. These summaries say which profile, which
 * mechanism and what happened ("credential_process for profile prod failed with exit 3").
 */

/** What a credential_process runner knows about a failure, without its output. */
export interface ProcessFailure {
  readonly exitCode?: number;
  readonly signal?: string;
  readonly timeoutMs?: number;
  readonly reason?: 'invalidJson' | 'noVersion' | 'noKeys' | 'expired';
}

/** Thrown by a credential_process runner: the facts of the failure, never the process's output. */
export class CredentialProcessError extends Error {
  override readonly name = 'CredentialProcessError';
  constructor(
    readonly profile: string,
    readonly failure: ProcessFailure,
  ) {
    super(processFailureMessage(profile, failure));
  }
}

const NOT_SHOWN = 'its output is not shown because it can contain secrets';

/** The one-sentence summary of a credential_process failure. */
export function processFailureMessage(profile: string, failure: ProcessFailure): string {
  const who = `credential_process for profile ${profile}`;
  if (failure.timeoutMs !== undefined) return `${who} did not finish within ${Math.round(failure.timeoutMs / 1000)} s and was stopped.`;
  if (failure.signal !== undefined) return `${who} was stopped by ${failure.signal} (${NOT_SHOWN}).`;
  if (failure.exitCode !== undefined) return `${who} failed with exit ${failure.exitCode} (${NOT_SHOWN}).`;
  switch (failure.reason) {
    case 'invalidJson':
      return `${who} printed something that is not credentials JSON (${NOT_SHOWN}).`;
    case 'noVersion':
      return `${who} did not return JSON with "Version": 1.`;
    case 'noKeys':
      return `${who} returned JSON without AccessKeyId or SecretAccessKey.`;
    case 'expired':
      return `${who} returned credentials that have already expired.`;
    default:
      return `${who} failed (${NOT_SHOWN}).`;
  }
}

// The SDK's fromProcess messages (@aws-sdk/credential-provider-process): only their shape is used.
const SDK_PROCESS: readonly [RegExp, ProcessFailure][] = [
  [/credential_process returned invalid JSON/i, { reason: 'invalidJson' }],
  [/credential_process did not return Version 1/i, { reason: 'noVersion' }],
  [/credential_process returned invalid credentials/i, { reason: 'noKeys' }],
  [/credential_process returned expired credentials/i, { reason: 'expired' }],
  [/^Command failed/i, {}],
];

/**
 * The summary of a credential_process failure, from a {@link CredentialProcessError} or from the
 * SDK's message; undefined when `err` is not one. `profile` is used when the message names none.
 */
export function describeProcessFailure(err: unknown, profile: string | undefined): string | undefined {
  if (err instanceof CredentialProcessError) return err.message;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const named = /^Profile (\S+) credential_process/.exec(message)?.[1];
  for (const [pattern, failure] of SDK_PROCESS) if (pattern.test(message)) return processFailureMessage(named ?? profile ?? 'default', failure);
  return undefined;
}
