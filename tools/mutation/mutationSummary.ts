/**
 * Reads a Stryker mutation report (mutation-testing-report-schema JSON, what the `json` reporter and
 * the incremental file hold): counts per status, the mutation score as Stryker computes it, and the
 * undetected mutants (survived or not covered), each with a key that stays the same when lines move.
 */

/** The part of one mutant in the report this tool reads. */
interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

/** The part of a report this tool reads. */
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>>;
}

/** Mutants per status (Stryker's names: Killed, Survived, NoCoverage, Timeout, CompileError, Ignored…). */
export type StatusCounts = Readonly<Partial<Record<string, number>>>;

/** A mutant no test detected. */
export interface Undetected {
  /** Stable across line moves: file, mutator, original code and replacement, whitespace collapsed. */
  readonly key: string;
  /** `file:line:column`, for people. */
  readonly where: string;
  readonly status: string;
}

/** Counts and undetected mutants of one report. */
export interface MutationSummary {
  readonly counts: StatusCounts;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), in percent; NaN with no valid mutant. */
  readonly score: number;
  readonly undetected: readonly Undetected[];
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The source text a location spans (report lines and columns are 1-based). */
function textAt(source: string, location: ReportMutant['location']): string {
  const lines = source.split('\n');
  const { start, end } = location;
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

const MAX_KEY_PART = 120;
const shorten = (text: string): string => (text.length > MAX_KEY_PART ? `${text.slice(0, MAX_KEY_PART)}…` : text);

/** The survivor-list key of one mutant: `` file · Mutator · original → replacement ``. */
export function mutantKey(file: string, source: string, mutant: ReportMutant): string {
  return `${file} · ${mutant.mutatorName} · ${shorten(collapse(textAt(source, mutant.location)))} → ${shorten(collapse(mutant.replacement ?? ''))}`;
}

/** Sums statuses and lists undetected mutants of `report`, files in path order. */
export function summarize(report: MutationReport): MutationSummary {
  const counts: Partial<Record<string, number>> = {};
  const undetected: Undetected[] = [];
  for (const file of Object.keys(report.files).sort()) {
    const { source, mutants } = report.files[file] ?? { source: '', mutants: [] };
    for (const m of mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        undetected.push({ key: mutantKey(file, source, m), where: `${file}:${m.location.start.line}:${m.location.start.column}`, status: m.status });
      }
    }
  }
  return { counts, score: scoreOf(counts), undetected };
}

/** Stryker's mutation score over all valid mutants, in percent. */
export function scoreOf(counts: StatusCounts): number {
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return valid === 0 ? Number.NaN : (100 * detected) / valid;
}

/** Adds status counts. */
export function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  const sum: Partial<Record<string, number>> = { ...a };
  for (const [status, n] of Object.entries(b)) sum[status] = (sum[status] ?? 0) + (n ?? 0);
  return sum;
}

/** Undetected mutants whose key does not appear in the survivors list (the list explains each one it names). */
export function unexplained(undetected: readonly Undetected[], survivorsList: string): Undetected[] {
  const listed = collapse(survivorsList);
  return undetected.filter((u) => !listed.includes(u.key));
}
