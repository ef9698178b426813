import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_MAX_LENGTH,
  escapeCodicons,
  inputMessageText,
  logText,
  markdownText,
  notificationText,
  plainText,
  progressText,
  quickPickText,
  safeMarkdown,
  safeMessage,
  safeProgress,
  safeQuickPick,
  statusBarText,
  titleText,
  visibleText,
} from '../../../src/core/safeText';
import { hostileStrings } from '../../../tools/hostile/payloads';
import { htmlText, notificationLinks, renderIcons, renderMarkdownHtml, tagNames } from './renderOracles';

// The checked-in corpus (test/fixtures/hostile/strings.json) plus the generator's full-size strings.
const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/hostile/strings.json'), 'utf8')) as Record<string, string>;
const corpus: [string, string][] = [
  ...Object.entries(fixture),
  ...Object.entries(hostileStrings('http://127.0.0.1:41234/listener')).map(([k, v]): [string, string] => [`${k} (full size)`, v]),
];

// Anything that renders invisibly or reorders text, or breaks a line.
const INVISIBLE_OR_BREAK = /[\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\u2028\u2029]/u;

function codePoints(text: string): number {
  return Array.from(text).length;
}

describe('core/safeText visibleText', () => {
  it('shows bidi controls, zero-width and control characters as code points', () => {
    assert.equal(visibleText('invoice\u202Efdp.exe'), 'invoice[U+202E]fdp.exe');
    assert.equal(visibleText('\u2066admin\u2069'), '[U+2066]admin[U+2069]');
    assert.equal(visibleText('ad\u200Bmin\uFEFF'), 'ad[U+200B]min[U+FEFF]');
    assert.equal(visibleText('esc\u001B[31m nul\u0000 c1\u009B'), 'esc[U+001B][31m nul[U+0000] c1[U+009B]');
    assert.equal(visibleText('tag\u{E0041}'), 'tag[U+E0041]');
    assert.equal(visibleText('x\u3164y'), 'x[U+3164]y');
    assert.equal(visibleText('broken\uD800'), 'broken\uFFFD');
  });

  it('puts everything on one line unless asked for several', () => {
    assert.equal(visibleText('a\nb\r\nc\rd\u2028e\u0085f\tg'), 'a⏎b⏎c⏎d⏎e⏎f g');
    assert.equal(visibleText('a\nb\r\nc\u2029d', { multiline: true }), 'a\nb\nc\nd');
  });

  it('cuts at the cap in characters, never inside a surrogate pair or a marker', () => {
    assert.equal(visibleText('abcdef', { maxLength: 4 }), 'abc…');
    assert.equal(visibleText('abcd', { maxLength: 4 }), 'abcd');
    assert.equal(visibleText('😀😀😀😀😀', { maxLength: 3 }), '😀😀…');
    assert.equal(visibleText('ab\u202Ecd', { maxLength: 4 }), 'ab[U+202E]…');
    assert.equal(codePoints(visibleText('A'.repeat(100 * 1024))), DEFAULT_MAX_LENGTH.plain);
    assert.equal(visibleText(42), '42');
  });
});

describe('core/safeText oracles', () => {
  it('see the attacks in the raw strings (so the checks below can fail)', () => {
    const raw = Object.values(fixture);
    assert.ok(raw.some((v) => notificationLinks(v).some((link) => link.startsWith('command:'))), 'a raw command link');
    assert.ok(raw.some((v) => renderIcons(v).icons.length > 0), 'a raw codicon');
    const html = raw.map((v) => renderMarkdownHtml(v)).join('');
    for (const tag of ['a', 'img', 'strong', 'em', 'code', 'h1', 'blockquote', 'table', 'script']) assert.ok(tagNames(html).includes(tag), tag);
    assert.ok(raw.some((v) => INVISIBLE_OR_BREAK.test(v)), 'raw invisible characters');
  });
});

