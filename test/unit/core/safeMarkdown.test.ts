import * as assert from 'node:assert/strict';
import { commandLink, joinMarkdown, markdownDocument, type JsonValue } from '../../../src/core/safeMarkdown';
import { markdownText, safeMarkdown } from '../../../src/core/safeText';
import { hostileStrings } from '../../../tools/hostile/payloads';
import { htmlText, renderMarkdownHtml, tagNames } from './renderOracles';

const WHO = 'cloudtrailInvestigator.whoChanged';
const ALLOWED = [WHO];

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/** The arguments VS Code passes to a command link's command (it JSON-parses the decoded query). */
function argsOf(href: string): unknown {
  const query = href.slice(href.indexOf('?') + 1);
  return JSON.parse(decodeURIComponent(query)) as unknown;
}

describe('core/safeMarkdown command links', () => {
  it('builds one link to an allowed command that trusts that command only', () => {
    const arn = 'arn:aws:iam::111122223333:role/Deploy';
    const link = commandLink({ label: 'Who changed this?', command: WHO, args: [arn] }, ALLOWED);
    assert.ok(link.ok);
    assert.deepEqual(link.markdown.isTrusted, { enabledCommands: [WHO] });
    assert.equal(link.markdown.supportHtml, false);
    assert.equal(link.markdown.supportThemeIcons, false);
    const html = renderMarkdownHtml(link.markdown.value);
    assert.deepEqual(hrefs(html).map((h) => h.slice(0, h.indexOf('?'))), [`command:${WHO}`]);
    assert.deepEqual(argsOf(hrefs(html)[0]), [arn]);
    assert.equal(htmlText(html), 'Who changed this?');
  });

  it('carries hostile arguments intact and inert: still exactly one link, to the same command', () => {
    for (const value of Object.values(hostileStrings()).map((v) => v.slice(0, 2000))) {
      const args: JsonValue[] = [`arn:aws:s3:::${value}`, { nested: value }];
      const link = commandLink({ label: value, command: WHO, args, title: value }, ALLOWED);
      assert.ok(link.ok);
      const html = renderMarkdownHtml(link.markdown.value);
      assert.equal(hrefs(html).length, 1, html.slice(0, 300));
      assert.ok(hrefs(html)[0].startsWith(`command:${WHO}?`));
      assert.deepEqual(argsOf(hrefs(html)[0]), args);
      assert.deepEqual(tagNames(html).filter((t) => t !== 'p' && t !== 'a'), []);
    }
  });

  it('refuses commands that are not allowed or not ids, and arguments that are not JSON', () => {
    assert.deepEqual(commandLink({ label: 'x', command: 'workbench.action.terminal.new' }, ALLOWED), { ok: false, reason: 'command workbench.action.terminal.new is not allowed in links' });
    assert.equal(commandLink({ label: 'x', command: 'a.b) [y](command:z' }, ['a.b) [y](command:z']).ok, false);
    const bad: unknown[] = [undefined, () => 1, Number.NaN, Infinity, new Date(0), new Map(), Symbol('s'), 1n];
    for (const arg of bad) assert.equal(commandLink({ label: 'x', command: WHO, args: [arg as JsonValue] }, ALLOWED).ok, false, String(arg));
    assert.equal(commandLink({ label: 'x', command: WHO, args: [{ a: [undefined as unknown as JsonValue] }] }, ALLOWED).ok, false);
  });

  it('joins escaped text and links, trusting exactly the union of their commands', () => {
    const link = commandLink({ label: 'Who changed this?', command: WHO, args: ['arn:aws:s3:::b'] }, ALLOWED);
    assert.ok(link.ok);
    const doc = joinMarkdown([safeMarkdown`**${'[x](command:evil)'}**`, link.markdown, link.markdown], ' · ');
    assert.deepEqual(doc.isTrusted, { enabledCommands: [WHO] });
    const html = renderMarkdownHtml(doc.value);
    assert.equal(hrefs(html).length, 2);
    assert.ok(hrefs(html).every((h) => h.startsWith(`command:${WHO}?`)));
    assert.equal(joinMarkdown([markdownText('plain')]).isTrusted, false);
    assert.deepEqual(markdownDocument(markdownText('x')), { value: 'x', isTrusted: false, supportHtml: false, supportThemeIcons: false });
  });
});
