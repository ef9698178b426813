import assert from 'node:assert/strict';
import { normalizeRecord } from '../../../../src/core/event';
import type { TrailEvent } from '../../../../src/core/model';
import type { FullEventLoad } from '../../../../src/core/query';
import { FullRecordFetch, LOADING_NOTE, type FullRecordSource } from '../../../../src/features/eventPanel/fullRecord';

function eventOf(record: Record<string, unknown>): TrailEvent {
  const result = normalizeRecord({ eventVersion: '1.08', eventID: 'e-1', eventTime: '2026-11-30T10:00:00Z', eventName: 'DeleteDBInstance', eventSource: 'rds.amazonaws.com', awsRegion: 'eu-west-1', userIdentity: { type: 'IAMUser', userName: 'mallory' }, ...record });
  if (!result.ok) throw new Error(result.error.error);
  return result.event;
}

const summary = eventOf({});
const full = eventOf({ requestParameters: { dBInstanceIdentifier: 'prod-db' } });

/** A source whose summaries are the events in `summaries`; `load` answers the fetch. */
function sourceOf(load: (signal: AbortSignal | undefined) => Promise<FullEventLoad>, calls: { n: number } = { n: 0 }): FullRecordSource {
  return {
    loadFullEvent: (event, options) => {
      if (event !== summary) return undefined;
      calls.n++;
      return load(options?.signal);
    },
  };
}

describe('event panel: the whole record behind a summary (fullRecord.ts)', () => {
  it('shows a loading note, then the whole record with what the fetch cost; asks only once per panel', async () => {
    const calls = { n: 0 };
    const fetch = new FullRecordFetch();
    const notesWhileLoading: string[][] = [];
    const source = sourceOf(() => Promise.resolve({ event: full, detail: 'Athena · 1.2 KB scanned · $0.0000001' }), calls);
    const outcome = await fetch.run(source, summary, () => {
      notesWhileLoading.push(fetch.notes());
      return Promise.resolve();
    });
    assert.deepEqual(notesWhileLoading, [[LOADING_NOTE]]);
    assert.equal(outcome?.event, full);
    assert.deepEqual(fetch.notes(), ['Whole record loaded (Athena · 1.2 KB scanned · $0.0000001).']);
    assert.equal(await fetch.run(source, summary, () => Promise.resolve()), undefined, 'a second ready does not fetch again');
    assert.equal(calls.n, 1);
  });

  it('fetches nothing and adds no note for an event that is not a summary, or without a source', async () => {
    const notLoading = (): Promise<void> => Promise.reject(new Error('no loading note expected'));
    const fetch = new FullRecordFetch();
    assert.equal(await fetch.run(sourceOf(() => Promise.reject(new Error('not called'))), full, notLoading), undefined);
    assert.deepEqual(fetch.notes(), []);
    assert.equal(await new FullRecordFetch().run(undefined, summary, notLoading), undefined);
    assert.equal(await new FullRecordFetch().run({}, summary, notLoading), undefined, 'a source without the hook');
  });

  it('keeps the summary when the fetch fails, with a note that says why as one line of text', async () => {
    const fetch = new FullRecordFetch();
    const outcome = await fetch.run(sourceOf(() => Promise.reject(new Error('Athena found no record with event id e-1 in its partitions.\n[x](command:evil)'))), summary, () => Promise.resolve());
    assert.deepEqual(outcome, {});
    const note = fetch.notes().join('\n');
    assert.match(note, /^The whole record could not be loaded: Athena found no record with event id e-1 in its partitions/);
    assert.match(note, /The panel shows the summary columns the query returned\.$/);
    assert.equal(fetch.notes().length, 1);
    assert.doesNotMatch(note, /\n/);
  });

  it('cancels the fetch when the panel closes, and says nothing about it', async () => {
    const fetch = new FullRecordFetch();
    let seen: AbortSignal | undefined;
    const source = sourceOf(
      (signal) =>
        new Promise((_, reject) => {
          seen = signal;
          signal?.addEventListener('abort', () => {
            reject(new Error('Loading the event record was cancelled.'));
          });
        }),
    );
    const running = fetch.run(source, summary, () => Promise.resolve());
    fetch.dispose();
    assert.deepEqual(await running, {});
    assert.equal(seen?.aborted, true);
    assert.deepEqual(fetch.notes(), []);
  });
});
