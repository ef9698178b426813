// Issue 13 in the tier the user sees it (the panel's DOM, rendered by the real client bundle against
// happy-dom, from the view the host builds): a 3 MB event arrives shortened with size badges and
// "Show all", the host answers "Show all" with the whole value, deep and wide records render, and
// odd record shapes never leave the panel on "Loading event…".
import * as assert from 'node:assert/strict';
import { normalizeRecord } from '../../../../src/core/event';
import type { TrailEvent } from '../../../../src/core/model';
import { buildEventView } from '../../../../src/features/eventPanel/eventView';
import { parseFullValueMessage, parseHostMessage, parsePanelState, parseWebviewMessage, type EventView, type WebviewToHost } from '../../../../src/features/eventPanel/protocol';
import { clipRecord, fullValueText, PANEL_CLIP_LIMITS, stateEvent } from '../../../../src/features/eventPanel/recordClip';
import { asTrailEvent } from '../../../../src/host/eventArgument';
import { deepRecord, HUGE_FIELD_COUNT, HUGE_FIELD_LENGTH, hugeRecord, wideRecord } from '../../../support/hugeEvents';
import { createDocument, loadBundled, type HappyElement, type TestDocument } from './clientModule';

interface Client {
  renderEventDetails(doc: unknown, view: EventView, post: (message: WebviewToHost) => void): HappyElement;
  showFullValue(doc: unknown, path: readonly (string | number)[], text: string): boolean;
}

let client: Client | undefined;
function loadClient(): Client {
  client ??= loadBundled('src/features/eventPanel/client/renderEventDetails.ts') as Client;
  return client;
}

const NOW = Date.parse('2026-11-21T12:00:00Z');

function eventOf(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) throw new Error(result.error.error);
  return result.event;
}

/** The view as it reaches the webview: through the structured clone postMessage does, then the client's parser. */
function delivered(event: TrailEvent): EventView {
  const view = buildEventView(event, { now: NOW });
  const message = parseHostMessage(structuredClone({ type: 'showEvent', view, state: { version: 1, eventId: event.id, event: stateEvent(event, clipRecord(event.raw)) } }));
  assert.ok(message, 'the client accepts the message');
  return message.view;
}

