/**
 * Turns whatever the SDK, the credential providers or the network threw into a short message a
 * person can act on. Messages never contain secrets: everything quoted from an original error goes
 * through {@link redactSecrets} first.
 */
import { redactSecrets } from '../core/redact';
import { describeProcessFailure } from './credentialErrors';
import { isThrottlingError, networkErrorCode } from './errorKinds';

/** Re-exported for callers that quote SDK errors; the one implementation lives in core. */
export { redactSecrets } from '../core/redact';

/** The failure families the UI distinguishes (e.g. `ssoExpired` offers to run `aws sso login`). */
export type AwsErrorKind =
  | 'ssoExpired'
  | 'unknownProfile'
  | 'noCredentials'
  | 'accessDenied'
  | 'mfaRequired'
  | 'throttled'
  | 'invalidTimeRange'
  | 'invalidAttribute'
  | 'expiredToken'
  | 'network'
  | 'endpoint'
  | 'other';

/** A classified failure. */
export interface ClassifiedAwsError {
  readonly kind: AwsErrorKind;
  /** One or two sentences saying what happened and what to do. */
  readonly message: string;
  /** For `ssoExpired`: the profile to pass to `aws sso login --profile`. */
  readonly ssoLoginProfile?: string;
}

/** What the caller knows about the failed call, used to make the message specific. */
export interface AwsErrorContext {
  readonly profile?: string;
  readonly region?: string;
  /** The endpoint override, when one was used. */
  readonly endpoint?: string;
}

/**
 * A credential failure already summarised (aws/credentials.ts makes these from whatever the
 * provider threw): its message is safe to show and log, and nothing of the original is kept.
 */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly kind: AwsErrorKind,
    message: string,
    readonly ssoLoginProfile?: string,
  ) {
    super(message);
  }
}

/** Thrown by the credential provider when the chosen profile is in neither shared file. */
export class UnknownProfileError extends Error {
  override readonly name = 'UnknownProfileError';
  constructor(readonly profile: string) {
    super(`Profile ${profile} was not found in the AWS config or credentials files.`);
  }
}

const EXPIRED_TOKEN = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature']);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized', 'OperationNotPermittedException']);
const INVALID_ATTRIBUTE = new Set(['InvalidLookupAttributesException', 'InvalidEventCategoryException', 'InvalidMaxResultsException']);

interface ErrorFacts {
  name: string;
  message: string;
  code?: string;
  status?: number;
}

