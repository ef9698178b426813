import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createNonce, webviewCsp as eventDetailsCsp } from '../../../../src/host/webview/html';
import { renderEventDetailsHtml } from '../../../../src/features/eventPanel/eventPanelHtml';
import { createDocument } from './clientModule';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/eventDetails.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview/eventDetails.css'],
};

interface Node {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
}

async function parse(html: string): Promise<{ all(selector: string): Node[]; close(): Promise<void> }> {
  const dom = await createDocument();
  const doc = dom.document as unknown as { write(html: string): void; querySelectorAll(s: string): ArrayLike<Node> };
  doc.write(html);
  return { all: (selector) => Array.from(doc.querySelectorAll(selector)), close: () => dom.window.close() };
}

describe('webview: the HTML shell', () => {
  it('declares the strict CSP: nothing by default, styles and fonts from the webview, scripts only with the nonce', async () => {
    const html = renderEventDetailsHtml(parts);
    const dom = await parse(html);
    const metas = dom.all('meta[http-equiv="Content-Security-Policy"]');
    assert.equal(metas.length, 1);
    const csp = metas[0].getAttribute('content');
    assert.equal(
      csp,
      `default-src 'none'; style-src ${parts.cspSource}; font-src ${parts.cspSource}; img-src ${parts.cspSource} data:; script-src 'nonce-${parts.nonce}';`,
    );
    assert.equal(csp, eventDetailsCsp(parts.cspSource, parts.nonce));
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    await dom.close();
  });

  it('puts the nonce on every script, and no script has inline code', async () => {
    const dom = await parse(renderEventDetailsHtml(parts));
    const scripts = dom.all('script');
    assert.ok(scripts.length >= 1);
    for (const script of scripts) {
      assert.equal(script.getAttribute('nonce'), parts.nonce);
      assert.equal(script.textContent, '');
      assert.ok(script.getAttribute('src'));
    }
    assert.equal((renderEventDetailsHtml(parts).match(/<script\b/g) ?? []).length, scripts.length);
    await dom.close();
  });

  it('has no inline styles or event handlers and loads only the given stylesheets', async () => {
    const html = renderEventDetailsHtml(parts);
    const dom = await parse(html);
    for (const node of dom.all('*')) {
      for (const attr of Array.from(node.attributes)) {
        assert.ok(!attr.name.startsWith('on'), `handler attribute ${attr.name}`);
        assert.notEqual(attr.name, 'style');
      }
    }
    assert.equal(dom.all('style').length, 0);
    assert.deepEqual(dom.all('link[rel="stylesheet"]').map((l) => l.getAttribute('href')), parts.styleUris);
    assert.equal(dom.all('main#app').length, 1);
    await dom.close();
  });

  it('contains no event data: the shell takes none, and the panel never interpolates an event into it', () => {
    assert.equal(renderEventDetailsHtml.length, 1);
    const html = renderEventDetailsHtml(parts);
    for (const fragment of ['eventName', 'userAgent', 'requestParameters', 'arn:aws', 'errorMessage', 'eventID']) assert.ok(!html.includes(fragment), fragment);
    // The panel builds its HTML from URIs and the nonce only.
    const panelSource = fs.readFileSync(path.resolve(__dirname, '../../../../../src/features/eventPanel/eventPanel.ts'), 'utf8');
    const call = /renderEventDetailsHtml\(\{([\s\S]*?)\}\)/.exec(panelSource);
    assert.ok(call, 'eventPanel.ts calls renderEventDetailsHtml');
    assert.ok(!/\bthis\.event\b|\bevent\.|\bview\b|\braw\b/.test(call[1]), `the shell is given no event data: ${call[1]}`);
  });

  it('escapes attribute values', () => {
    const html = renderEventDetailsHtml({ ...parts, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.ok(!html.includes('"><script>alert(1)'));
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });
});