describe('event panel: huge and odd events (issue 13)', () => {
  let dom: TestDocument;
  let posted: WebviewToHost[];
  const post = (message: WebviewToHost): void => {
    posted.push(message);
  };
  const render = (view: EventView): HappyElement => {
    const root = loadClient().renderEventDetails(dom.document, view, post);
    dom.document.body.appendChild(root);
    return root;
  };

  beforeEach(async () => {
    dom = await createDocument();
    posted = [];
  });
  afterEach(async () => {
    await dom.window.close();
  });

  it('shows a 3 MB event shortened, with a size badge and "Show all" on each long value, and says so above the JSON', () => {
    const event = eventOf(hugeRecord());
    const view = delivered(event);
    const sent = JSON.stringify(view).length;
    assert.ok(sent < 200_000, `the view crossing postMessage is small (${sent} characters for a ${JSON.stringify(event.raw).length}-character record)`);
    const root = render(view);
    const clipped = root.querySelectorAll('.json-clipped');
    assert.equal(clipped.length, HUGE_FIELD_COUNT);
    const first = root.querySelector('.json-row[data-path="$.requestParameters.userData0"]');
    assert.ok(first);
    assert.equal(first.querySelector('.json-size')?.textContent, '100.0 KB');
    assert.equal(first.querySelector('.json-show-all')?.textContent, 'Show all');
    const shown = first.querySelector('.json-value')?.textContent ?? '';
    assert.ok(shown.startsWith('"FIELD0:') && shown.endsWith('…"') && shown.length < PANEL_CLIP_LIMITS.maxStringLength + 10, 'the value is cut');
    assert.match(root.querySelector('.clip-note')?.textContent ?? '', /^30 long values shortened \(record 2\.9 MB\): "Show all" fetches one/);
    assert.ok((root.textContent ?? '').length < 200_000, 'the DOM holds the shortened record only');
  });

  it('"Show all" asks the host for the value, and the host\'s answer replaces the row with the whole value', () => {
    const event = eventOf(hugeRecord());
    const root = render(delivered(event));
    const row = root.querySelector('.json-row[data-path="$.requestParameters.userData7"]');
    assert.ok(row);
    row.querySelector('.json-show-all')!.click();
    assert.deepEqual(posted, [{ type: 'showAll', path: ['requestParameters', 'userData7'] }]);
    // The host validates the message and answers from the record it holds.
    const request = parseWebviewMessage(structuredClone(posted[0]));
    assert.ok(request?.type === 'showAll');
    const text = fullValueText(event.raw, request.path);
    assert.equal(text?.length, HUGE_FIELD_LENGTH);
    const answer = parseFullValueMessage(structuredClone({ type: 'fullValue', path: request.path, text }));
    assert.ok(answer);
    assert.equal(loadClient().showFullValue(dom.document, answer.path, answer.text), true);
    assert.equal(row.querySelector('.json-value')?.textContent, JSON.stringify(text));
    assert.equal(row.querySelector('.json-show-all'), null, 'the button is gone');
    assert.ok(root.querySelector('.json-row[data-path="$.requestParameters.userData8"] .json-show-all'), 'the other values stay shortened');
  });

  it('copies a shortened value, and an object holding one, whole through the host', () => {
    const event = eventOf(hugeRecord());
    const root = render(delivered(event));
    root.querySelector('.json-row[data-path="$.requestParameters.userData3"] [data-copy="value"]')!.click();
    root.querySelector('details[data-path="$.requestParameters"] > summary [data-copy="value"]')!.click();
    root.querySelector('.json-row[data-path="$.eventName"] [data-copy="value"]')!.click();
    assert.deepEqual(posted, [
      { type: 'copyValue', path: ['requestParameters', 'userData3'] },
      { type: 'copyValue', path: ['requestParameters'] },
      { type: 'copy', text: 'RunInstances' },
    ]);
    assert.equal(fullValueText(event.raw, ['requestParameters', 'userData3'])?.length, HUGE_FIELD_LENGTH);
    assert.deepEqual(JSON.parse(fullValueText(event.raw, ['requestParameters']) ?? ''), event.raw.requestParameters);
  });

  it('renders a record nested 10,000 levels deep, folds the depth, and "Show all" gives the folded part as JSON', () => {
    const event = eventOf(deepRecord());
    const view = delivered(event);
    const root = render(view);
    const folded = root.querySelector('.json-clipped[data-clip-kind="deep"]');
    assert.ok(folded, 'the folded part is marked');
    assert.equal(folded.querySelector('.json-size')?.textContent, '1 entry');
    assert.match(root.querySelector('.clip-note')?.textContent ?? '', /^1 deeply nested part folded/);
    folded.querySelector('.json-show-all')!.click();
    const request = posted[0];
    assert.ok(request.type === 'showAll');
    assert.equal(request.path.length, PANEL_CLIP_LIMITS.maxDepth);
    const text = fullValueText(event.raw, request.path) ?? '';
    assert.ok(text.includes('"bottom"'), 'the folded part reaches the bottom');
    assert.ok(loadClient().showFullValue(dom.document, request.path, text));
    assert.ok((folded.querySelector('.json-value')?.textContent ?? '').includes('"leaf": "bottom"'));
  });

  it('keeps a shortened record in the saved state, and the restored panel says the values are shortened', () => {
    for (const record of [hugeRecord(), deepRecord()]) {
      const event = eventOf(record);
      const saved = stateEvent(event, clipRecord(event.raw));
      const text = JSON.stringify({ version: 1, eventId: event.id, event: saved, clipped: true });
      assert.ok(text.length < 200_000, `the state is small (${text.length})`);
      const state = parsePanelState(JSON.parse(text));
      assert.ok(state);
      assert.equal(state.clipped, true);
      const restored = asTrailEvent(state.event);
      assert.ok(restored, 'the restored event is accepted');
      const view = buildEventView(restored, { now: NOW, restoredClipped: true });
      assert.ok(view.notes.some((n) => n.startsWith('Restored after a reload with long values shortened')));
    }
  });

  it('builds a container of 20,000 entries a page at a time, and a collapsed node only when opened', () => {
    const root = render(delivered(eventOf(wideRecord())));
    const items = root.querySelector('details[data-path="$.requestParameters.items"]');
    assert.ok(items);
    assert.equal(root.querySelectorAll('details[data-path^="$.requestParameters.items["]').length, 200, 'one page of entries is built');
    const more = root.querySelector('[data-more="$.requestParameters.items"]');
    assert.ok(more);
    assert.equal(more.textContent, 'Show 200 more of 19,800');
    more.click();
    assert.ok(root.querySelector('details[data-path="$.requestParameters.items[399]"]'), 'the next page is built');
    assert.equal(root.querySelector('details[data-path="$.requestParameters.items[400]"]'), null);
    const identity = root.querySelector('details[data-path="$.userIdentity"]');
    assert.ok(identity);
    assert.equal(identity.open, false);
    assert.equal(root.querySelector('[data-path="$.userIdentity.userName"]'), null, 'a collapsed node is not built');
    identity.open = true;
    identity.dispatchEvent(new (dom.window as unknown as { Event: new (type: string) => unknown }).Event('toggle'));
    assert.equal(root.querySelector('[data-path="$.userIdentity.userName"] .json-value')?.textContent, '"alice"');
  });

  const oddShapes: Readonly<Record<string, Record<string, unknown>>> = {
    'no userIdentity, region or source IP': { eventTime: '2026-11-20T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: 'odd-1' },
    'non-object userIdentity and request parameters': { eventTime: '2026-11-20T10:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventID: 'odd-2', userIdentity: 42, requestParameters: 'text', responseElements: [1, 'two', null, { three: 3 }] },
    'resources that are not objects': { eventTime: '2026-11-20T10:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'StopInstances', eventID: 'odd-3', resources: ['arn:aws:ec2:us-east-1:1:instance/i-1', null, 7], userIdentity: { type: null, arn: ['x'] } },
    'odd keys': { eventTime: '2026-11-20T10:00:00Z', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', eventID: 'odd-4', requestParameters: JSON.parse('{"__proto__":{"polluted":true},"":"empty key","constructor":1}') as unknown },
  };
  for (const [name, record] of Object.entries(oddShapes)) {
    it(`renders an event with ${name}`, () => {
      const result = normalizeRecord(record);
      assert.ok(result.ok, `normalised: ${result.ok ? '' : result.error.error}`);
      const root = render(delivered(result.event));
      assert.equal(root.querySelector('h1.event-name')?.textContent, record.eventName);
      assert.ok(root.querySelector('.json-tree'), 'the JSON is shown');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('rejects malformed "Show all" and copy paths from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'showAll', path: ['a', 0] }), { type: 'showAll', path: ['a', 0] });
    for (const path of [undefined, 'a', [{}], [-1], [1.5], Array.from({ length: 300 }, () => 'a'), ['x'.repeat(100_001)]]) {
      assert.equal(parseWebviewMessage({ type: 'showAll', path }), undefined, (JSON.stringify(path) as string | undefined ?? 'undefined').slice(0, 40));
      assert.equal(parseWebviewMessage({ type: 'copyValue', path }), undefined);
    }
    const raw = JSON.parse('{"a":{"__proto__":{"x":"own"}}}') as Record<string, unknown>;
    assert.equal(fullValueText(raw, ['a', '__proto__', 'x']), 'own');
    assert.equal(fullValueText(raw, ['a', 'toString']), undefined, 'inherited members are not values');
    assert.equal(fullValueText(raw, ['a', 0]), undefined);
  });
});
