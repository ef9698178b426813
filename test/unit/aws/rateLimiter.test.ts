import * as assert from 'node:assert/strict';
import { RateLimiterRegistry, TokenBucketLimiter, type LimiterClock } from '../../../src/aws/rateLimiter';

/** A manual clock: time moves only when the test advances it, firing due timers in order. */
class FakeClock implements LimiterClock {
  private t = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers.at(0);
      if (!due || due.at > end) break;
      this.timers.shift();
      this.t = due.at;
      due.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('aws/rateLimiter', () => {
  it('grants at most 2 requests per second, evenly spaced', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ clock, marginMs: 0 });
    const grantedAt: number[] = [];
    for (let i = 0; i < 7; i++) void limiter.acquire().then(() => grantedAt.push(clock.now()));
    await flush();
    assert.equal(grantedAt.length, 1);
    await clock.advance(3000);
    assert.equal(grantedAt.length, 7);
    const gaps = grantedAt.slice(1).map((t, i) => t - grantedAt[i]);
    assert.deepEqual(gaps, [500, 500, 500, 500, 500, 500]);
    // In any one-second window no more than two grants.
    for (const t of grantedAt) assert.ok(grantedAt.filter((u) => u >= t && u < t + 1000).length <= 2);
  });

  it('keeps a small margin by default so jitter never puts three requests in one second', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ clock });
    const grantedAt: number[] = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then(() => grantedAt.push(clock.now()));
    await flush();
    await clock.advance(2000);
    assert.deepEqual(
      grantedAt.map((t) => t - grantedAt[0]),
      [0, 510, 1020],
    );
  });

  it('widens its spacing after throttling and relaxes it again as requests succeed', () => {
    const limiter = new TokenBucketLimiter({ clock: new FakeClock() });
    assert.equal(Math.round(limiter.spacingMs), 510);
    limiter.noteThrottled();
    limiter.noteThrottled();
    assert.equal(Math.round(limiter.spacingMs), 550);
    for (let i = 0; i < 15; i++) limiter.noteAccepted();
    assert.equal(Math.round(limiter.spacingMs), 535);
    for (let i = 0; i < 100; i++) limiter.noteAccepted();
    assert.equal(Math.round(limiter.spacingMs), 510);
    for (let i = 0; i < 100; i++) limiter.noteThrottled();
    assert.equal(Math.round(limiter.spacingMs), 700, 'the margin is capped');
  });

  it('serves waiters in arrival order', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ clock });
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) void limiter.acquire().then(() => order.push(name));
    await clock.advance(2000);
    assert.deepEqual(order, ['a', 'b', 'c', 'd']);
  });

  it('lets an aborted waiter leave the queue at once without delaying the others', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ clock, marginMs: 0 });
    await limiter.acquire();
    const controller = new AbortController();
    const events: string[] = [];
    const waiting = limiter.acquire(controller.signal).then(
      () => events.push('granted'),
      (e: unknown) => events.push((e as Error).name),
    );
    const next = limiter.acquire().then(() => events.push(`next@${clock.now()}`));
    assert.equal(limiter.waiting, 2);
    controller.abort();
    await waiting;
    assert.deepEqual(events, ['AbortError']);
    assert.equal(limiter.waiting, 1);
    await clock.advance(500);
    await next;
    assert.deepEqual(events, ['AbortError', `next@${1_000_000 + 500}`]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new TokenBucketLimiter({ clock: new FakeClock() });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(limiter.acquire(controller.signal), { name: 'AbortError' });
    assert.equal(limiter.grantedCount, 0);
  });

  it('refills while idle, up to the burst size', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ clock, burst: 2, marginMs: 0 });
    await limiter.acquire();
    await limiter.acquire();
    await clock.advance(10_000);
    const granted: number[] = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then(() => granted.push(clock.now()));
    await flush();
    assert.equal(granted.length, 2, 'an idle bucket holds at most `burst` tokens');
    await clock.advance(500);
    assert.equal(granted.length, 3);
  });

  it('keeps one bucket per account and region in a registry', async () => {
    const clock = new FakeClock();
    const registry = new RateLimiterRegistry({ clock });
    const a = registry.get('prod', 'us-east-1');
    assert.equal(registry.get('prod', 'us-east-1'), a);
    assert.notEqual(registry.get('prod', 'eu-west-1'), a);
    assert.notEqual(registry.get('dev', 'us-east-1'), a);
    // Different regions do not wait for each other.
    const granted: string[] = [];
    void a.acquire().then(() => granted.push('use1-1'));
    void a.acquire().then(() => granted.push('use1-2'));
    void registry.get('prod', 'eu-west-1').acquire().then(() => granted.push('euw1-1'));
    await flush();
    assert.deepEqual(granted.sort(), ['euw1-1', 'use1-1']);
    assert.deepEqual(registry.keys().sort(), ['dev|us-east-1', 'prod|eu-west-1', 'prod|us-east-1']);
  });
});