describe('core/safeText on every hostile string', () => {
  for (const [name, value] of corpus) {
    it(`${name}: no link, icon, image, HTML or invisible character on any surface`, () => {
      const notification = notificationText(value);
      assert.deepEqual(notificationLinks(notification), [], notification);
      assert.deepEqual(notificationLinks(safeMessage`Last changed by ${value} (${value})`), []);
      assert.ok(!INVISIBLE_OR_BREAK.test(notification), 'notification shows every character');
      assert.ok(codePoints(notification) <= DEFAULT_MAX_LENGTH.notification + 40, 'notification is capped');

      for (const [surface, escape] of [['quick pick', quickPickText], ['status bar', statusBarText]] as const) {
        const text = escape(value);
        const rendered = renderIcons(text);
        assert.deepEqual(rendered.icons, [], `${surface}: ${text}`);
        assert.equal(rendered.shown, visibleText(value, { maxLength: surface === 'quick pick' ? DEFAULT_MAX_LENGTH.quickPick : DEFAULT_MAX_LENGTH.statusBar }), `${surface} shows the text as it is`);
        assert.ok(!INVISIBLE_OR_BREAK.test(text));
      }

      for (const text of [progressText(value), inputMessageText(value), safeProgress`Reading ${value}`]) {
        assert.deepEqual(notificationLinks(text), []);
        assert.deepEqual(renderIcons(text).icons, []);
      }

      for (const text of [plainText(value), titleText(value), logText(value)]) assert.ok(!INVISIBLE_OR_BREAK.test(text), text);
      assert.ok(codePoints(titleText(value)) <= DEFAULT_MAX_LENGTH.title);
      assert.ok(!INVISIBLE_OR_BREAK.test(plainText(value, { multiline: true }).replace(/\n/g, '')));

      for (const multiline of [false, true]) {
        const html = renderMarkdownHtml(markdownText(value, { multiline }));
        const unexpected = tagNames(html).filter((tag) => tag !== 'p' && tag !== 'br');
        assert.deepEqual(unexpected, [], html.slice(0, 300));
        const expected = visibleText(value, { multiline, maxLength: DEFAULT_MAX_LENGTH.markdown })
          .split('\n')
          .map((line) => (line === '' ? '\u00A0' : line.replace(/\t/g, '    ')))
          .join('\n');
        assert.equal(htmlText(html).replace(/\u00A0/g, ' '), expected.replace(/\u00A0/g, ' '), 'the hover shows exactly the text');
      }
    });
  }
});

describe('core/safeText surfaces and templates', () => {
  it('escapes codicons so they display as written', () => {
    assert.equal(escapeCodicons('$(check) ok'), '\\$(check) ok');
    assert.equal(renderIcons(escapeCodicons('\\$(check)')).shown, '\\$(check)');
    assert.equal(renderIcons(escapeCodicons('$(sync~spin) $(not an icon)')).shown, '$(sync~spin) $(not an icon)');
  });

  it('breaks links in notifications, also across a value and the template', () => {
    assert.equal(notificationText('[x](command:a)'), '[x] (command:a)');
    assert.deepEqual(notificationLinks(safeMessage`See [${'docs'}](https://example.com)`), [], 'notifications carry no links, not even from the template');
    assert.deepEqual(notificationLinks(safeMessage`${'[a]'}(command:workbench.action.terminal.new)`), []);
    assert.equal(safeMessage`Profile ${'prod'} has ${3} regions`, 'Profile prod has 3 regions');
  });

  it('keeps the Markdown of the template and escapes the values', () => {
    const value = safeMarkdown`**Last changed by** ${'[mallory](command:x) *now*'}`;
    const html = renderMarkdownHtml(value);
    assert.deepEqual(tagNames(html), ['p', 'strong']);
    assert.equal(htmlText(html), 'Last changed by [mallory](command:x) *now*');
  });

  it('keeps each quick-pick value on one line and capped, whatever the template', () => {
    const label = safeQuickPick`$(account) ${'x\n$(alert)'.repeat(100)}`;
    assert.deepEqual(renderIcons(label).icons, ['account'], 'only the template icon');
    assert.ok(!label.includes('\n'));
  });

  it('redacts secrets in log values', () => {
    assert.equal(logText('key AKIAIOSFODNN7EXAMPLE\nnext'), 'key AKIA************MPLE⏎next');
  });

  it('takes a custom cap per call', () => {
    assert.equal(notificationText('abcdef', { maxLength: 3 }), 'ab…');
    assert.equal(markdownText('a.b', { maxLength: 2 }), 'a…');
  });
});
