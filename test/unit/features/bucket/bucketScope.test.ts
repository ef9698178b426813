// The views' source of an opened trail bucket (features/bucket/bucketScope.ts), on the local S3
// server with the real S3 client: inside the chosen scope the store answers with no request (a
// reopened or cancelled read shows what is stored), outside it only what the query needs is read,
// and accounts left out of the scope stay out of the answers.
import * as assert from 'node:assert/strict';
import { type BucketScope, bucketSourceForViews, scopedRegions } from '../../../../src/features/bucket/bucketScope';
import type { EventQuery } from '../../../../src/core/query';
import { NOW, bucketWorld, type BucketWorld } from '../../aws/bucket/bucketFixture';

const DAY = 86_400_000;

function scopeOf(world: BucketWorld, accounts: readonly string[], days: number): BucketScope {
  return { accounts, regions: ['us-east-1', 'eu-west-1', 'us-west-2'], start: NOW - days * DAY, end: NOW, rangeLabel: `last ${days} days`, allAccounts: accounts.length === world.contents.accounts.length };
}

const everything = (start: number, end: number): EventQuery => ({ regions: [], filters: [], start, end, includeReadOnly: true, maxEvents: 100_000 });

describe('features/bucket: the views\' source of a trail bucket', function () {
  this.timeout(60_000);
  let world: BucketWorld;
  beforeEach(async () => {
    world = await bucketWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('names only the scope\'s regions: a query\'s own regions among them, else all of them', () => {
    const scope = scopeOf({ contents: { accounts: ['a'] } } as unknown as BucketWorld, ['a'], 7);
    assert.deepEqual(scopedRegions({ ...everything(0, 1), regions: ['eu-west-1', 'ap-south-1'] }, scope), ['eu-west-1']);
    assert.deepEqual(scopedRegions({ ...everything(0, 1), regions: ['ap-south-1'] }, scope), ['us-east-1', 'eu-west-1', 'us-west-2']);
  });

  it('answers a query inside the scope from the store with no S3 request; a wider window reads what it needs', async () => {
    const [first] = world.contents.accounts;
    const { source } = await world.open({ accounts: [first] });
    const scope = scopeOf(world, [first], 3);
    await source.query({ ...everything(scope.start, scope.end), regions: scope.regions });
    const views = bucketSourceForViews(source, scope);
    assert.deepEqual(views.defaultWindow?.(), { start: scope.start, end: scope.end, label: 'last 3 days' });
    world.server.resetRequests();
    const inside = await views.query(everything(scope.start, scope.end));
    assert.ok(inside.events.length > 0);
    assert.equal(world.server.requests.length, 0, 'the store answers');
    const wider = await views.query(everything(NOW - 10 * DAY, NOW));
    assert.ok(world.server.requests.some((r) => r.method === 'GET' && r.key !== undefined), 'the older days were downloaded');
    assert.ok(wider.events.length > inside.events.length);
  });

  it('keeps accounts left out of the scope out of the answers, even when the store holds them', async () => {
    const [first, second] = world.contents.accounts;
    const both = await world.open();
    await both.source.query(everything(NOW - 2 * DAY, NOW));
    const { source } = await world.open({ accounts: [first] });
    const all = await bucketSourceForViews(source, scopeOf(world, [first, second], 2)).query(everything(NOW - 2 * DAY, NOW));
    assert.ok(all.events.some((e) => e.account === second), 'the store holds both accounts');
    const one = await bucketSourceForViews(source, scopeOf(world, [first], 2)).query(everything(NOW - 2 * DAY, NOW));
    assert.ok(one.events.length > 0);
    assert.ok(one.events.every((e) => e.account === first), [...new Set(one.events.map((e) => e.account))].join(', '));
  });
});
