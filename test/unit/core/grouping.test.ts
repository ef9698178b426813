import * as assert from 'node:assert/strict';
import { groupEvents, groupKeysOf, isGroupBy } from '../../../src/core/grouping';
import { buildEvent } from './fixtures';

const t = (minute: number): number => Date.UTC(2026, 0, 1, 12, minute);
const s3 = { source: 's3.amazonaws.com', key: 's3', label: 'S3' };
const ec2 = { source: 'ec2.amazonaws.com', key: 'ec2', label: 'EC2' };
const alice = { key: 'arn:aws:iam::1:user/alice', label: 'alice' };
const deployer = { key: 'arn:aws:iam::1:role/Deployer', label: 'Deployer', type: 'AssumedRole' };

const events = [
  buildEvent({ id: 'a', time: t(1), service: ec2, principal: alice, region: 'us-east-1', resources: [{ name: 'i-0abc1234', type: 'AWS::EC2::Instance' }] }),
  buildEvent({ id: 'b', time: t(5), service: s3, principal: deployer, region: 'eu-west-1', resources: [{ name: 'arn:aws:s3:::logs', arn: 'arn:aws:s3:::logs' }] }),
  buildEvent({ id: 'c', time: t(3), service: ec2, principal: deployer, region: 'us-east-1', resources: [{ name: 'i-0abc1234' }, { name: 'sg-0abc1234' }, { name: 'i-0abc1234' }] }),
  buildEvent({ id: 'd', time: t(2), service: ec2, principal: alice, region: '', resources: [] }),
];

describe('core/grouping groupEvents', () => {
  it('groups by service with stable ids, counts, newest first, sorted by most recent activity', () => {
    const groups = groupEvents(events, 'service');
    assert.deepEqual(
      groups.map((g) => [g.id, g.label, g.count, g.latestTime, g.events.map((e) => e.id).join('')]),
      [
        ['group/service/s3.amazonaws.com', 'S3', 1, t(5), 'b'],
        ['group/service/ec2.amazonaws.com', 'EC2', 3, t(3), 'cda'],
      ],
    );
  });

  it('groups by principal key', () => {
    const groups = groupEvents(events, 'principal');
    assert.deepEqual(
      groups.map((g) => [g.id, g.label, g.count]),
      [
        ['group/principal/arn:aws:iam::1:role/Deployer', 'Deployer', 2],
        ['group/principal/arn:aws:iam::1:user/alice', 'alice', 2],
      ],
    );
  });

  it('groups by region, with a group for events without one', () => {
    const groups = groupEvents(events, 'region');
    assert.deepEqual(
      groups.map((g) => [g.key, g.label, g.count]),
      [
        ['eu-west-1', 'eu-west-1', 1],
        ['us-east-1', 'us-east-1', 2],
        ['(none)', 'No region', 1],
      ],
    );
  });

  it('puts an event under each resource it touched (once per resource; typed and untyped EC2 ids join), and keeps resource-less events', () => {
    const groups = groupEvents(events, 'resource');
    assert.deepEqual(
      groups.map((g) => [g.key, g.count, g.events.map((e) => e.id).join('')]),
      [
        ['arn:aws:s3:::logs', 1, 'b'],
        ['ec2:instance/i-0abc1234', 2, 'ca'],
        ['ec2:security-group/sg-0abc1234', 1, 'c'],
        ['(none)', 1, 'd'],
      ],
    );
  });

  it('is stable: same input order or shuffled gives the same groups and orders', () => {
    const shuffled = [events[3], events[1], events[0], events[2]];
    assert.deepEqual(groupEvents(shuffled, 'service'), groupEvents(events, 'service'));
    const tie = [buildEvent({ id: 'z', time: t(1) }), buildEvent({ id: 'y', time: t(1) })];
    assert.deepEqual(groupEvents(tie, 'service')[0].events.map((e) => e.id), ['y', 'z']);
  });

  it('returns no groups for no events and does not mutate the input', () => {
    assert.deepEqual(groupEvents([], 'principal'), []);
    const before = events.map((e) => e.id);
    groupEvents(events, 'service');
    assert.deepEqual(events.map((e) => e.id), before);
  });

  it('exposes the key selector and validates dimension names', () => {
    assert.deepEqual(groupKeysOf(events[2], 'resource').map((k) => k.key), ['ec2:instance/i-0abc1234', 'ec2:security-group/sg-0abc1234']);
    assert.ok(isGroupBy('principal'));
    assert.ok(!isGroupBy('colour'));
    assert.ok(!isGroupBy(3));
  });
});
