/**
 * Client-side pacing for LookupEvents: CloudTrail allows 2 requests per second per account and
 * region (not adjustable). Every query in the process takes its tokens from one shared bucket per
 * `account|region`, so parallel queries, "load more" and resource lookups never exceed the limit
 * together and throttling stays the exception.
 */

/** Time source and timers, injectable so tests can run the limiter on a fake clock. */
export interface LimiterClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: LimiterClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Options for one bucket. */
export interface RateLimiterOptions {
  /** Sustained rate; default 2 (the LookupEvents limit). */
  readonly requestsPerSecond?: number;
  /** Tokens that may be spent at once after an idle period; default 1 so requests stay evenly spaced. */
  readonly burst?: number;
  /**
   * Extra spacing per request, default 10 ms: requests leave evenly spaced but reach the service
   * with a few milliseconds of jitter, and a service counting a rolling second would otherwise see
   * three requests now and then and throttle one (each throttle costs a whole extra interval).
   */
  readonly marginMs?: number;
  readonly clock?: LimiterClock;
}

/** Thrown (as `name === 'AbortError'`) when a wait is abandoned through its signal. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error('The operation was aborted.');
  err.name = 'AbortError';
  return err;
}

/** How much one throttling response widens a bucket's margin, and the most it can grow to. */
export const MARGIN_STEP_MS = 20;
export const MAX_MARGIN_MS = 200;

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** A token bucket that grants tokens strictly in request order (FIFO). */
export class TokenBucketLimiter {
  private rate: number;
  private readonly nominal: number;
  private readonly baseMargin: number;
  private margin: number;
  private readonly burst: number;
  private readonly clock: LimiterClock;
  private tokens: number;
  private last: number;
  private readonly queue: Waiter[] = [];
  private timer: unknown;
  private granted = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.nominal = options.requestsPerSecond ?? 2;
    this.baseMargin = options.marginMs ?? 10;
    this.margin = this.baseMargin;
    this.rate = this.effectiveRate();
    this.burst = Math.max(1, options.burst ?? 1);
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  /** Current spacing between requests in milliseconds (interval plus the adaptive margin). */
  get spacingMs(): number {
    return this.rate > 0 ? 1000 / this.rate : 0;
  }

  /**
   * The service throttled a request sent with a token from this bucket: widen the margin by
   * {@link MARGIN_STEP_MS} (up to {@link MAX_MARGIN_MS}) so a jittery path stops hitting the limit.
   */
  noteThrottled(): void {
    this.margin = Math.min(MAX_MARGIN_MS, this.margin + MARGIN_STEP_MS);
    this.rate = this.effectiveRate();
  }

  /** A request was accepted: shrink a widened margin by 1 ms, back towards the configured one. */
  noteAccepted(): void {
    if (this.margin <= this.baseMargin) return;
    this.margin = Math.max(this.baseMargin, this.margin - 1);
    this.rate = this.effectiveRate();
  }

  private effectiveRate(): number {
    return this.nominal > 0 ? 1000 / (1000 / this.nominal + this.margin) : 0;
  }

  /** Tokens granted so far (for statistics and tests). */
  get grantedCount(): number {
    return this.granted;
  }

  /** Requests currently waiting for a token. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves when the caller may send one request. Waiters are served in arrival order; an aborted
   * waiter leaves the queue at once and rejects with an `AbortError`.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.rate <= 0) {
      this.granted++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, ...(signal ? { signal } : {}) };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal));
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
  }

  private pump(): void {
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      const waiter = this.queue.shift();
      if (!waiter) break;
      this.tokens -= 1;
      this.granted++;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length > 0) {
      const ms = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rate));
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, ms);
    }
  }
}

/** One bucket per key, created on first use with the registry's options. */
export class RateLimiterRegistry {
  private readonly buckets = new Map<string, TokenBucketLimiter>();

  constructor(private readonly options: RateLimiterOptions = {}) {}

  /** The bucket for `account|region`. */
  get(account: string, region: string): TokenBucketLimiter {
    const key = `${account}|${region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucketLimiter(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Keys with a bucket, e.g. for diagnostics. */
  keys(): string[] {
    return [...this.buckets.keys()];
  }
}

/** The process-wide registry every query shares by default (2 requests/s per account and region). */
export const sharedRateLimiters = new RateLimiterRegistry();
