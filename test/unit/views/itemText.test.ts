import * as assert from 'node:assert/strict';
import { eventAccessibilityLabel, eventDescription, eventTooltipMarkdown, groupLabel } from '../../../src/views/itemText';
import { buildEvent } from '../core/fixtures';

const now = Date.UTC(2026, 0, 2, 12, 0, 0);
const ago = (ms: number): number => now - ms;

describe('views/itemText', () => {
  it('puts the count on group labels, with the identity type for principals', () => {
    const events = [buildEvent()];
    assert.equal(groupLabel({ dimension: 'service', key: 's3.amazonaws.com', label: 'S3', count: 12, events }), 'S3 · 12');
    assert.equal(groupLabel({ dimension: 'principal', key: 'arn:aws:iam::1:user/alice', label: 'alice', count: 1, events }), 'alice (IAMUser) · 1');
    assert.equal(groupLabel({ dimension: 'eventName', key: 'PutObject', label: 'PutObject', count: 3, events }), 'PutObject · 3');
  });

  it('describes an event by the dimension its ancestors do not show, time and region', () => {
    const e = buildEvent({ time: ago(5 * 60_000), region: 'eu-west-1' });
    assert.equal(eventDescription(e, ['service', 'eventName'], now), 'alice · 5 min ago · eu-west-1');
    assert.equal(eventDescription(e, ['principal', 'service'], now), 'EC2 · 5 min ago · eu-west-1');
    assert.equal(eventDescription(e, ['region', 'service'], now), 'alice · 5 min ago');
  });

  it('leads with the error code of a failed call', () => {
    const e = buildEvent({ time: ago(60_000), errorCode: 'AccessDenied' });
    assert.equal(eventDescription(e, ['service', 'eventName'], now), 'AccessDenied · alice · 1 min ago · us-east-1');
    assert.match(eventAccessibilityLabel(e, now), /^RunInstances by alice, EC2, 1 min ago, failed: AccessDenied, us-east-1$/);
  });

  it('says read-only to screen readers', () => {
    assert.match(eventAccessibilityLabel(buildEvent({ readOnly: true, time: ago(1000) }), now), /, us-east-1, read-only$/);
  });

  it('builds a tooltip with who, what, when, where, source IP, user agent and result', () => {
    const md = eventTooltipMarkdown(
      buildEvent({ time: Date.UTC(2026, 0, 1, 9, 30, 5), sourceIp: '203.0.113.7', userAgent: 'aws-cli/2.15', account: '111122223333', errorCode: 'AccessDenied', errorMessage: 'not allowed' }),
      now,
    );
    for (const row of [
      '| Who | alice \\(IAMUser\\) |',
      '| What | ec2\\.amazonaws\\.com RunInstances |',
      '| When | 2026\\-01\\-01 09\\:30\\:05 UTC \\(1 d ago\\) |',
      '| Where | us\\-east\\-1 · account 111122223333 |',
      '| Source IP | 203\\.0\\.113\\.7 |',
      '| User agent | aws\\-cli\\/2\\.15 |',
      '| Result | Failed\\: AccessDenied\\: not allowed |',
    ]) {
      assert.ok(md.includes(row), `missing ${row} in\n${md}`);
    }
    assert.ok(eventTooltipMarkdown(buildEvent(), now).includes('| Result | Success |'));
  });

  it('escapes untrusted fields so they cannot inject links, HTML or table cells', () => {
    const md = eventTooltipMarkdown(buildEvent({ userAgent: '[click](command:evil) <img src=x> a|b\nnext' }), now);
    assert.ok(!md.includes('[click](command:evil)'));
    assert.ok(!/[^\\]<img/.test(md));
    assert.ok(md.includes('a\\|b next'));
  });
});
