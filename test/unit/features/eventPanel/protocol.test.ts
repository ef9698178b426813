import * as assert from 'node:assert/strict';
import { MESSAGE_LIMITS, PANEL_STATE_VERSION, parseHostMessage, parsePanelState, parseWebviewMessage } from '../../../../src/features/eventPanel/protocol';

describe('webview: message protocol', () => {
  it('accepts each well-formed webview message and keeps only its known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openRawJson' }), { type: 'openRawJson' });
    assert.deepEqual(parseWebviewMessage({ type: 'compareWith' }), { type: 'compareWith' });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', url: 'https://docs.aws.amazon.com/', evil: true }), { type: 'openLink', url: 'https://docs.aws.amazon.com/' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', text: '' }), { type: 'copy', text: '' });
    assert.deepEqual(parseWebviewMessage({ type: 'relatedLookup', id: 'principal' }), { type: 'relatedLookup', id: 'principal' });
  });

  const bad: [string, unknown][] = [
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['no type', { url: 'https://docs.aws.amazon.com/' }],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['a prototype key as type', { type: '__proto__' }],
    ['openLink without url', { type: 'openLink' }],
    ['openLink with a non-string url', { type: 'openLink', url: { toString: () => 'https://x' } }],
    ['openLink with an empty url', { type: 'openLink', url: '' }],
    ['openLink with an oversized url', { type: 'openLink', url: `https://docs.aws.amazon.com/${'a'.repeat(MESSAGE_LIMITS.url)}` }],
    ['copy with a number', { type: 'copy', text: 42 }],
    ['copy with oversized text', { type: 'copy', text: 'x'.repeat(MESSAGE_LIMITS.copyText + 1) }],
    ['relatedLookup without id', { type: 'relatedLookup' }],
    ['relatedLookup with an oversized id', { type: 'relatedLookup', id: 'x'.repeat(MESSAGE_LIMITS.lookupId + 1) }],
  ];
  for (const [name, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.equal(parseWebviewMessage(message), undefined);
    });
  }

  it('reads panel state only of the current version and with an event object', () => {
    const state = { version: PANEL_STATE_VERSION, eventId: 'e-1', event: { id: 'e-1' } };
    assert.deepEqual(parsePanelState(state), state);
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState({ ...state, version: 0 }), undefined);
    assert.equal(parsePanelState({ ...state, eventId: '' }), undefined);
    assert.equal(parsePanelState({ ...state, event: 'e-1' }), undefined);
  });

  it('accepts host messages with a view and a state, ignores others', () => {
    const state = { version: PANEL_STATE_VERSION, eventId: 'e-1', event: { id: 'e-1' } };
    const view = { eventId: 'e-1', heading: 'RunInstances', sections: [] };
    assert.equal(parseHostMessage({ type: 'showEvent', view, state })?.type, 'showEvent');
    assert.equal(parseHostMessage({ type: 'showEvent', view }), undefined);
    assert.equal(parseHostMessage({ type: 'showEvent', view: { ...view, sections: 'x' }, state }), undefined);
    assert.equal(parseHostMessage({ type: 'other', view, state }), undefined);
  });
});
