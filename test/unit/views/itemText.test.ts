import * as assert from 'node:assert/strict';
import { escapeMarkdown, eventAccessibilityLabel, eventDescription, eventTooltipMarkdown, formatRelativeTime, groupLabel } from '../../../src/views/itemText';
import { buildEvent } from '../core/fixtures';

const now = Date.UTC(2026, 0, 2, 12, 0, 0);
const ago = (ms: number): number => now - ms;

describe('views/itemText', () => {
  it('formats relative times from seconds to dates', () => {
    assert.equal(formatRelativeTime(ago(10_000), now), 'just now');
    assert.equal(formatRelativeTime(ago(5 * 60_000), now), '5 min ago');
    assert.equal(formatRelativeTime(ago(3 * 3_600_000), now), '3 h ago');
    assert.equal(formatRelativeTime(ago(2 * 86_400_000), now), '2 d ago');
    assert.equal(formatRelativeTime(Date.UTC(2025, 5, 1), now), '2025-06-01');
  });

  it('puts the count on group labels', () => {
    assert.equal(groupLabel('S3', 12), 'S3 · 12');
    assert.equal(groupLabel('EC2', 20000), 'EC2 · 20,000');
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
    assert.match(eventAccessibilityLabel(e, now), /RunInstances on EC2 by alice, 1 min ago in us-east-1, failed with AccessDenied/);
  });

  it('says read-only to screen readers', () => {
    assert.match(eventAccessibilityLabel(buildEvent({ readOnly: true, time: ago(1000) }), now), /^read-only RunInstances .* succeeded$/);
  });

  it('builds a tooltip with who, what, when, where, source IP, user agent and result', () => {
    const md = eventTooltipMarkdown(
      buildEvent({ time: Date.UTC(2026, 0, 1, 9, 30, 5), sourceIp: '203.0.113.7', userAgent: 'aws-cli/2.15', account: '111122223333', errorCode: 'AccessDenied', errorMessage: 'not allowed' }),
    );
    for (const row of ['| Who | alice (IAMUser) |', '| When | 2026\\-01\\-01 09:30:05 UTC |', '| Where | us\\-east\\-1 · account 111122223333 |', '| Source IP | 203\\.0\\.113\\.7 |', '| User agent | aws\\-cli/2\\.15 |']) {
      assert.ok(md.includes(row), `missing ${row} in\n${md}`);
    }
    assert.match(md, /\| Result \| ❌ AccessDenied: not allowed \|/);
  });

  it('escapes untrusted fields so they cannot inject links, HTML or table cells', () => {
    const md = eventTooltipMarkdown(buildEvent({ userAgent: '[click](command:evil) <img src=x> a|b\nnext' }));
    assert.ok(!md.includes('[click](command:evil)'));
    assert.ok(md.includes('\\<img') && !/[^\\]<img/.test(md));
    assert.ok(md.includes('a\\|b next'));
    assert.equal(escapeMarkdown('*x*'), '\\*x\\*');
  });
});
