// The whole record behind a summary. Athena's rows carry only the columns the views need, so a panel
// opened on one asks the active source for the record, once per panel: a note says it is loading,
// the record replaces the summary when it arrives (with what the fetch cost), and when the fetch
// fails the panel keeps the summary with a note that says why. Closing the panel cancels the fetch.
import type { TrailEvent } from '../../core/model';
import type { TrailEventSource } from '../../core/query';
import { plainText } from '../../core/safeText';

/** The part of the active source the panel asks (see `TrailEventSource.loadFullEvent`). */
export type FullRecordSource = Pick<TrailEventSource, 'loadFullEvent'>;

/** What one fetch did: the whole record, or nothing (failed or cancelled) with the note saying so. */
export interface FullRecordOutcome {
  readonly event?: TrailEvent;
}

export const LOADING_NOTE = 'Summary columns only: loading the whole record…';

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return plainText(text.replace(/[.\s]+$/, ''), { maxLength: 300, multiline: false });
}

/** One panel's fetch of its event's whole record. */
export class FullRecordFetch {
  private started = false;
  private note: string | undefined;
  private readonly controller = new AbortController();

  /** The note the panel's view carries now (loading, loaded, or why it failed). */
  notes(): string[] {
    return this.note === undefined ? [] : [this.note];
  }

  /**
   * Asks `source` for `event`'s whole record the first time only. Resolves undefined when nothing
   * was fetched (not a summary, no such source, asked before); else the outcome once the fetch ends.
   * `loading` runs after the loading note is set, so the panel can show it.
   */
  async run(source: FullRecordSource | undefined, event: TrailEvent, loading: () => Promise<void>): Promise<FullRecordOutcome | undefined> {
    if (this.started) return undefined;
    this.started = true;
    const pending = source?.loadFullEvent?.(event, { signal: this.controller.signal });
    if (pending === undefined) return undefined;
    this.note = LOADING_NOTE;
    await loading();
    try {
      const loaded = await pending;
      this.note = plainText(`Whole record loaded (${loaded.detail}).`);
      return { event: loaded.event };
    } catch (err) {
      this.note = this.controller.signal.aborted
        ? undefined
        : `The whole record could not be loaded: ${messageOf(err)}. The panel shows the summary columns the query returned.`;
      return {};
    }
  }

  /** Cancels a fetch in progress (the panel closed). */
  dispose(): void {
    this.controller.abort();
  }
}
