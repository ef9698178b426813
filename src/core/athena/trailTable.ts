/**
 * Which table the compiler queries and how its partitions are laid out: the partition-projection
 * table this extension creates (account, region and date partitions over the trail bucket), or an
 * existing table whose partition columns are read from its metadata.
 */

/** The table a query runs against, and the names of its partition columns (absent: not partitioned that way). */
export interface TrailTableShape {
  readonly database: string;
  readonly table: string;
  /** Data catalog, default `AwsDataCatalog`. */
  readonly catalog?: string;
  readonly partitions: {
    /** A `yyyy/MM/dd` date partition (the documented table's `timestamp`). */
    readonly date?: string;
    readonly account?: string;
    readonly region?: string;
  };
  /**
   * How the account partition is projected. `injected` accounts must be named by every query
   * (Athena refuses a query without static equality on them); `enum` lists them in the table.
   */
  readonly accountProjection?: 'enum' | 'injected';
  /** Projected values, when known (for partition counts and cost estimates). */
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  /** First day of the date projection (`yyyy/MM/dd`). */
  readonly firstDay?: string;
}

/** The partition column names of the table this extension creates. */
export const DEFAULT_PARTITIONS = { date: 'timestamp', account: 'account', region: 'region' } as const;

/** A `yyyy/MM/dd` day (UTC) of an epoch-ms time: the format of the date partition and the trail folders. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Epoch ms of the start of a `yyyy/MM/dd` day, or undefined when the text is not such a day. */
export function parseDay(day: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayOf(ms) === day ? ms : undefined;
}

/**
 * The shape of an existing table from its Glue/Athena metadata (GetTableMetadata): the date
 * partition is the one projected as `date` (or named `timestamp`/`dt`/`date`), the account and
 * region partitions are found by name. Enumerated projection values are kept for estimates.
 */
export function shapeFromMetadata(
  database: string,
  table: string,
  partitionKeys: readonly string[],
  parameters: Readonly<Record<string, string>>,
): TrailTableShape {
  const keys = partitionKeys.map((k) => k.toLowerCase());
  const param = (key: string, what: string): string | undefined => parameters[`projection.${key}.${what}`];
  const date = keys.find((k) => param(k, 'type') === 'date') ?? keys.find((k) => ['timestamp', 'dt', 'date', 'day'].includes(k));
  const account = keys.find((k) => k !== date && k.includes('account'));
  const region = keys.find((k) => k !== date && k.includes('region'));
  const list = (key: string | undefined): string[] | undefined =>
    key !== undefined && param(key, 'type') === 'enum' ? (param(key, 'values') ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '') : undefined;
  const accounts = list(account);
  const regions = list(region);
  const firstDay = date !== undefined ? param(date, 'range')?.split(',')[0]?.trim() : undefined;
  const accountProjection: 'enum' | 'injected' = account !== undefined && param(account, 'type') === 'injected' ? 'injected' : 'enum';
  return {
    database,
    table,
    partitions: { ...(date ? { date } : {}), ...(account ? { account } : {}), ...(region ? { region } : {}) },
    ...(account !== undefined ? { accountProjection } : {}),
    ...(accounts ? { accounts } : {}),
    ...(regions ? { regions } : {}),
    ...(firstDay !== undefined && parseDay(firstDay) !== undefined ? { firstDay } : {}),
  };
}
