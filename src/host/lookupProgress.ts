// A lookup's progress notification: the live count as its message, Cancel keeps what arrived. Shared
// by every feature that runs queries from a command (palette lookups, "Who changed this?").
import type { TrailEvent } from '../core/model';
import type { QueryOptions, QueryResult, QueryStats } from '../core/query';
import { withCancellableNotification } from './progress';

function progressText(stats: QueryStats): string {
  return `${stats.events.toLocaleString('en-US')} event${stats.events === 1 ? '' : 's'} · ${stats.requests} request${stats.requests === 1 ? '' : 's'}`;
}

/**
 * Runs `work` under a cancellable notification whose message is the live count. Cancel aborts the
 * signal; the source then returns what it received.
 */
export async function withLookupProgress<T extends QueryResult>(title: string, work: (options: QueryOptions) => Promise<T>): Promise<T> {
  return withCancellableNotification(`CloudTrail: ${title}`, async (signal, report) => {
    report('starting…');
    return work({
      signal,
      onProgress: (_events: readonly TrailEvent[], stats: QueryStats) => {
        report(progressText(stats));
      },
    });
  });
}
