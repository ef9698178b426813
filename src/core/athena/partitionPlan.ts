/**
 * Which partitions a query reads: the days its time range touches (widened by the delivery lag,
 * since a record lands in the folder of the day its file was delivered), and the accounts and
 * regions it names. The same plan gives the SQL's partition predicates, the number of partitions
 * pruned and the scan estimate shown before a query runs.
 */
import { dayOf, parseDay, type TrailTableShape } from './trailTable';

/** How late a record may be delivered after it happened: CloudTrail delivers within about 15 min; 2 h is safe. */
export const DEFAULT_DELIVERY_LAG_MS = 2 * 60 * 60 * 1000;

const DAY_MS = 86_400_000;

/** The partitions of one query. Counts are undefined where the table's projected values are unknown. */
export interface PartitionPlan {
  readonly firstDay: string;
  readonly lastDay: string;
  readonly days: number;
  /** Accounts read; undefined: every account of the table. */
  readonly accounts?: readonly string[];
  /** Regions read; undefined: every region of the table. */
  readonly regions?: readonly string[];
  /** Partitions read (days × accounts × regions). */
  readonly selected?: number;
  /** Partitions of the whole table from its first day to `now`. */
  readonly total?: number;
}

/** Inputs of {@link planPartitions}. */
export interface PartitionScope {
  readonly start: number;
  readonly end: number;
  readonly regions: readonly string[];
  readonly accounts?: readonly string[];
  /** For the table's size (its date projection ends at NOW). */
  readonly now: number;
  readonly deliveryLagMs?: number;
}

function daysBetween(first: string, last: string): number {
  const a = parseDay(first);
  const b = parseDay(last);
  if (a === undefined || b === undefined || b < a) return 0;
  return Math.round((b - a) / DAY_MS) + 1;
}

/** Plans the partitions of a query on `shape`. */
export function planPartitions(shape: TrailTableShape, scope: PartitionScope): PartitionPlan {
  const lag = scope.deliveryLagMs ?? DEFAULT_DELIVERY_LAG_MS;
  let firstDay = dayOf(scope.start);
  const lastDay = dayOf(Math.min(scope.end + lag, Math.max(scope.now, scope.end)));
  if (shape.firstDay !== undefined && firstDay < shape.firstDay) firstDay = shape.firstDay;
  const days = daysBetween(firstDay, lastDay);
  const accounts = scope.accounts !== undefined && scope.accounts.length > 0 ? [...new Set(scope.accounts)] : undefined;
  const regions = scope.regions.length > 0 ? [...new Set(scope.regions)] : undefined;
  const accountCount = accounts?.length ?? shape.accounts?.length;
  const regionCount = regions?.length ?? shape.regions?.length;
  const accountsPartitioned = shape.partitions.account !== undefined;
  const regionsPartitioned = shape.partitions.region !== undefined;
  // A dimension that is not a partition does not multiply partitions: the files of every value are read.
  const selectedAccounts = accountsPartitioned ? accountCount : 1;
  const selectedRegions = regionsPartitioned ? regionCount : 1;
  const allAccounts = accountsPartitioned ? shape.accounts?.length : 1;
  const allRegions = regionsPartitioned ? shape.regions?.length : 1;
  const tableDays = shape.firstDay !== undefined ? daysBetween(shape.firstDay, dayOf(scope.now)) : undefined;
  const selectedDays = shape.partitions.date !== undefined ? days : tableDays;
  const product = (...n: (number | undefined)[]): number | undefined => (n.every((x) => x !== undefined) ? n.reduce<number>((p, x) => p * (x), 1) : undefined);
  const selected = product(selectedDays, selectedAccounts, selectedRegions);
  const total = product(tableDays, allAccounts, allRegions);
  return {
    firstDay,
    lastDay,
    days,
    ...(accounts ? { accounts } : {}),
    ...(regions ? { regions } : {}),
    ...(selected !== undefined ? { selected } : {}),
    ...(total !== undefined ? { total } : {}),
  };
}
