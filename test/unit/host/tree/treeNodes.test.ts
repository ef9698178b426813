import * as assert from 'node:assert/strict';
import type { TrailEvent } from '../../../../src/core/model';
import { buildLevel, GROUP_PAGE_SIZE, groupChildren, GROUPING_LEVELS, type EventNode, type GroupNode, type MessageNode } from '../../../../src/host/tree/treeNodes';
import { buildEvent } from '../../core/fixtures';

const at = (minutes: number): number => Date.UTC(2026, 0, 1, 12, 0, 0) + minutes * 60_000;
const s3 = { source: 's3.amazonaws.com', key: 's3', label: 'S3' };
const waf = { source: 'wafv2.amazonaws.com', key: 'wafv2', label: 'WAF' };
const alice = { key: 'arn:aws:iam::1:user/alice', label: 'alice', userName: 'alice' };
const bob = { key: 'arn:aws:iam::1:user/bob', label: 'bob', userName: 'bob' };

// Newest first, as the model holds them.
const events: TrailEvent[] = [
  buildEvent({ id: 'e5', time: at(5), name: 'UpdateWebACL', service: waf, principal: bob, region: 'us-east-1', resources: [{ name: 'edge-acl', arn: 'arn:aws:wafv2:us-east-1:1:global/webacl/edge-acl/abc' }] }),
  buildEvent({ id: 'e4', time: at(4), name: 'PutBucketPolicy', service: s3, principal: alice, region: 'eu-west-1', resources: [{ name: 'logs' }, { name: 'audit' }] }),
  buildEvent({ id: 'e3', time: at(3), name: 'DeleteBucket', service: s3, principal: bob, region: 'eu-west-1', resources: [{ name: 'logs' }] }),
  buildEvent({ id: 'e2', time: at(2), name: 'PutBucketPolicy', service: s3, principal: alice, region: 'us-east-1' }),
  buildEvent({ id: 'e1', time: at(1), name: 'RunInstances', principal: alice, region: 'us-east-1' }),
];

type Node = GroupNode | EventNode | MessageNode;

function labels(nodes: readonly Node[]): string[] {
  return nodes.map((n) => (n.kind === 'group' ? `${n.label}:${n.count}` : n.kind === 'event' ? n.event.id : n.label));
}

function group(nodes: readonly Node[], label: string): GroupNode {
  const found = nodes.find((n): n is GroupNode => n.kind === 'group' && n.label === label);
  assert.ok(found, `no group ${label} in ${labels(nodes).join(', ')}`);
  return found;
}

describe('views/treeNodes', () => {
  it('by service: service → event name → events, most recent activity first', () => {
    const root = buildLevel(events, GROUPING_LEVELS.service, 0, '');
    assert.deepEqual(labels(root), ['WAF:1', 'S3:3', 'EC2:1']);
    const names = groupChildren(group(root, 'S3'));
    assert.deepEqual(labels(names), ['PutBucketPolicy:2', 'DeleteBucket:1']);
    const leaves = groupChildren(group(names, 'PutBucketPolicy'));
    assert.deepEqual(labels(leaves), ['e4', 'e2']);
    assert.deepEqual((leaves[0] as EventNode).shown, ['service', 'eventName']);
  });

  it('by principal: principal → service → events', () => {
    const root = buildLevel(events, GROUPING_LEVELS.principal, 0, '');
    assert.deepEqual(labels(root), ['bob:2', 'alice:3']);
    const services = groupChildren(group(root, 'alice'));
    assert.deepEqual(labels(services), ['S3:2', 'EC2:1']);
    assert.deepEqual(labels(groupChildren(group(services, 'S3'))), ['e4', 'e2']);
  });

  it('by resource: an event under each resource it touched, events without one together', () => {
    const root = buildLevel(events, GROUPING_LEVELS.resource, 0, '');
    assert.deepEqual(labels(root), ['edge-acl:1', 'audit:1', 'logs:2', 'No resource:2']);
    assert.deepEqual(labels(groupChildren(group(root, 'logs'))), ['e4', 'e3']);
  });

  it('by region: region → service → events', () => {
    const root = buildLevel(events, GROUPING_LEVELS.region, 0, '');
    assert.deepEqual(labels(root), ['us-east-1:3', 'eu-west-1:2']);
    assert.deepEqual(labels(groupChildren(group(root, 'us-east-1'))), ['WAF:1', 'S3:1', 'EC2:1']);
  });

  it('gives stable ids built from keys, unique per path, so expansion survives a refresh', () => {
    const root = buildLevel(events, GROUPING_LEVELS.service, 0, '');
    const s3Group = group(root, 'S3');
    assert.equal(s3Group.id, 'group/service/s3.amazonaws.com');
    const names = groupChildren(s3Group);
    assert.equal(group(names, 'DeleteBucket').id, 'group/service/s3.amazonaws.com/eventName/DeleteBucket');
    const leaf = groupChildren(group(names, 'DeleteBucket'))[0];
    assert.equal(leaf.id, 'group/service/s3.amazonaws.com/eventName/DeleteBucket/event/e3');
    assert.equal(leaf.parentId, group(names, 'DeleteBucket').id);

    // A refresh with a newer event keeps every existing id.
    const refreshed = buildLevel([buildEvent({ id: 'e6', time: at(6), service: s3, name: 'DeleteBucket' }), ...events], GROUPING_LEVELS.service, 0, '');
    assert.equal(group(refreshed, 'S3').id, s3Group.id);

    // An event under two resource groups gets two distinct ids.
    const byResource = buildLevel(events, GROUPING_LEVELS.resource, 0, '');
    const ids = byResource.flatMap((g) => (g.kind === 'group' ? groupChildren(g).map((c) => c.id) : []));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('prefixes ids for the Results view so two result sets never collide', () => {
    const a = buildLevel(events, GROUPING_LEVELS.service, 0, 'results/r1/');
    const b = buildLevel(events, GROUPING_LEVELS.service, 0, 'results/r2/');
    assert.equal(a[0].id, 'results/r1/group/service/wafv2.amazonaws.com');
    assert.notEqual(a[0].id, b[0].id);
  });

  it('shows a big group one page at a time, then a "Show more…" item for that group', () => {
    const many = Array.from({ length: GROUP_PAGE_SIZE + 7 }, (_, i) => buildEvent({ id: `m${String(i).padStart(4, '0')}`, time: at(-i), service: s3, name: 'GetObject' }));
    const bucket = group(groupChildren(group(buildLevel(many, GROUPING_LEVELS.service, 0, ''), 'S3')), 'GetObject');
    const page = groupChildren(bucket);
    assert.equal(page.length, GROUP_PAGE_SIZE + 1);
    const more = page[page.length - 1] as MessageNode;
    assert.equal(more.label, `Show more… (7 of ${GROUP_PAGE_SIZE + 7} not shown)`);
    assert.deepEqual(more.command?.arguments, [bucket.id]);
    assert.equal(groupChildren(bucket, GROUP_PAGE_SIZE * 2).length, GROUP_PAGE_SIZE + 7);
  });

  it('lists events directly when there are no levels left', () => {
    assert.deepEqual(labels(buildLevel(events.slice(0, 2), [], 0, 'x/')), ['e5', 'e4']);
    assert.equal(buildLevel(events.slice(0, 1), [], 0, 'x/')[0].id, 'x/event/e5');
  });
});
