// Issue 17.8 in the panel the user reads (the real timeline client against happy-dom): an empty
// result says what was searched instead of a blank chart; counts follow Load more; narrow editor
// groups wrap whole words (the stylesheet never breaks words anywhere).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TrailEvent } from '../../../../src/core/model';
import type { EventQuery, QueryResult } from '../../../../src/core/query';
import { buildTimelineModel, type TimelineModel } from '../../../../src/core/timelineModel';
import { parseTimelineHostMessage, type TimelineToHost } from '../../../../src/features/lookups/timeline/protocol';
import { ResultsStore } from '../../../../src/features/lookups/results/resultsStore';
import { buildEvent } from '../../core/fixtures';
import { createDocument, loadBundled, type HappyElement } from '../eventPanel/clientModule';

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const query: EventQuery = { regions: ['us-east-1'], filters: [{ key: 'Username', value: 'mallory' }], start: T0 - 7 * 24 * 3_600_000, end: T0, includeReadOnly: true, maxEvents: 1000 };

function resultOf(events: readonly TrailEvent[], more?: QueryResult['loadMore']): QueryResult {
  return {
    query,
    events,
    errors: [],
    plan: { server: { key: 'Username', value: 'mallory' }, local: [] },
    stats: { events: events.length, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 1 },
    cancelled: false,
    regionErrors: [],
    ...(more ? { loadMore: more } : {}),
  };
}

interface TimelineClient {
  readonly renderTimeline: (doc: unknown, model: TimelineModel, post: (message: TimelineToHost) => void) => { readonly childNodes: ArrayLike<HappyElement> };
}

async function rendered(model: TimelineModel): Promise<{ root: HappyElement; close: () => Promise<void> }> {
  const dom = await createDocument();
  const client = loadBundled('src/features/lookups/timeline/client/renderTimeline.ts') as TimelineClient;
  const delivered = parseTimelineHostMessage(structuredClone({ type: 'show', model, state: { version: 1, model } }));
  assert.ok(delivered, 'the client accepts the model');
  const fragment = client.renderTimeline(dom.document, delivered.model, () => undefined);
  const root = dom.document.createElement('main') as HappyElement & { appendChild(node: unknown): unknown };
  root.appendChild(fragment);
  return { root, close: () => dom.window.close() };
}

describe('timeline polish (issue 17.8)', () => {
  it('says what was searched when nothing matched, instead of drawing an empty chart', async () => {
    const model = buildTimelineModel({ title: 'Username = mallory', query, result: resultOf([]), events: [] });
    const { root, close } = await rendered(model);
    try {
      assert.equal(root.querySelector('.chart'), null, 'no empty chart');
      assert.equal(root.querySelector('table'), null);
      assert.equal(root.querySelector('.empty')?.textContent, 'No events matched. Scanned 7 days of us-east-1 for Username=mallory, from 2026-11-14 12:00Z to 2026-11-21 12:00Z.');
    } finally {
      await close();
    }
  });

  it('keeps the count in step after Load more: the store\'s grown set gives 1,523, not 1,000', async () => {
    const page = (from: number, n: number): TrailEvent[] => Array.from({ length: n }, (_, i) => buildEvent({ id: `e${from + i}`, time: T0 - (from + i) * 1000 }));
    const store = new ResultsStore();
    const id = store.add({ title: 'Username = mallory', query, result: resultOf(page(0, 1000), () => Promise.resolve(resultOf(page(1000, 523)))) });
    const before = store.get(id);
    assert.ok(before);
    assert.match(buildTimelineModel(before).summary, /^1,000 events/);
    await store.loadMore(id);
    const after = store.get(id);
    assert.ok(after && after !== before, 'Load more gives a new version of the set (what the panel follows)');
    const model = buildTimelineModel(after);
    assert.match(model.summary, /^1,523 events/);
    const { root, close } = await rendered(model);
    try {
      assert.match(root.querySelector('.summary')?.textContent ?? '', /^1,523 events/);
      assert.equal(root.querySelector('.chart')?.querySelectorAll('.bar').length, model.bars.length);
    } finally {
      await close();
    }
  });

  it('wraps whole words in narrow editor groups: no rule breaks words anywhere, the table scrolls instead', () => {
    const css = fs.readFileSync(path.resolve(__dirname, '../../../../../media/webview/timeline.css'), 'utf8');
    assert.doesNotMatch(css, /overflow-wrap:\s*anywhere|word-break:\s*break-all|hyphens:\s*auto/);
    assert.match(css, /table\.events td \{[^}]*overflow-wrap: break-word[^}]*\}/);
    assert.match(css, /\.table-scroll \{ overflow-x: auto; \}/);
  });
});