function factsOf(err: unknown): ErrorFacts {
  if (typeof err !== 'object' || err === null) return { name: 'Error', message: String(err) };
  const e = err as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const cause = e.cause as { code?: unknown } | undefined;
  const code = typeof e.code === 'string' ? e.code : typeof cause?.code === 'string' ? cause.code : undefined;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : '',
    ...(code ? { code } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** Classifies any thrown value; never throws. */
export function classifyAwsError(err: unknown, context: AwsErrorContext = {}): ClassifiedAwsError {
  const f = factsOf(err);
  const profile = context.profile;
  const who = profile ? `profile ${profile}` : 'the default credentials';
  const where = context.region ? ` in ${context.region}` : '';
  const quoted = redactSecrets(f.message.split('\n')[0] ?? '').trim();

  if (err instanceof CredentialsError) {
    return { kind: err.kind, message: err.message, ...(err.ssoLoginProfile !== undefined ? { ssoLoginProfile: err.ssoLoginProfile } : {}) };
  }
  const processFailure = describeProcessFailure(err, profile);
  if (processFailure !== undefined) return { kind: 'noCredentials', message: `${processFailure} Fix the command or choose another profile.` };
  if (f.name === 'UnknownProfileError') {
    const name = err instanceof UnknownProfileError ? err.profile : (profile ?? '');
    return { kind: 'unknownProfile', message: `Profile ${name} was not found in the AWS config or credentials files. Check the name or run \`aws configure --profile ${name}\`.` };
  }
  if (/multi-factor authentication|mfa code/i.test(f.message)) {
    return { kind: 'mfaRequired', message: `Profile ${profile ?? ''} requires an MFA code to assume its role. Enter the code from your MFA device when asked.` };
  }
  if (/SSO session|aws sso login|SSO Token|sso_start_url/i.test(f.message) || f.name === 'TokenProviderError') {
    const loginProfile = profile ?? 'default';
    return {
      kind: 'ssoExpired',
      message: `The SSO session for profile ${loginProfile} has expired or was never started. Run \`aws sso login --profile ${loginProfile}\`.`,
      ssoLoginProfile: loginProfile,
    };
  }
  if (/Could not load credentials from any providers/i.test(f.message)) {
    return { kind: 'noCredentials', message: 'No AWS credentials were found. Choose a profile, set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure`.' };
  }
  if (/Could not resolve credentials using profile/i.test(f.message)) {
    return { kind: 'noCredentials', message: `Profile ${profile ?? ''} has no usable credentials (no keys, role, SSO or credential_process). Complete it with \`aws configure --profile ${profile ?? ''}\`.` };
  }
  if (f.name.endsWith('ProviderError')) {
    // Never quoted: provider messages can carry tokens, process output or command lines.
    return { kind: 'noCredentials', message: `Could not get credentials for ${who} (${f.name}). Check the profile in your AWS config, or choose another profile.` };
  }
  if (EXPIRED_TOKEN.has(f.name)) {
    return { kind: 'expiredToken', message: `The credentials of ${who} have expired. Refresh them (for SSO: \`aws sso login${profile ? ` --profile ${profile}` : ''}\`) and try again.` };
  }
  if (INVALID_CREDENTIALS.has(f.name)) {
    return { kind: 'expiredToken', message: `AWS rejected the credentials of ${who} as invalid or expired. Check the access key or refresh the session.` };
  }
  if (ACCESS_DENIED.has(f.name) || f.status === 403) {
    return { kind: 'accessDenied', message: `Access denied${where}: ${who} is not allowed to call cloudtrail:LookupEvents. Ask for that permission or choose another profile.` };
  }
  if (isThrottlingError(err)) {
    return { kind: 'throttled', message: `CloudTrail kept throttling lookups${where} (2 requests per second per account and region). Wait a moment and try again.` };
  }
  if (f.name === 'InvalidTimeRangeException') {
    return { kind: 'invalidTimeRange', message: `Invalid time range${where}: the start must be before the end and within the last 90 days.` };
  }
  if (INVALID_ATTRIBUTE.has(f.name)) {
    return { kind: 'invalidAttribute', message: `CloudTrail rejected the lookup filter${where}: ${quoted || f.name}. LookupEvents takes one attribute (EventId, AccessKeyId, ResourceName, Username, EventName, EventSource, ResourceType or ReadOnly).` };
  }
  if (f.name === 'InvalidNextTokenException') {
    return { kind: 'other', message: `CloudTrail rejected the continuation token${where}. Run the lookup again.` };
  }
  if (networkErrorCode(err) !== undefined || f.name === 'TimeoutError' || /socket hang up|ECONNREFUSED|ENOTFOUND/.test(f.message)) {
    if (context.endpoint) return { kind: 'endpoint', message: `Cannot reach the endpoint ${context.endpoint} (${f.code ?? f.name}). Check the endpoint setting.` };
    return { kind: 'network', message: `Cannot reach AWS${where} (${f.code ?? f.name}). Check the network connection or proxy.` };
  }
  if (/Region is missing|Invalid region|endpoint/i.test(f.message) || f.status === 404) {
    return { kind: 'endpoint', message: `No CloudTrail endpoint${where}${context.endpoint ? ` at ${context.endpoint}` : ''}: ${quoted}` };
  }
  return { kind: 'other', message: `${f.name}${where}: ${quoted}`.trim() };
}
