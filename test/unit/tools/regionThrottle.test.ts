import assert from 'node:assert/strict';
import { RegionThrottle } from '../../../tools/local-cloudtrail/regionThrottle';

describe('RegionThrottle (the endpoint’s 2 requests per second per region)', () => {
  it('accepts N requests in any rolling second per region and refuses the rest', () => {
    let now = 10_000;
    const throttle = new RegionThrottle(() => now);
    const tryAt = (t: number, region = 'eu-west-1'): boolean => {
      now = t;
      return throttle.tryAcquire(region, 2);
    };
    assert.deepEqual([tryAt(10_000), tryAt(10_400), tryAt(10_999)], [true, true, false]);
    assert.equal(tryAt(10_999, 'us-east-1'), true, 'each region has its own budget');
    assert.equal(tryAt(11_000), true, 'the first request left the window');
    assert.equal(tryAt(11_100), false, 'refused requests do not use up the budget, accepted ones do');
    assert.equal(tryAt(11_400), true);
  });

  it('never throttles when the rate is 0', () => {
    const throttle = new RegionThrottle(() => 0);
    for (let i = 0; i < 100; i++) assert.equal(throttle.tryAcquire('eu-west-1', 0), true);
  });
});
