import * as assert from 'node:assert/strict';
import { groupEvents } from '../../../src/core/grouping';
import {
  escapeMarkdown,
  eventAccessibilityLabel,
  eventDescription,
  eventLabel,
  eventTooltipMarkdown,
  eventTooltipText,
  formatEventTime,
  formatPrincipal,
  formatRelativeTime,
  groupDescription,
  groupLabel,
  groupTooltipText,
} from '../../../src/core/presentation';
import { buildEvent } from './fixtures';

// markdown-it ships with @vscode/vsce (a pinned dev dependency); it renders CommonMark as VS Code's hovers do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(src: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

const now = Date.UTC(2026, 5, 15, 12, 0, 0);
const MIN = 60_000;

describe('core/presentation relative and absolute time', () => {
  it('formats relative times', () => {
    assert.equal(formatRelativeTime(now - 10_000, now), 'just now');
    assert.equal(formatRelativeTime(now - 5 * MIN, now), '5 min ago');
    assert.equal(formatRelativeTime(now - 3 * 60 * MIN - 59 * MIN, now), '3 h ago');
    assert.equal(formatRelativeTime(now - 2 * 24 * 60 * MIN, now), '2 d ago');
    assert.equal(formatRelativeTime(now - 40 * 24 * 60 * MIN, now), '2026-05-06 12:00:00 UTC');
    assert.equal(formatRelativeTime(now + 10 * MIN, now), '2026-06-15 12:10:00 UTC');
    assert.equal(formatEventTime(Date.UTC(2026, 0, 2, 3, 4, 5)), '2026-01-02 03:04:05 UTC');
  });
});

describe('core/presentation events and groups', () => {
  const event = buildEvent({
    name: 'DeleteBucket',
    time: now - 3 * 60 * MIN,
    service: { source: 's3.amazonaws.com', key: 's3', label: 'S3' },
    principal: { key: 'arn:aws:iam::1:role/Deployer', label: 'Deployer', type: 'AssumedRole', sessionLabel: 'ci-42', arn: 'arn:aws:sts::1:assumed-role/Deployer/ci-42' },
    errorCode: 'AccessDenied',
    errorMessage: 'not allowed',
    sourceIp: '203.0.113.9',
    resources: [{ name: 'arn:aws:s3:::logs', arn: 'arn:aws:s3:::logs' }],
  });

  it('labels and describes events per grouping', () => {
    assert.equal(eventLabel(event), 'DeleteBucket');
    assert.equal(eventDescription(event, 'service', now), '3 h ago · Deployer · AccessDenied');
    assert.equal(eventDescription(event, 'principal', now), '3 h ago · S3 · AccessDenied');
    assert.equal(eventDescription(buildEvent({ time: now - 5 * MIN }), undefined, now), '5 min ago · alice');
  });

  it('gives a screen-reader sentence', () => {
    assert.equal(eventAccessibilityLabel(event, now), 'DeleteBucket by Deployer, S3, 3 h ago, failed: AccessDenied');
    assert.equal(eventAccessibilityLabel(buildEvent({ time: now - 5 * MIN }), now), 'RunInstances by alice, EC2, 5 min ago');
    assert.equal(eventAccessibilityLabel(buildEvent({ time: now, errorMessage: 'Failed authentication' }), now), 'RunInstances by alice, EC2, just now, failed: error');
  });

  it('formats principals with type and session', () => {
    assert.equal(formatPrincipal(event.principal), 'Deployer (AssumedRole) · session ci-42');
    assert.equal(formatPrincipal({ key: 'k', label: 'alice', type: 'IAMUser' }), 'alice (IAMUser)');
    assert.equal(formatPrincipal({ key: 'k', label: 'AWS Internal', type: 'Missing' }), 'AWS Internal');
  });

  it('gives a plain-text tooltip with the key fields', () => {
    const text = eventTooltipText(event, now);
    assert.match(text, /^Event: DeleteBucket$/m);
    assert.match(text, /^Time: 2026-06-15 09:00:00 UTC \(3 h ago\)$/m);
    assert.match(text, /^Service: S3 \(s3\.amazonaws\.com\)$/m);
    assert.match(text, /^Principal: Deployer \(AssumedRole\) · session ci-42$/m);
    assert.match(text, /^Error: AccessDenied: not allowed$/m);
    assert.match(text, /^Resources: arn:aws:s3:::logs$/m);
    assert.match(text, /^Source IP: 203\.0\.113\.9$/m);
  });

  it('renders a Markdown tooltip as a table', () => {
    const html = md.render(eventTooltipMarkdown(event, now));
    assert.match(html, /<strong>DeleteBucket<\/strong>/);
    assert.match(html, /<td>Error<\/td>\s*<td>AccessDenied: not allowed<\/td>/);
    assert.equal((html.match(/<tr>/g) ?? []).length, 11);
  });

  it('labels groups with counts (and principal types) and describes them', () => {
    const [group] = groupEvents([event, buildEvent({ id: 'e2', time: now - 5 * 24 * 60 * MIN, service: event.service })], 'service');
    assert.ok(group);
    assert.equal(groupLabel(group), 'S3 · 2');
    assert.equal(groupDescription(group, now), 'latest 3 h ago');
    assert.match(groupTooltipText(group, now), /^Service: S3\nKey: s3\.amazonaws\.com\n2 events\nLatest: 2026-06-15 09:00:00 UTC \(3 h ago\)\nEarliest: 2026-06-10 12:00:00 UTC$/);
    const [byPrincipal] = groupEvents([buildEvent()], 'principal');
    assert.ok(byPrincipal);
    assert.equal(groupLabel(byPrincipal), 'alice (IAMUser) · 1');
  });
});

