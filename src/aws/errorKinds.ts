/**
 * The one place that says what kind of failure an SDK error is, built on the SDK's own
 * classification (`@smithy/core/retry`, the rules its standard retry strategy uses), so the engine,
 * the retry policy and the messages never disagree about what is throttling or a network failure.
 */
import { isThrottlingError as sdkIsThrottling, isTransientError } from '@smithy/core/retry';

/** Node socket codes that mean the endpoint could not be reached or stopped answering. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** The SDK classifiers' parameter type (its `SdkError` alias is deprecated, the functions are not). */
type ClassifiedError = Parameters<typeof sdkIsThrottling>[0];

function asSdkError(err: unknown): ClassifiedError | undefined {
  return typeof err === 'object' && err !== null ? (err as ClassifiedError) : undefined;
}

/** True for a throttling response (ThrottlingException, TooManyRequestsException, HTTP 429, …). */
export function isThrottlingError(err: unknown): boolean {
  const e = asSdkError(err);
  return e !== undefined && typeof e.name === 'string' && sdkIsThrottling(e);
}

/** The network code of an error or of its cause, when it has one of {@link NETWORK_ERROR_CODES}. */
export function networkErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
  }
  return undefined;
}

/** True for what the SDK's standard strategy retries: 5xx, timeouts, network and clock-skew errors. */
export function isTransientFailure(err: unknown): boolean {
  const e = asSdkError(err);
  return e !== undefined && typeof e.name === 'string' && isTransientError(e);
}
