import * as assert from 'node:assert/strict';
import { parseLookupRange, parseMoment } from '../../../src/core/lookupQuery';
import { describeRegions, queryScopeFor, rangeInScope } from '../../../src/core/queryScope';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const DAY = 86_400_000;
const archiveWindow = { start: 0, end: Date.UTC(2023, 2, 1), label: 'trail logs 2014-07-18 → 2023-03-01' };

describe('commands/queryScope', () => {
  it('the API keeps 90 days, the configured regions, and clamps ranges into them', async () => {
    let asked = 0;
    const scope = await queryScopeFor({ kind: 'api' }, NOW, () => {
      asked++;
      return Promise.resolve(['eu-west-1']);
    });
    assert.equal(asked, 1);
    assert.deepEqual(scope.regions, ['eu-west-1']);
    assert.equal(scope.maxAgeDays, 90);
    assert.deepEqual([scope.defaultWindow.start, scope.defaultWindow.end], [NOW - 90 * DAY, NOW]);
    assert.deepEqual(rangeInScope(scope, NOW), { start: NOW - 90 * DAY, end: NOW });
    assert.deepEqual(rangeInScope(scope, NOW, Date.UTC(2020, 0, 1), NOW + DAY), { start: NOW - 90 * DAY, end: NOW });
    assert.deepEqual(rangeInScope(scope, NOW, NOW - DAY, NOW - 3_600_000), { start: NOW - DAY, end: NOW - 3_600_000 });
  });

  it('trail logs: their own window, no age limit, every region, without resolving the profile regions', async () => {
    const scope = await queryScopeFor({ kind: 'archive', defaultWindow: () => archiveWindow }, NOW, () => Promise.reject(new Error('not for archives')));
    assert.deepEqual(scope.regions, []);
    assert.equal(scope.maxAgeDays, undefined);
    assert.deepEqual(scope.defaultWindow, archiveWindow);
    assert.deepEqual(rangeInScope(scope, NOW), { start: 0, end: archiveWindow.end });
    const old = { start: Date.UTC(2016, 0, 1), end: Date.UTC(2017, 0, 1) };
    assert.deepEqual(rangeInScope(scope, NOW, old.start, old.end), old);
  });

  it('an archive without a window searches everything until now', async () => {
    const scope = await queryScopeFor({ kind: 'archive' }, NOW, () => Promise.resolve([]));
    assert.deepEqual([scope.defaultWindow.start, scope.defaultWindow.end], [0, NOW]);
  });

  it('ranges and moments older than 90 days: refused for the API, accepted for trail logs', async () => {
    const api = await queryScopeFor({ kind: 'api' }, NOW, () => Promise.resolve(['us-east-1']));
    const archive = await queryScopeFor({ kind: 'archive', defaultWindow: () => archiveWindow }, NOW, () => Promise.resolve([]));
    const text = '2016-03-01T00:00Z .. 2016-04-01T00:00Z';
    const refused = parseLookupRange(text, NOW, api);
    assert.ok(!refused.ok);
    assert.match(refused.message, /more than 90 days ago/);
    assert.deepEqual(parseLookupRange(text, NOW, archive), { ok: true, start: Date.UTC(2016, 2, 1), end: Date.UTC(2016, 3, 1) });
    assert.equal(parseMoment('2016-03-01T00:00Z', NOW, api).ok, false);
    assert.deepEqual(parseMoment('2016-03-01T00:00Z', NOW, archive), { ok: true, time: Date.UTC(2016, 2, 1) });
    // The future stays refused whatever the source.
    assert.equal(parseLookupRange('2099-01-01T00:00Z', NOW, archive).ok, false);
  });

  it('names an empty region list as every region of the trail logs', () => {
    assert.equal(describeRegions(['us-east-1', 'eu-west-1']), 'us-east-1, eu-west-1');
    assert.equal(describeRegions([]), 'every region of the trail logs');
  });
});
