import * as assert from 'node:assert/strict';
import {
  escapeMarkdown,
  eventAccessibilityLabel,
  eventDescription,
  eventTooltipMarkdown,
  formatEventTime,
  formatPrincipal,
  formatRelativeTime,
  formatRelativeWords,
  groupLabel,
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

describe('core/presentation event panel words', () => {
  it('formats UTC and relative times in words', () => {
    assert.equal(formatEventTime(Date.parse('2026-11-20T09:15:03Z')), '2026-11-20 09:15:03 UTC');
    assert.equal(formatEventTime(Number.NaN), 'unknown time');
    assert.equal(formatRelativeWords(now - 10_000, now), 'just now');
    assert.equal(formatRelativeWords(now - 5 * 60_000, now), '5 minutes ago');
    assert.equal(formatRelativeWords(now - 60 * 60_000, now), '1 hour ago');
    assert.equal(formatRelativeWords(now - 3 * 86_400_000, now), '3 days ago');
    assert.equal(formatRelativeWords(now + 4 * 60_000, now), 'in 4 minutes');
  });

  it('formats principals with type and session', () => {
    const principal = { key: 'arn:aws:iam::1:role/Deployer', label: 'Deployer', type: 'AssumedRole', sessionLabel: 'ci-42' } as const;
    assert.equal(formatPrincipal(principal), 'Deployer (AssumedRole) · session ci-42');
    assert.equal(formatPrincipal({ key: 'k', label: 'alice', type: 'IAMUser' }), 'alice (IAMUser)');
    assert.equal(formatPrincipal({ key: 'k', label: 'AWS Internal', type: 'Missing' }), 'AWS Internal');
  });
});

describe('core/presentation events and groups (the trees\' words)', () => {
  const now = Date.UTC(2026, 0, 2, 12, 0, 0);
  const ago = (ms: number): number => now - ms;
  it('puts the count on group labels, with the identity type for principals', () => {
    const events = [buildEvent()];
    assert.equal(groupLabel({ dimension: 'service', label: 'S3', count: 12, events }), 'S3 · 12');
    assert.equal(groupLabel({ dimension: 'principal', label: 'alice', count: 1, events }), 'alice (IAMUser) · 1');
    assert.equal(groupLabel({ dimension: 'eventName', label: 'PutObject', count: 3, events }), 'PutObject · 3');
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

  it('escapes every ASCII punctuation character and shows bidi/control characters as code points', () => {
    assert.equal(escapeMarkdown('a*b_c[d](e)<f>'), 'a\\*b\\_c\\[d\\]\\(e\\)\\<f\\>');
    assert.equal(escapeMarkdown('x\u0000\u202Ey'), 'x\\[U\\+0000\\]\\[U\\+202E\\]y');
  });

  it('cuts very long fields', () => {
    const event = buildEvent({ userAgent: 'A'.repeat(10_000) });
    const tooltip = eventTooltipMarkdown(event, now);
    assert.ok(tooltip.length < 2_000, `${tooltip.length}`);
    assert.match(tooltip, /A…/);
  });
});
