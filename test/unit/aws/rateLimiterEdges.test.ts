// The rate limiter at its edges, on a fake clock: what a cancelled scan rejects with, a bucket
// configured without a limit (local endpoints, tests of other code), a burst below one, and the
// waiting count a progress line shows.
import * as assert from 'node:assert/strict';
import { TokenBucketLimiter, abortError, type LimiterClock } from '../../../src/aws/rateLimiter';

/** A clock that never fires on its own: the test fires the pending timer. */
class StepClock implements LimiterClock {
  t = 5_000;
  pending: { fn: () => void; ms: number; id: number }[] = [];
  private id = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    this.pending.push({ fn, ms, id: ++this.id });
    return this.id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  /** Advances to the earliest pending timer and fires it. */
  fire(): void {
    const next = this.pending.sort((a, b) => a.ms - b.ms).shift();
    if (!next) throw new Error('no timer pending');
    this.t += next.ms;
    next.fn();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('aws/rateLimiter edges', () => {
  it('a cancelled wait rejects with the AbortError the caller aborted with, or a plain AbortError', async () => {
    const own = new Error('user pressed Cancel');
    own.name = 'AbortError';
    const a = new AbortController();
    a.abort(own);
    assert.equal(abortError(a.signal), own);
    const b = new AbortController();
    b.abort('stop');
    const plain = abortError(b.signal);
    assert.equal(plain.name, 'AbortError');
    assert.equal(plain.message, 'The operation was aborted.');
    const notAbort = new AbortController();
    notAbort.abort(new TypeError('x'));
    assert.equal(abortError(notAbort.signal).name, 'AbortError');
    assert.equal(abortError().name, 'AbortError');

    const clock = new StepClock();
    const limiter = new TokenBucketLimiter({ clock });
    await limiter.acquire();
    const c = new AbortController();
    const waiting = limiter.acquire(c.signal);
    c.abort(own);
    await assert.rejects(waiting, (err) => err === own);
  });

  it('a bucket with no rate grants every request at once and counts them', async () => {
    const limiter = new TokenBucketLimiter({ requestsPerSecond: 0, clock: new StepClock() });
    assert.equal(limiter.spacingMs, 0);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    assert.equal(limiter.grantedCount, 3);
    assert.equal(limiter.waiting, 0);
  });

  it('a burst below one still lets one request through at once, and the next waits a full interval', async () => {
    const clock = new StepClock();
    const limiter = new TokenBucketLimiter({ burst: 0, marginMs: 0, clock });
    const granted: number[] = [];
    void limiter.acquire().then(() => granted.push(clock.now()));
    void limiter.acquire().then(() => granted.push(clock.now()));
    await flush();
    assert.deepEqual(granted, [5_000]);
    assert.equal(limiter.waiting, 1);
    assert.deepEqual(clock.pending.map((p) => p.ms), [500], 'one timer, for exactly the time the next token takes');
    clock.fire();
    await flush();
    assert.deepEqual(granted, [5_000, 5_500]);
    assert.equal(clock.pending.length, 0, 'no timer left once nobody waits');
    assert.equal(limiter.grantedCount, 2);
  });
});
