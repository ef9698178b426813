/**
 * What an Athena query costs: $5 per TB scanned, each query billed for at least 10 MB, bytes rounded
 * up to the megabyte (Athena pricing). Shown twice: before a query runs, as an estimate from the
 * partitions it names times typical bytes per partition; after, from the bytes Athena reports.
 */
import type { PartitionPlan } from './partitionPlan';

/** US dollars per TB scanned (Athena SQL queries). */
export const PRICE_PER_TB_USD = 5;
const MB = 1024 * 1024;
const TB = 1024 * 1024 * MB;
/** Every query is billed for at least this much. */
export const MINIMUM_BILLED_BYTES = 10 * MB;

/**
 * Bytes of one account-region-day partition when nothing better is known: about 288 deliveries
 * a day (one every 5 minutes) of ~20 kB gzipped. The source learns the real figure from each run.
 */
export const TYPICAL_BYTES_PER_PARTITION = 288 * 20 * 1024;

/** A cost: what was (or would be) scanned and billed. */
export interface QueryCost {
  readonly scannedBytes: number;
  readonly billedBytes: number;
  readonly usd: number;
  /** True before the query ran (from partitions × typical bytes); false from Athena's statistics. */
  readonly estimate: boolean;
  /** One line for the UI, e.g. `≈ 41.2 MB scanned · ≈ $0.0002 (estimate)`. */
  readonly label: string;
  /** Athena reused an identical recent result (result reuse): nothing scanned, nothing billed. */
  readonly reused?: boolean;
}

/** Bytes Athena bills for a scan: rounded up to the megabyte, at least 10 MB. */
export function billedBytes(scanned: number): number {
  return Math.max(MINIMUM_BILLED_BYTES, Math.ceil(Math.max(0, scanned) / MB) * MB);
}

/** `1.5 GB`, `41.2 MB`, `812 B`: binary units, as the Athena console shows them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** `$0.0002`, `$1.25`: enough digits that a small query does not read as free. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  // Two significant digits.
  const digits = Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(usd))));
  return `$${usd.toFixed(digits)}`;
}

function cost(scanned: number, estimate: boolean, reused: boolean): QueryCost {
  // A reused result scans nothing and is not billed.
  const billed = reused ? 0 : billedBytes(scanned);
  const usd = (billed / TB) * PRICE_PER_TB_USD;
  const approx = estimate ? '≈ ' : '';
  const label = reused
    ? 'reused a previous result · $0'
    : `${approx}${formatBytes(scanned)} scanned · ${approx}${formatUsd(usd)}${estimate ? ' (estimate)' : ''}`;
  return { scannedBytes: scanned, billedBytes: billed, usd, estimate, label, ...(reused ? { reused: true } : {}) };
}

/** The estimate before a query runs: partitions it reads × bytes per partition. */
export function estimateCost(plan: PartitionPlan, bytesPerPartition = TYPICAL_BYTES_PER_PARTITION): QueryCost | undefined {
  if (plan.selected === undefined) return undefined;
  return cost(plan.selected * bytesPerPartition, true, false);
}

/** The cost after a query ran, from `Statistics.DataScannedInBytes` (and whether the result was reused). */
export function actualCost(dataScannedInBytes: number, reusedPreviousResult = false): QueryCost {
  return cost(dataScannedInBytes, false, reusedPreviousResult);
}
