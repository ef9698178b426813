// The palette lookups' part of the TestApi (`api.lookups`): what tests observe and steer.
import type { TimelineModel } from './timelineModel';
import type { HistoryEntry } from './queryHistory';

export interface LookupsTestApi {
  /** Validation messages shown by the quick inputs, oldest first. */
  validationMessages(): readonly string[];
  /** Warnings and information messages shown after lookups, oldest first. */
  notices(): readonly string[];
  /** Id of the last result set the lookups added to the Results view. */
  lastResultSetId(): string | undefined;
  /** The one-line answer (or message) of the last "Who changed this?". */
  lastAnswer(): string | undefined;
  /** The results panel's current model (timeline bars, headline, rows). */
  timeline(): TimelineModel | undefined;
  /** Cancels the next lookup once this many events arrived (like pressing Cancel). */
  cancelNextLookupAfter(events: number): void;
  /** The remembered queries, newest first. */
  history(): readonly HistoryEntry[];
  clearHistory(): Promise<void>;
  /** Whether "Who Changed This Resource?" is offered at the active editor's selection. */
  arnAtCursor(): boolean;
}
