// The framer on its own: where records start and end in text fed in arbitrary chunks — strings that
// hold `},{`, escapes, nesting, records cut by chunk boundaries, truncation, damage.
import * as assert from 'node:assert/strict';
import { JsonFramer } from '../../../src/archive/jsonFramer';

interface Framed {
  /** Each record by index: its value, or `{ invalid: text }` when its text is not JSON. */
  readonly records: [number, unknown][];
  readonly oversized: number[];
  readonly problems: string[];
  /** Runs of records the framer parsed itself (`parseRuns`). */
  runs: number;
}

/** Feeds `text` to a framer cut at `cuts` (byte offsets), then ends it. */
function frame(text: string | Buffer, cuts: readonly number[], parseRuns: boolean, maxRecordBytes = 1 << 20): Framed {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const framer = new JsonFramer(maxRecordBytes, parseRuns);
  const result: Framed = { records: [], oversized: [], problems: [], runs: 0 };
  const bounds = [0, ...cuts, bytes.length];
  const items = bounds.slice(1).flatMap((end, k) => framer.push(bytes.subarray(bounds[k], end)));
  for (const item of [...items, ...framer.end()]) {
    if (item.kind === 'problem') result.problems.push(item.message);
    else if (item.kind === 'oversized') result.oversized.push(item.index);
    else if (item.kind === 'records') {
      result.runs++;
      item.values.forEach((value, k) => result.records.push([item.index + k, value]));
    } else {
      const text = item.text.toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        value = { invalid: text };
      }
      result.records.push([item.index, value]);
    }
  }
  return result;
}

const trail = (records: readonly unknown[]): string => `{"Records":[${records.map((r) => JSON.stringify(r)).join(',')}]}`;
const numbered = (records: readonly unknown[]): [number, unknown][] => records.map((r, i) => [i, r]);

/** Records whose strings and nesting look like record boundaries to a naive scan. */
const tricky: Record<string, unknown>[] = [
  { eventVersion: '1.08', eventID: 'a', requestParameters: { policy: '{"Statement":[{"Effect":"Allow"},{"Effect":"Deny"}]}' } },
  { eventVersion: '1.08', eventID: 'b', errorMessage: 'braces },{ and }]} and ]},{"eventVersion":"1.08"} in a string', note: 'quote \\" backslash \\\\ tail\\' },
  { eventVersion: '1.08', eventID: 'c', resources: [{ ARN: 'arn:1', type: 'x' }, { ARN: 'arn:2', type: 'y' }], nested: [{ eventVersion: 'inner' }, { eventVersion: 'inner2', deep: { a: [{ b: {} }, {}] } }] },
  { eventVersion: '1.08', eventID: 'd', unicode: 'é 日本 😀 \u2028', escapes: '\\u0041 \\n \\t \\/', empty: {}, list: [] },
  { eventVersion: '1.08', eventID: 'e', key: '"},{"', other: '\\' },
];

describe('archive/jsonFramer JsonFramer', () => {
  for (const parseRuns of [false, true]) {
    const mode = parseRuns ? ' (parsing runs of records)' : '';
    it(`frames records whose strings hold "},{", "]}", escaped quotes and backslashes, whole or cut at any byte${mode}`, () => {
      const text = trail(tricky);
      const whole = frame(text, [], parseRuns);
      assert.deepEqual(whole, { records: numbered(tricky), oversized: [], problems: [], runs: parseRuns ? 1 : 0 });
      for (let cut = 1; cut < Buffer.byteLength(text); cut++) {
        assert.deepEqual(frame(text, [cut], parseRuns).records, numbered(tricky), `cut at byte ${cut}`);
      }
    });

    it(`frames records cut into many small chunks (3 and 7 bytes), UTF-8 characters split between chunks${mode}`, () => {
      const text = Buffer.from(trail(tricky));
      for (const size of [3, 7]) {
        const cuts = Array.from({ length: Math.floor((text.length - 1) / size) }, (_, k) => (k + 1) * size);
        const framed = frame(text, cuts, parseRuns);
        assert.deepEqual({ ...framed, runs: 0 }, { records: numbered(tricky), oversized: [], problems: [], runs: 0 }, `chunks of ${size} bytes`);
      }
    });

    it(`keeps exactly the records completed before a truncation, and names it, at every cut${mode}`, () => {
      const parts = tricky.map((r) => JSON.stringify(r));
      const ends: number[] = [];
      let at = '{"Records":['.length;
      for (const [i, part] of parts.entries()) {
        at += (i > 0 ? 1 : 0) + Buffer.byteLength(part);
        ends.push(at);
      }
      const text = Buffer.from(trail(tricky));
      for (let cut = 1; cut < text.length - 1; cut++) {
        const framed = frame(text.subarray(0, cut), cut > 40 ? [40] : [], parseRuns);
        // A record is complete once the byte after it (`,` or `]`) was read.
        const complete = ends.filter((end) => end < cut).length;
        assert.deepEqual(framed.records, numbered(tricky.slice(0, complete)), `cut at byte ${cut}`);
        assert.deepEqual(framed.problems, ['ends in the middle of a record: the file is truncated'], `cut at byte ${cut}`);
      }
    });

    it(`gives a malformed record to the reader as its own text and frames the records around it${mode}`, () => {
      const good = tricky.slice(0, 3).map((r) => JSON.stringify(r));
      const text = `{"Records":[${good[0]},{"eventVersion":"1.08","eventID":"bad", oops},${good[1]},${good[2]}]}`;
      for (const cuts of [[], [30], [text.length - 10]]) {
        assert.deepEqual(frame(text, cuts, parseRuns).records, [[0, tricky[0]], [1, { invalid: '{"eventVersion":"1.08","eventID":"bad", oops}' }], [2, tricky[1]], [3, tricky[2]]], `cuts ${cuts.join(',')}`);
      }
    });

    it(`counts indexes across concatenated documents and reads lookup-events pages and bare lists${mode}`, () => {
      const [a, b, c, d] = tricky;
      assert.deepEqual(frame(`${trail([a, b])}\n${trail([c, d])}`, [100], parseRuns).records, numbered([a, b, c, d]));
      assert.deepEqual(frame(JSON.stringify({ NextToken: 'x},{', Events: [a, b] }), [], parseRuns).records, numbered([a, b]));
      assert.deepEqual(frame(JSON.stringify([a, b, c]), [5], parseRuns).records, numbered([a, b, c]));
    });

    it(`reports a record over the size cap by its index and frames the others${mode}`, () => {
      const big = { eventVersion: '1.08', eventID: 'big', pad: 'x'.repeat(500) };
      const [a, b] = tricky;
      const framed = frame(trail([a, big, b]), [50, 300], parseRuns, 400);
      assert.deepEqual(framed.records, [[0, a], [2, b]]);
      assert.deepEqual(framed.oversized, [1]);
    });
  }
});
