/**
 * LookupEvents pages as an async generator for one region: newest first, the time window and
 * attribute frozen for the whole scan (a NextToken is valid only with identical parameters), every
 * request paced by the shared rate limiter, throttling retried with backoff and counted, events
 * normalized by the core (a bad record becomes an error entry, never a throw).
 */
import { LookupEventsCommand, type CloudTrailClient, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { normalizeLookupEvent } from '../core/event';
import type { NormalizeError, TrailEvent } from '../core/model';
import type { AttributeFilter } from '../core/query';
import { abortError, sharedRateLimiters, type TokenBucketLimiter } from './rateLimiter';

/** Parameters of one scan; they are copied once and never change while it runs. */
export interface LookupPagesParams {
  readonly region: string;
  /** The one server-side lookup attribute (exact match). */
  readonly attribute?: AttributeFilter;
  /** Window start, epoch milliseconds (inclusive). */
  readonly start: number;
  /** Window end, epoch milliseconds (inclusive). */
  readonly end: number;
  readonly category?: 'insight';
  /** 1–50; default 50. */
  readonly maxResults?: number;
  /** Resume a scan started earlier with exactly these parameters. */
  readonly nextToken?: string;
  /** The bucket for this account and region; default the shared `default|<region>` bucket. */
  readonly limiter?: TokenBucketLimiter;
  /** Throttling responses tolerated in a row for one page before giving up; default 12. */
  readonly maxThrottleRetries?: number;
  /** Backoff after a second throttle in a row, doubled each time (with jitter); default 250 ms. */
  readonly backoffBaseMs?: number;
}

/** One page of a scan. */
export interface LookupPage {
  readonly region: string;
  /** Normalized events in the order the API returned them (newest first). */
  readonly events: readonly TrailEvent[];
  /** Records in this page that could not be normalized. */
  readonly errors: readonly NormalizeError[];
  /** Present while more pages exist; pass it back with the same parameters to resume. */
  readonly nextToken?: string;
  /** Requests sent for this page, retries included. */
  readonly requests: number;
  /** Throttling responses retried for this page. */
  readonly throttlesRetried: number;
}

const NETWORK_RETRY_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
const MAX_NETWORK_RETRIES = 2;

/** Waits `ms`, rejecting with an `AbortError` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** True for the error a cancelled request or wait rejects with. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

function isThrottle(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  return name === 'ThrottlingException' || name === 'TooManyRequestsException' || name === 'Throttling';
}

function isTransientNetwork(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_RETRY_CODES.has(code);
}

/**
 * Yields the pages of one LookupEvents scan. Stops when the API returns no NextToken, and at once
 * (rejecting with an `AbortError`) when `signal` fires. Empty pages that still carry a NextToken are
 * yielded (with no events) so callers can report progress, and the scan goes on.
 */
export async function* lookupPages(client: CloudTrailClient, params: LookupPagesParams, signal?: AbortSignal): AsyncGenerator<LookupPage, void, undefined> {
  const frozen: LookupEventsCommandInput = {
    StartTime: new Date(params.start),
    EndTime: new Date(params.end),
    MaxResults: params.maxResults ?? 50,
    ...(params.attribute ? { LookupAttributes: [{ AttributeKey: params.attribute.key, AttributeValue: params.attribute.value }] } : {}),
    ...(params.category ? { EventCategory: params.category } : {}),
  };
  const limiter = params.limiter ?? sharedRateLimiters.get('default', params.region);
  const maxThrottles = params.maxThrottleRetries ?? 12;
  const backoffBase = params.backoffBaseMs ?? 250;
  let nextToken = params.nextToken;
  let index = 0;
  do {
    let requests = 0;
    let throttles = 0;
    let networkRetries = 0;
    let response;
    for (;;) {
      await limiter.acquire(signal);
      requests++;
      try {
        // A fresh input object each time, built from the frozen parameters plus the token.
        const input: LookupEventsCommandInput = { ...frozen, ...(nextToken ? { NextToken: nextToken } : {}) };
        response = await client.send(new LookupEventsCommand(input), signal ? { abortSignal: signal } : {});
        limiter.noteAccepted();
        break;
      } catch (err) {
        if (signal?.aborted) throw abortError(signal);
        if (isThrottle(err)) limiter.noteThrottled();
        if (isThrottle(err) && throttles < maxThrottles) {
          throttles++;
          // The limiter already spaces the retry by a full interval; back off further only when
          // throttling persists (another process sharing the account, or a storm).
          if (throttles > 1) {
            const backoff = Math.min(5000, backoffBase * 2 ** Math.min(throttles - 2, 5));
            await sleep(backoff / 2 + Math.random() * (backoff / 2), signal);
          }
          continue;
        }
        if (isTransientNetwork(err) && networkRetries < MAX_NETWORK_RETRIES) {
          networkRetries++;
          continue;
        }
        throw err;
      }
    }
    const events: TrailEvent[] = [];
    const errors: NormalizeError[] = [];
    for (const raw of response.Events ?? []) {
      const result = normalizeLookupEvent(raw, index++);
      if (result.ok) events.push(result.event);
      else errors.push(result.error);
    }
    nextToken = response.NextToken === '' ? undefined : response.NextToken;
    yield { region: params.region, events, errors, ...(nextToken ? { nextToken } : {}), requests, throttlesRetried: throttles };
  } while (nextToken);
}
