// What the user chose to read from a trail bucket (accounts, regions, time range), and the source
// the views see: queries inside that scope are answered from the store (no S3 request, so a
// reopened or cancelled read shows what is stored); a query outside it (another window or region)
// lists and reads only what it needs.
import type { TrailBucketSource } from '../../archive/bucket/trailBucketSource';
import type { TrailEvent } from '../../core/model';
import type { EventQuery, QueryOptions, QueryResult, TrailEventSource } from '../../core/query';

/** The part of the bucket the user asked for. */
export interface BucketScope {
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  readonly start: number;
  readonly end: number;
  /** e.g. `last 30 days`. */
  readonly rangeLabel: string;
  /** True when every account of the layout was chosen (events are then not filtered by account). */
  readonly allAccounts: boolean;
}

/** The regions a query covers: the ones it names among the scope's, else the scope's. */
export function scopedRegions(query: EventQuery, scope: BucketScope): string[] {
  const named = query.regions.filter((r) => scope.regions.includes(r));
  return named.length > 0 ? named : [...scope.regions];
}

function keepAccounts(result: QueryResult, accounts: ReadonlySet<string> | undefined): QueryResult {
  if (accounts === undefined) return result;
  const keep = (e: TrailEvent): boolean => e.account === undefined || accounts.has(e.account);
  const { loadMore } = result;
  return {
    ...result,
    events: result.events.filter(keep),
    ...(loadMore ? { loadMore: async (more?: QueryOptions) => keepAccounts(await loadMore(more), accounts) } : {}),
  };
}

/** The views' source for a bucket read with `scope`. */
export function bucketSourceForViews(source: TrailBucketSource, scope: BucketScope): TrailEventSource {
  const accounts = scope.allAccounts ? undefined : new Set(scope.accounts);
  return {
    kind: 'archive',
    label: source.label,
    async query(query: EventQuery, options?: QueryOptions): Promise<QueryResult> {
      const scoped = { ...query, regions: scopedRegions(query, scope) };
      const inside = scoped.start >= scope.start && scoped.end <= scope.end;
      return keepAccounts(await (inside ? source.queryStored(scoped, options) : source.query(scoped, options)), accounts);
    },
    defaultWindow: () => ({ start: scope.start, end: scope.end, label: scope.rangeLabel }),
  };
}
