import * as assert from 'node:assert/strict';
import { eventsToConsoleCsv, eventsToRecordsJson, parseCsvRows } from '../../../src/core/csv';
import { normalizeRecord } from '../../../src/core/event';
import { clipJson, DEEP_PLACEHOLDER, jsonDepth, stringifyJson } from '../../../src/core/jsonText';
import type { TrailEvent } from '../../../src/core/model';

/** `{"a":{"a":…{"leaf":true}}}` nested `depth` levels, built without recursion. */
function nested(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 1; i < depth; i++) {
    const next: Record<string, unknown> = {};
    at.a = next;
    at = next;
  }
  at.leaf = true;
  return root;
}

function event(id: string, requestParameters: unknown): TrailEvent {
  const result = normalizeRecord({ eventVersion: '1.08', eventID: id, eventName: 'PutObject', eventSource: 's3.amazonaws.com', awsRegion: 'us-east-1', eventTime: '2024-05-01T12:00:00Z', requestParameters });
  assert.ok(result.ok);
  return result.event;
}

describe('core/jsonText deep nesting', () => {
  it('exports every record as JSON when one of them is nested 10,000 levels deep', () => {
    const deep = nested(10_000);
    assert.throws(() => JSON.stringify(deep), RangeError, 'the engine itself cannot write it');
    const events = [event('good-1', { bucket: 'a' }), event('deep', deep), event('good-2', { bucket: 'b' })];
    const text = eventsToRecordsJson(events);
    const back = JSON.parse(text) as { Records: { eventID: string; requestParameters: unknown }[] };
    assert.deepEqual(back.Records.map((r) => r.eventID), ['good-1', 'deep', 'good-2']);
    assert.equal(jsonDepth(back.Records[1]?.requestParameters), 10_000);
  });

  it('writes exactly what JSON.stringify writes when both can', () => {
    const value = { a: [1, 'two', null, { b: [] }, {}], 'odd "key"': '\u2028\n', n: -0.5, f: false, u: undefined, list: [undefined, () => 1] };
    assert.equal(stringifyJson(value, 2), JSON.stringify(value, null, 2));
    assert.equal(stringifyJson(value), JSON.stringify(value));
    // The iterative writer on its own (forced by depth) keeps the same format below the deep part.
    const deepText = stringifyJson({ head: value, deep: nested(20_000) }, 2);
    assert.ok(deepText.startsWith(JSON.stringify({ head: value }, null, 2).slice(0, -2)));
  });

  it('exports CSV for every record beside a deep one', () => {
    const rows = parseCsvRows(eventsToConsoleCsv([event('good', {}), event('deep', nested(10_000))]));
    assert.equal(rows.length, 3);
    assert.equal(rows[2]?.[10], 'deep');
  });

  it('clips depth and long strings iteratively for the panel, counting what it cut', () => {
    const clipped = clipJson({ s: 'x'.repeat(100_000), deep: nested(10_000), ['__proto__']: { own: 1 } }, { maxDepth: 3, maxStringLength: 10 });
    const value = clipped.value as { s: string; deep: { a: { a: unknown } } };
    assert.equal(value.s, `${'x'.repeat(10)}…`);
    assert.equal(value.deep.a.a, DEEP_PLACEHOLDER);
    assert.deepEqual({ deepNodes: clipped.deepNodes, longStrings: clipped.longStrings, longestString: clipped.longestString }, { deepNodes: 1, longStrings: 1, longestString: 100_000 });
    assert.equal(Object.getPrototypeOf(clipped.value), Object.prototype);
  });
});
