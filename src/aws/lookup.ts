/**
 * LookupEvents pages as an async generator for one region: newest first, the time window and
 * attribute frozen for the whole scan (a NextToken is valid only with identical parameters), every
 * attempt — the SDK's own retries of 5xx and network errors included — paced by the shared rate
 * limiter, throttling retried here with backoff and counted, events normalized by the core (a bad
 * record becomes an error entry, never a throw). A scan that would never end (the same NextToken
 * again, or empty pages far beyond what the service produces) stops with a {@link PagingError}.
 */
import { LookupEventsCommand, type CloudTrailClient, type LookupEventsCommandInput, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import type { FinalizeHandler, FinalizeHandlerArguments, FinalizeHandlerOutput } from '@smithy/types';
import { normalizeLookupEvent } from '../core/event';
import type { NormalizeError, TrailEvent } from '../core/model';
import type { AttributeFilter } from '../core/query';
import { isThrottlingError } from './errorKinds';
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
  /** Empty pages in a row (each with a NextToken) after which the scan stops; default {@link DEFAULT_MAX_EMPTY_PAGES}. */
  readonly maxEmptyPages?: number;
}

/**
 * The service returns an empty page with a NextToken now and then, never many in a row; 50 in a
 * row (25 s of requests at the limit) means the endpoint is looping.
 */
export const DEFAULT_MAX_EMPTY_PAGES = 50;

/** A scan stopped because its pages would never end. The events before it were already yielded. */
export class PagingError extends Error {
  override readonly name = 'PagingError';
  constructor(
    readonly reason: 'repeatedToken' | 'emptyPages',
    message: string,
  ) {
    super(message);
  }
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

/** The longest wait before one throttling retry. */
export const MAX_THROTTLE_BACKOFF_MS = 5000;

/**
 * How long to wait before retrying the `throttles`-th throttling response in a row for one page: none
 * after the first (the limiter already spaces the retry by a full interval), then `baseMs` after the
 * second, doubled for each further one (at most 32 × `baseMs`, at most {@link MAX_THROTTLE_BACKOFF_MS}),
 * with jitter keeping between half and all of it (`random` in [0, 1), as `Math.random`).
 */
export function throttleBackoffMs(throttles: number, baseMs: number, random: () => number = Math.random): number {
  if (throttles <= 1) return 0;
  const backoff = Math.min(MAX_THROTTLE_BACKOFF_MS, baseMs * 2 ** Math.min(throttles - 2, 5));
  return backoff / 2 + random() * (backoff / 2);
}

/** The per-attempt pacing step: placed after the SDK's retry step, so every attempt waits for a token. */
const PACING_STEP = { relation: 'after', toMiddleware: 'retryMiddleware', name: 'cloudtrailInvestigatorPacing' } as const;

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
  const maxEmptyPages = params.maxEmptyPages ?? DEFAULT_MAX_EMPTY_PAGES;
  let nextToken = params.nextToken;
  const tokens = new Set<string>();
  let emptyRun = 0;
  let pageCount = 0;
  let index = 0;
  do {
    let requests = 0;
    let throttles = 0;
    let response;
    for (;;) {
      // A fresh input object each time, built from the frozen parameters plus the token.
      const command = new LookupEventsCommand({ ...frozen, ...(nextToken ? { NextToken: nextToken } : {}) });
      command.middlewareStack.addRelativeTo(
        (next: FinalizeHandler<LookupEventsCommandInput, LookupEventsCommandOutput>) => async (args: FinalizeHandlerArguments<LookupEventsCommandInput>): Promise<FinalizeHandlerOutput<LookupEventsCommandOutput>> => {
          await limiter.acquire(signal);
          requests++;
          try {
            const output = await next(args);
            limiter.noteAccepted();
            return output;
          } catch (err) {
            if (isThrottlingError(err)) limiter.noteThrottled();
            throw err;
          }
        },
        PACING_STEP,
      );
      try {
        response = await client.send(command, signal ? { abortSignal: signal } : {});
        break;
      } catch (err) {
        if (signal?.aborted) throw abortError(signal);
        if (isThrottlingError(err) && throttles < maxThrottles) {
          throttles++;
          // The limiter already spaces the retry by a full interval; the backoff adds to it only when
          // throttling persists (another process sharing the account, or a storm).
          await sleep(throttleBackoffMs(throttles, backoffBase), signal);
          continue;
        }
        throw err;
      }
    }
    pageCount++;
    const events: TrailEvent[] = [];
    const errors: NormalizeError[] = [];
    for (const raw of response.Events ?? []) {
      const result = normalizeLookupEvent(raw, index++);
      if (result.ok) events.push(result.event);
      else errors.push(result.error);
    }
    const previous = nextToken;
    nextToken = response.NextToken === '' ? undefined : response.NextToken;
    emptyRun = events.length + errors.length === 0 && nextToken !== undefined ? emptyRun + 1 : 0;
    // The page is yielded before the check, so what it holds is kept; the continuation is not.
    yield { region: params.region, events, errors, ...(nextToken ? { nextToken } : {}), requests, throttlesRetried: throttles };
    if (nextToken !== undefined) {
      if (nextToken === previous || tokens.has(nextToken)) {
        throw new PagingError('repeatedToken', `CloudTrail in ${params.region} returned a NextToken it had already returned (after ${pageCount} pages); the scan stopped there instead of looping`);
      }
      tokens.add(nextToken);
      if (emptyRun >= maxEmptyPages) {
        throw new PagingError('emptyPages', `CloudTrail in ${params.region} returned ${emptyRun} empty pages in a row (the service never does that); the scan stopped there`);
      }
    }
  } while (nextToken);
}
