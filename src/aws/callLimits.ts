/**
 * How long any AWS call may take and how often it is tried: connection and request timeouts on
 * every client, and the SDK's standard retry strategy (exponential backoff with jitter, a retry
 * quota) for 5xx, timeouts, network and clock-skew errors. Throttling of LookupEvents is left to the
 * engine, which paces every attempt with the per-account-and-region limiter.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';

/** Timeouts and attempts for AWS calls (the VS Code ring maps its settings onto these). */
export interface CallLimits {
  /** TCP (and TLS) connection setup, ms. */
  readonly connectTimeoutMs: number;
  /** From sending a request to its response headers, and the longest silence while the body arrives, ms. */
  readonly requestTimeoutMs: number;
  /** Attempts per call, first one included (1 = no retry). */
  readonly maxAttempts: number;
}

/**
 * Defaults: a us-east-1 LookupEvents page can take about 4 s, so 10 s leaves room for a slow page
 * while a dead endpoint is noticed; 3 attempts is the SDK's standard. A never-answering endpoint
 * ends after about 3 × 10 s plus backoff.
 */
export const DEFAULT_CALL_LIMITS: CallLimits = { connectTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxAttempts: 3 };

/** Fills missing fields from {@link DEFAULT_CALL_LIMITS} and clamps nonsense (0, negative, NaN). */
export function resolveCallLimits(limits: Partial<CallLimits> = {}): CallLimits {
  const pick = (value: number | undefined, fallback: number, min: number): number => (value !== undefined && Number.isFinite(value) && value >= min ? value : fallback);
  return {
    connectTimeoutMs: pick(limits.connectTimeoutMs, DEFAULT_CALL_LIMITS.connectTimeoutMs, 1),
    requestTimeoutMs: pick(limits.requestTimeoutMs, DEFAULT_CALL_LIMITS.requestTimeoutMs, 1),
    maxAttempts: Math.floor(pick(limits.maxAttempts, DEFAULT_CALL_LIMITS.maxAttempts, 1)),
  };
}

/** The SDK's standard strategy, optionally leaving throttling to the caller (the LookupEvents engine). */
class StandardRetries implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;

  constructor(
    maxAttempts: number,
    private readonly retryThrottling: boolean,
  ) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(retryTokenScope: string): Promise<StandardRetryToken> {
    return this.standard.acquireInitialRetryToken(retryTokenScope);
  }

  refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    // Rejecting makes the SDK rethrow the throttling error at once; the engine notes it in the limiter and retries paced.
    if (!this.retryThrottling && errorInfo.errorType === 'THROTTLING') return Promise.reject(new Error('throttling is retried by the engine'));
    return this.standard.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.standard.recordSuccess(token);
  }
}

/** Client config fields that bound and retry every call of an SDK client. */
export function boundedClientConfig(limits: CallLimits, options: { readonly retryThrottling: boolean }): { requestHandler: NodeHttpHandler; retryStrategy: RetryStrategyV2; maxAttempts: number } {
  return {
    requestHandler: new NodeHttpHandler({
      connectionTimeout: limits.connectTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: limits.requestTimeoutMs,
    }),
    retryStrategy: new StandardRetries(limits.maxAttempts, options.retryThrottling),
    maxAttempts: limits.maxAttempts,
  };
}
