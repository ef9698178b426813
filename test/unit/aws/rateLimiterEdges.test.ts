// The rate limiter at its edges, on a fake clock: what a cancelled scan rejects with, a bucket
// configured without a limit (local endpoints, tests of other code), a burst below one, the
// waiting count a progress line shows, a request arriving mid-interval, and what a grant or a
// Cancel leaves behind (listeners on the scan's signal, timers that keep the process awake).
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { TokenBucketLimiter, abortError, systemClock, type LimiterClock } from '../../../src/aws/rateLimiter';

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

  it('a request arriving part-way through an interval waits only for the rest of it', async () => {
    const clock = new StepClock();
    const limiter = new TokenBucketLimiter({ marginMs: 0, clock });
    await limiter.acquire();
    clock.t += 100;
    const granted: number[] = [];
    void limiter.acquire().then(() => granted.push(clock.now()));
    await flush();
    assert.deepEqual(granted, [], 'two requests 100 ms apart would exceed 2 per second');
    assert.deepEqual(clock.pending.map((p) => p.ms), [400]);
    clock.fire();
    await flush();
    assert.deepEqual(granted, [5_500], 'granted one full interval after the first');
  });

  it('a granted request leaves no listener on the signal it was given', async () => {
    const clock = new StepClock();
    const limiter = new TokenBucketLimiter({ marginMs: 0, clock });
    const controller = new AbortController();
    await limiter.acquire(controller.signal);
    const waiting = limiter.acquire(controller.signal);
    clock.fire();
    await waiting;
    assert.equal(limiter.grantedCount, 2);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'a long scan would otherwise pile up a listener per request');
  });

  it('once every waiter is cancelled nothing stays scheduled', async () => {
    const clock = new StepClock();
    const limiter = new TokenBucketLimiter({ clock });
    await limiter.acquire();
    const a = new AbortController();
    const b = new AbortController();
    const first = limiter.acquire(a.signal);
    const second = limiter.acquire(b.signal);
    assert.equal(clock.pending.length, 1, 'one wake-up for the queue');
    b.abort();
    a.abort();
    await assert.rejects(first, { name: 'AbortError' });
    await assert.rejects(second, { name: 'AbortError' });
    assert.equal(limiter.waiting, 0);
    assert.deepEqual(clock.pending, [], 'no timer left to wake the process after Cancel');
  });

  it('the real clock schedules and cancels real timers', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    let fired = false;
    const handle = systemClock.setTimeout(() => {
      fired = true;
    }, 60_000);
    assert.equal(timers(), before + 1);
    systemClock.clearTimeout(handle);
    assert.equal(timers(), before, 'a cleared wait is gone at once');
    assert.equal(fired, false);
    const t = systemClock.now();
    assert.ok(Math.abs(t - Date.now()) < 1000);
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 0));
  });
});
