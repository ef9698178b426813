// The drift scan: every managed resource's newest change, kept when it was not made by Terraform,
// newest first. Lookups run a few at a time through the shared cache (and the source's shared
// per-region limiter, so the scan never throttles), report progress after each resource, stop at
// once when cancelled and keep what they found. Pure (no vscode).
import { formatCsv, formatCsvTime } from '../../core/csv';
import type { BlameCache, BlameScope } from './blameCache';
import type { BlameTarget } from './blameTargets';
import { driftOf, type DriftSuspect } from './blameText';

/** A target and where it was found. */
export interface DriftTarget extends BlameTarget {
  readonly file?: string;
}

/** Progress after each resource. */
export interface DriftProgress {
  readonly done: number;
  readonly total: number;
  readonly suspects: number;
}

/** What a scan found, also when cancelled or partly failed. */
export interface DriftResult {
  /** Newest change first. */
  readonly suspects: readonly DriftSuspect[];
  readonly scanned: number;
  readonly total: number;
  /** Resources with no change found in the window. */
  readonly unchanged: number;
  /** Resources whose lookup failed in some region (message per resource). */
  readonly failed: readonly { readonly address: string; readonly message: string }[];
  readonly cancelled: boolean;
}

/** Options of {@link scanDrift}. */
export interface DriftScanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DriftProgress, suspects: readonly DriftSuspect[]) => void;
  /** Lookups in flight at once (default 4: enough to keep every region's budget busy). */
  readonly concurrency?: number;
  readonly now: () => number;
}

/** Scans `targets` through `cache` in `scope`. */
export async function scanDrift(targets: readonly DriftTarget[], cache: BlameCache, scope: BlameScope, options: DriftScanOptions): Promise<DriftResult> {
  const suspects: DriftSuspect[] = [];
  const failed: { address: string; message: string }[] = [];
  let next = 0;
  let scanned = 0;
  let unchanged = 0;
  const sorted = (): DriftSuspect[] => [...suspects].sort((a, b) => b.blame.event.time - a.blame.event.time || a.address.localeCompare(b.address));
  const worker = async (): Promise<void> => {
    while (next < targets.length && options.signal?.aborted !== true) {
      const target = targets.at(next++);
      if (target === undefined) break;
      const history = await cache.historyOf(target, scope, options.signal);
      if (history.cancelled) break;
      scanned++;
      if (history.failures.length > 0) failed.push({ address: target.address, message: history.failures.map((f) => f.message).join(' ') });
      const suspect = driftOf(target.address, history, options.now(), { line: target.line, ...(target.file !== undefined ? { file: target.file } : {}) });
      if (suspect !== undefined) suspects.push(suspect);
      else if (history.changes.length === 0) unchanged++;
      options.onProgress?.({ done: scanned, total: targets.length, suspects: suspects.length }, sorted());
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 4, targets.length));
  await Promise.all(Array.from({ length: n }, () => worker()));
  return { suspects: sorted(), scanned, total: targets.length, unchanged, failed, cancelled: options.signal?.aborted === true && scanned < targets.length };
}

/** The suspects as a CSV table (formula-injection neutralized by core/csv). */
export function driftCsv(suspects: readonly DriftSuspect[]): string {
  const header = ['Resource', 'File', 'Line', 'Changed at (UTC)', 'Event name', 'Changed by', 'Change channel', 'Outside IaC', 'Source IP', 'Event ID', 'Region'];
  const rows = suspects.map((s) => {
    const e = s.blame.event;
    return [s.address, s.file ?? '', String(s.line + 1), formatCsvTime(e.time), e.name, s.blame.human.label, s.blame.channel.label, s.blame.outsideIac ? 'yes' : 'no', e.sourceIp ?? '', e.id, e.region];
  });
  return formatCsv([header, ...rows]);
}
