// The last queries, kept in globalState so they survive a restart and can be re-run. A query whose
// range ended "now" is re-run over the same duration ending at the new now.
import type * as vscode from 'vscode';
import type { EventMatch } from '../core/investigations';
import type { EventQuery } from '../core/query';

/** One remembered query. */
export type HistoryEntry =
  | {
      readonly kind: 'query';
      readonly title: string;
      readonly query: EventQuery;
      readonly match?: EventMatch;
      /** Set when the range ended at "now": its length, so a re-run slides with time. */
      readonly relativeMs?: number;
      readonly savedAt: number;
    }
  | {
      readonly kind: 'resource';
      readonly title: string;
      /** The ARN "Who changed this?" looked up. */
      readonly arn: string;
      readonly savedAt: number;
    };

const STATE_KEY = 'cloudtrailInvestigator.recentQueries';
const MAX_ENTRIES = 10;

/** Recent queries, newest first, de-duplicated by title. */
export class QueryHistory {
  constructor(private readonly state: vscode.Memento) {}

  list(): HistoryEntry[] {
    const value = this.state.get<unknown>(STATE_KEY, []);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  }

  async remember(entry: HistoryEntry): Promise<void> {
    const rest = this.list().filter((e) => e.title !== entry.title);
    await this.state.update(STATE_KEY, [entry, ...rest].slice(0, MAX_ENTRIES));
  }
}

/** The query to run again: a relative range moves to end at `now`. */
export function queryForRerun(entry: Extract<HistoryEntry, { kind: 'query' }>, now: number): EventQuery {
  if (entry.relativeMs === undefined) return entry.query;
  return { ...entry.query, start: now - entry.relativeMs, end: now };
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || typeof v.savedAt !== 'number') return false;
  if (v.kind === 'resource') return typeof v.arn === 'string';
  if (v.kind !== 'query' || typeof v.query !== 'object' || v.query === null) return false;
  const q = v.query as Record<string, unknown>;
  return Array.isArray(q.regions) && Array.isArray(q.filters) && typeof q.start === 'number' && typeof q.end === 'number';
}
