import * as assert from 'node:assert/strict';
import type { TimelineModel } from '../../../../src/core/timelineModel';
import {
  parseTimelineHostMessage,
  parseTimelineMessage,
  parseTimelineModel,
  parseTimelineState,
  TIMELINE_STATE_VERSION,
  type TimelineToHost,
} from '../../../../src/features/lookups/timeline/protocol';
import { renderTimelineHtml } from '../../../../src/features/lookups/timeline/timelineHtml';
import { createDocument, loadBundled, type HappyElement } from '../eventPanel/clientModule';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

const model: TimelineModel = {
  title: `Who changed ${HOSTILE}`,
  headline: `Last changed by ${HOSTILE}`,
  summary: '2 events · 1 error · in eu-west-1',
  plan: 'ResourceName = x on the server',
  interval: '1 min',
  bars: [
    { label: '2026-01-02 03:04Z', total: 2, errors: 1 },
    { label: '2026-01-02 03:05Z', total: 0, errors: 0 },
  ],
  maxTotal: 2,
  range: { start: '2026-01-02 03:04Z', end: '2026-01-02 03:05Z' },
  events: [
    { id: 'e1', time: '2026-01-02 03:04:05Z', name: HOSTILE, principal: 'alice (IAMUser)', region: 'eu-west-1', error: 'AccessDenied' },
    { id: 'e2', time: '2026-01-02 03:04:01Z', name: 'PutObject', principal: 'bob (IAMUser)', region: 'eu-west-1' },
  ],
  moreEvents: 0,
};

interface TimelineClient {
  readonly renderTimeline: (doc: unknown, model: TimelineModel, post: (message: TimelineToHost) => void) => unknown;
}

describe('features/lookups/timeline: the results timeline panel', () => {
  it('has a strict CSP, one bundled nonce-tagged script and no result data in its HTML', () => {
    const html = renderTimelineHtml({ cspSource: 'vscode-webview://x', nonce: 'abc123', scriptUri: 'vscode-webview://x/dist/webview/timeline.js', styleUris: ['vscode-webview://x/timeline.css'] });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src vscode-webview:\/\/x;[^"]*script-src 'nonce-abc123';">/);
    const scripts = html.match(/<script[^>]*>[^<]*<\/script>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="abc123" src="vscode-webview://x/dist/webview/timeline.js"></script>'], 'no inline script');
    assert.ok(!html.includes('style="'), 'no inline style attributes (blocked by the CSP)');
    assert.ok(!html.includes('unsafe-inline'));
  });

  it('accepts only well-formed messages from the webview, as fresh objects', () => {
    assert.deepEqual(parseTimelineMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseTimelineMessage({ type: 'openEvent', id: 'e1', command: 'x' }), { type: 'openEvent', id: 'e1' });
    for (const bad of [null, 'ready', { type: 'openEvent' }, { type: 'openEvent', id: 7 }, { type: 'openEvent', id: '' }, { type: 'openEvent', id: 'x'.repeat(201) }, { type: 'runCommand', id: 'e1' }]) {
      assert.equal(parseTimelineMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('restores only a saved state of this version with a well-formed model', () => {
    const state = { version: TIMELINE_STATE_VERSION, model };
    assert.deepEqual(parseTimelineState(JSON.parse(JSON.stringify(state))), state);
    assert.equal(parseTimelineState({ version: 2, model }), undefined);
    assert.equal(parseTimelineState({ version: TIMELINE_STATE_VERSION }), undefined);
    assert.equal(parseTimelineState({ version: TIMELINE_STATE_VERSION, model: { ...model, bars: [{ label: 'x', total: -1, errors: 0 }] } }), undefined);
    assert.equal(parseTimelineState({ version: TIMELINE_STATE_VERSION, model: { ...model, events: [{ ...model.events[0], id: 3 }] } }), undefined);
    assert.equal(parseTimelineModel({ ...model, title: { toString: 'x' } }), undefined);
    assert.equal(parseTimelineHostMessage({ type: 'show', model, state: { version: 0, model } }), undefined);
    assert.deepEqual(parseTimelineHostMessage({ type: 'show', model, state }), { type: 'show', model, state });
  });

  it('renders result data as inert text and asks the host to open a row by id (click or Enter)', async () => {
    const { renderTimeline } = loadBundled('src/features/lookups/timeline/client/renderTimeline.ts') as TimelineClient;
    const { document, window } = await createDocument();
    try {
      const posted: TimelineToHost[] = [];
      const root = document.createElement('main') as HappyElement & { appendChild(n: unknown): unknown };
      root.appendChild(renderTimeline(document, model, (m) => posted.push(m)));
      assert.equal(root.querySelectorAll('img').length, 0);
      assert.equal(root.querySelectorAll('script').length, 0);
      assert.equal(root.querySelector('h1')?.textContent, model.title);
      assert.equal(root.querySelector('.headline')?.textContent, model.headline);
      assert.equal(root.querySelectorAll('.bar').length, 2);
      const rows = Array.from(root.querySelectorAll('tr[data-event-id]'));
      assert.equal(rows.length, 2, 'two event rows');
      const [failed, ok] = rows as [HappyElement, HappyElement];
      assert.equal(failed.querySelector('.name')?.textContent, HOSTILE);
      assert.equal(failed.getAttribute('class'), 'failed');
      failed.click();
      ok.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter' }));
      assert.deepEqual(posted, [{ type: 'openEvent', id: 'e1' }, { type: 'openEvent', id: 'e2' }]);
    } finally {
      await window.close();
    }
  });
});
