// How a scan paces itself when the service pushes back, seen from outside: the real SDK client against
// the local endpoint. A scan that keeps hitting the limit, waits too little between retries or gives
// up on a dropped connection shows the user a throttling or network error instead of their events.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { classifyAwsError } from '../../../src/aws/awsErrors';
import { createCloudTrailClient } from '../../../src/aws/clientFactory';
import { lookupPages, type LookupPage } from '../../../src/aws/lookup';
import { TokenBucketLimiter } from '../../../src/aws/rateLimiter';
import { series, startServer, T0, TEST_CREDENTIALS } from './localEndpoint';

const window = { region: 'us-east-1', start: T0 - 86_400_000, end: T0 };

/** A TCP proxy to `target` that resets the first `drop` connections as soon as a request arrives on them. */
async function droppingProxy(target: string, drop: number): Promise<{ url: string; dropped: () => number; close: () => Promise<void> }> {
  const { port } = new URL(target);
  let dropped = 0;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => {
      sockets.delete(client);
    });
    client.on('error', () => undefined);
    if (dropped < drop) {
      dropped++;
      client.once('data', () => client.resetAndDestroy());
      return;
    }
    const upstream = net.connect(Number(port), '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    dropped: () => dropped,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => {
          resolve();
        });
      }),
  };
}

describe('aws/lookup pacing under pushback (real SDK, local endpoint)', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('slows down after a throttle and is back to full pace once requests are accepted again', async () => {
    server = await startServer(series('e', 150), { throttleEveryOther: true });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    const limiter = new TokenBucketLimiter({ requestsPerSecond: 1000 });
    const fullPace = new TokenBucketLimiter({ requestsPerSecond: 1000 }).spacingMs;
    const pages: LookupPage[] = [];
    let afterThrottle = Number.NaN;
    for await (const page of lookupPages(client, { ...window, limiter, maxResults: 5, backoffBaseMs: 1 })) {
      pages.push(page);
      if (page.throttlesRetried > 0 && Number.isNaN(afterThrottle)) {
        afterThrottle = limiter.spacingMs;
        // The storm ends: every later request is accepted.
        server.setOptions({ throttleEveryOther: false });
      }
    }
    assert.equal(pages.flatMap((p) => p.events).length, 150, 'every event arrives');
    assert.equal(server.stats.throttled, 1);
    assert.ok(afterThrottle > fullPace, `a throttle widens the spacing (${afterThrottle} ms after it, ${fullPace} ms at full pace)`);
    assert.equal(limiter.spacingMs, fullPace, 'accepted requests bring the pace back to the limit');
  });

  it('waits longer and longer between retries while throttling persists', async () => {
    // The server's clock stands still: after the first request, every request is in the same second and throttled.
    server = await startServer(series('e', 10), { requestsPerSecond: 1, clock: () => T0 });
    const client = createCloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials: TEST_CREDENTIALS });
    await client.send(new LookupEventsCommand({ MaxResults: 1 }));
    const sent: number[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        sent.push(Date.now());
        return next(args);
      },
      { step: 'initialize', name: 'recordSendTimes' },
    );
    const base = 60;
    const err = await (async () => {
      for await (const _page of lookupPages(client, { ...window, limiter: new TokenBucketLimiter({ requestsPerSecond: 0 }), backoffBaseMs: base, maxThrottleRetries: 5 })) {
        assert.fail('no page can arrive');
      }
    })().then(
      () => assert.fail('expected throttling to surface'),
      (e: unknown) => e,
    );
    assert.equal(classifyAwsError(err, { region: 'us-east-1' }).kind, 'throttled');
    assert.ok(sent.length >= 6, `${sent.length} requests: the first and five retries`);
    // The wait before the fifth retry doubled three times from the base (jitter keeps at least half):
    // at least 4 × base, where an undoubled backoff waits at most 1 × base.
    const lastGap = (sent.at(-1) ?? 0) - (sent.at(-2) ?? 0);
    assert.ok(lastGap >= 4 * base - 5, `waited ${lastGap} ms before the last retry, expected at least ${4 * base} ms`);
  });

  it('retries a connection the network dropped, and the scan still returns every event', async () => {
    server = await startServer(series('e', 120));
    const proxy = await droppingProxy(server.url, 1);
    try {
      const client = createCloudTrailClient({ region: 'us-east-1', endpoint: proxy.url, credentials: TEST_CREDENTIALS });
      const pages: LookupPage[] = [];
      for await (const page of lookupPages(client, { ...window, limiter: new TokenBucketLimiter({ requestsPerSecond: 0 }) })) pages.push(page);
      assert.equal(proxy.dropped(), 1, 'the first connection was reset');
      assert.equal(pages.flatMap((p) => p.events).length, 120);
      assert.equal(new Set(pages.flatMap((p) => p.events.map((e) => e.id))).size, 120);
    } finally {
      await proxy.close();
    }
  });
});
