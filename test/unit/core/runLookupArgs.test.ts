import * as assert from 'node:assert/strict';
import { parseRunLookupArgs } from '../../../src/core/runLookupArgs';
import { queryForRerun, QueryHistory, type HistoryEntry } from '../../../src/host/queryHistory';

describe('commands/runLookupArgs', () => {
  it('keeps a well-formed argument', () => {
    const args = parseRunLookupArgs({ title: 'x', filters: [{ key: 'Username', value: 'alice' }], start: 1, end: 2, regions: ['eu-west-1'], includeReadOnly: false, requestId: 'r' });
    assert.deepEqual(args, { title: 'x', filters: [{ key: 'Username', value: 'alice' }], start: 1, end: 2, regions: ['eu-west-1'], includeReadOnly: false, requestId: 'r' });
  });
  it('rejects anything else with a clear error', () => {
    assert.throws(() => parseRunLookupArgs(undefined), /title, filters/);
    assert.throws(() => parseRunLookupArgs({ title: 'x', filters: [{ key: 'Nope', value: 'a' }] }), /invalid filter/);
    assert.throws(() => parseRunLookupArgs({ title: 'x', filters: [{ key: 'Username', value: 3 }] }), /invalid filter/);
  });
  it('drops ill-typed optional fields', () => {
    assert.deepEqual(parseRunLookupArgs({ title: 'x', filters: [], start: 'soon', regions: [1], includeReadOnly: 'yes' }), { title: 'x', filters: [] });
  });
});

describe('commands/queryHistory', () => {
  class MemoryMemento {
    private readonly map = new Map<string, unknown>();
    keys(): readonly string[] { return [...this.map.keys()]; }
    get<T>(key: string, fallback?: T): T { return (this.map.has(key) ? this.map.get(key) : fallback) as T; }
    update(key: string, value: unknown): Thenable<void> { this.map.set(key, value); return Promise.resolve(); }
  }
  const query = { regions: ['us-east-1'], filters: [], start: 0, end: 1000, includeReadOnly: true, maxEvents: 10 };
  const entry = (title: string): HistoryEntry => ({ kind: 'query', title, query, savedAt: 1 });

  it('keeps the last ten, newest first, one per title', async () => {
    const history = new QueryHistory(new MemoryMemento());
    for (let i = 0; i < 12; i++) await history.remember(entry(`q${i}`));
    await history.remember(entry('q5'));
    const titles = history.list().map((e) => e.title);
    assert.equal(titles.length, 10);
    assert.equal(titles[0], 'q5');
    assert.equal(titles.filter((t) => t === 'q5').length, 1);
  });

  it('ignores corrupt stored entries', () => {
    const memento = new MemoryMemento();
    void memento.update('cloudtrailInvestigator.recentQueries', [{ kind: 'query', title: 'x' }, 'junk', { kind: 'resource', title: 'y', arn: 'arn:aws:s3:::b', savedAt: 1 }]);
    assert.deepEqual(new QueryHistory(memento as never).list().map((e) => e.title), ['y']);
  });

  it('a relative range slides to end at the new now', () => {
    const q = queryForRerun({ kind: 'query', title: 't', query, relativeMs: 500, savedAt: 1 }, 10_000);
    assert.equal(q.start, 9_500);
    assert.equal(q.end, 10_000);
    assert.deepEqual(queryForRerun({ kind: 'query', title: 't', query, savedAt: 1 }, 10_000), query);
  });
});