describe('core/presentation Markdown escaping of hostile fields', () => {
  const hostile = [
    '[click me](command:workbench.action.terminal.new)',
    '![img](https://evil.example/x.png)',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    'https://evil.example/phish',
    'www.evil.example',
    '**bold** _em_ `code` ~~strike~~',
    '# heading',
    '| a | b |\n|---|---|\n| c | d |',
    'line1\nline2\r\n\n> quote',
    '\\[escaped\\](x)',
    '&lt;b&gt;entity&lt;/b&gt; &amp;',
    '\u202Egnp.exe',
  ];

  for (const value of hostile) {
    it(`renders ${JSON.stringify(value).slice(0, 40)} literally`, () => {
      const event = buildEvent({ name: value, userAgent: value, errorCode: value, principal: { label: value, sessionLabel: value }, resources: [{ name: value }] });
      const html = md.render(eventTooltipMarkdown(event, now));
      assert.doesNotMatch(html, /<a |<img|<script|<em>|<code>|<s>|<h1>|<blockquote>/, html);
      assert.equal((html.match(/<strong>/g) ?? []).length, 1, 'only the title is bold');
      // Exactly the tooltip's own table: hostile pipes or newlines never add rows or columns.
      const rows = html.match(/<tr>/g) ?? [];
      assert.ok(rows.length >= 8 && rows.length <= 12, `${rows.length} rows`);
      assert.ok(!/<td>[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td>/.test(html), 'no third column');
      const literal = value.replace(/[\u202A-\u202E]/g, '').replace(/\s*[\r\n]+\s*/g, ' ');
      const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      assert.ok(text.includes(literal), `shows ${JSON.stringify(literal)} in ${text}`);
    });
  }

  it('escapes every ASCII punctuation character and strips bidi/control characters', () => {
    assert.equal(escapeMarkdown('a*b_c[d](e)<f>'), 'a\\*b\\_c\\[d\\]\\(e\\)\\<f\\>');
    assert.equal(escapeMarkdown('x\u0000\u202Ey'), 'xy');
  });

  it('cuts very long fields', () => {
    const event = buildEvent({ userAgent: 'A'.repeat(10_000) });
    const tooltip = eventTooltipMarkdown(event, now);
    assert.ok(tooltip.length < 2_000, `${tooltip.length}`);
    assert.match(tooltip, /A…/);
  });
});
