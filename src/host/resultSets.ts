// The contract of the Results view, shared by every feature that shows a query's answer there:
// a feature runs `CommandIds.showResults` with a NewResultSet (and an optional headline for the
// timeline panel); the lookups feature owns the store, the view and the panel.
import type { TrailEvent } from '../core/model';
import type { EventMatch } from '../core/investigationTypes';
import type { EventQuery, QueryResult } from '../core/query';

/** What a lookup hands to the Results view. */
export interface NewResultSet {
  /** Shown as the set's label, e.g. `Username = alice · last 7 days`. */
  readonly title: string;
  readonly query: EventQuery;
  readonly result: QueryResult;
  /** Every query the set ran (an investigation's union); `[query]` when absent. Says what was scanned. */
  readonly queries?: readonly EventQuery[];
  /** What was kept locally (an investigation's match), for the same sentence. */
  readonly match?: EventMatch;
}

/** One result set: its latest result and every event loaded so far (load more appends). */
export interface ResultSet {
  readonly id: string;
  readonly title: string;
  readonly query: EventQuery;
  readonly queries?: readonly EventQuery[];
  readonly match?: EventMatch;
  readonly result: QueryResult;
  readonly events: readonly TrailEvent[];
  readonly addedAt: number;
  readonly loadingMore: boolean;
}
