// The readable integrity report: counts first, then every digest and log file with its status.
// Pure (no 'vscode'), so unit tests cover it.
import type { DigestValidationReport } from '../archive/digest/validateDigests';

/** The counts a person acts on. */
export interface IntegrityCounts {
  readonly digests: number;
  readonly validDigests: number;
  /** Digests whose signature did not verify. */
  readonly invalidSignatures: number;
  /** Digests with no signature found (no sidecar, no later digest carrying it). */
  readonly unsignedDigests: number;
  /** Digests whose key is unknown or was not valid at the digest's time. */
  readonly noKey: number;
  /** Digests that could not be read or sit at another path than they say. */
  readonly unreadableDigests: number;
  readonly logFiles: number;
  readonly validLogs: number;
  readonly altered: number;
  readonly missing: number;
  readonly unreadableLogs: number;
  /** Local log files that no digest lists: nothing vouches for them. */
  readonly notCovered: number;
  readonly chainIssues: number;
}

/** Where the files and keys came from, for the report header. */
export interface IntegrityContext {
  readonly where: string;
  readonly keysFrom: string;
  readonly keyCount: number;
  readonly keyProblems: readonly string[];
  readonly generatedAt: number;
}

export function countIntegrity(report: DigestValidationReport): IntegrityCounts {
  const digests = (status: string): number => report.digests.filter((d) => d.status === status).length;
  const logs = (status: string): number => report.logFiles.filter((l) => l.status === status).length;
  return {
    digests: report.digests.length,
    validDigests: digests('valid'),
    invalidSignatures: digests('invalidSignature'),
    unsignedDigests: digests('unsigned'),
    noKey: digests('noKey'),
    unreadableDigests: digests('unreadable') + digests('moved'),
    logFiles: report.logFiles.length,
    validLogs: logs('valid'),
    altered: logs('altered'),
    missing: logs('missing'),
    unreadableLogs: logs('unreadable'),
    notCovered: report.notCovered.length,
    chainIssues: report.chain.length,
  };
}

/** One line for the notification. */
export function integrityHeadline(report: DigestValidationReport): string {
  const c = countIntegrity(report);
  if (report.ok) return `Trail log integrity: valid — ${c.validDigests} digest${c.validDigests === 1 ? '' : 's'} and ${c.validLogs} log file${c.validLogs === 1 ? '' : 's'} verified.`;
  const parts = [
    c.altered > 0 ? `${c.altered} altered` : '',
    c.missing > 0 ? `${c.missing} missing` : '',
    c.unreadableLogs > 0 ? `${c.unreadableLogs} unreadable` : '',
    c.notCovered > 0 ? `${c.notCovered} not covered by a digest` : '',
    c.invalidSignatures > 0 ? `${c.invalidSignatures} bad digest signature${c.invalidSignatures === 1 ? '' : 's'}` : '',
    c.unsignedDigests > 0 ? `${c.unsignedDigests} unsigned digest${c.unsignedDigests === 1 ? '' : 's'}` : '',
    c.noKey > 0 ? `${c.noKey} digest${c.noKey === 1 ? '' : 's'} without a usable key` : '',
    c.unreadableDigests > 0 ? `${c.unreadableDigests} unreadable digest${c.unreadableDigests === 1 ? '' : 's'}` : '',
    c.chainIssues > 0 ? `${c.chainIssues} chain issue${c.chainIssues === 1 ? '' : 's'}` : '',
  ].filter((p) => p !== '');
  return `Trail log integrity: NOT verified — ${parts.join(', ')}.`;
}

const STATUS_WIDTH = 18;
const label = (status: string): string => status.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).toUpperCase().padEnd(STATUS_WIDTH);

/** The full report as plain text. */
export function formatIntegrityReport(report: DigestValidationReport, context: IntegrityContext): string {
  const c = countIntegrity(report);
  const lines: string[] = [
    'CloudTrail log file integrity report',
    `Generated:   ${new Date(context.generatedAt).toISOString()}`,
    `Files:       ${context.where}`,
    `Public keys: ${context.keyCount} from ${context.keysFrom}`,
    `Result:      ${report.ok ? 'VALID — every digest is signed and valid, every listed log file is present and unaltered, every local log file is listed' : 'NOT VERIFIED — see the problems below'}`,
    '',
    'Summary',
    `  Digest files  ${String(c.digests).padStart(6)}   valid ${c.validDigests} · bad signature ${c.invalidSignatures} · unsigned ${c.unsignedDigests} · no key ${c.noKey} · unreadable ${c.unreadableDigests}`,
    `  Log files     ${String(c.logFiles).padStart(6)}   valid ${c.validLogs} · altered ${c.altered} · missing ${c.missing} · unreadable ${c.unreadableLogs}`,
    `  Not covered   ${String(c.notCovered).padStart(6)}   local log files that no digest lists (nothing vouches for them)`,
    `  Chain issues  ${String(c.chainIssues).padStart(6)}   broken or missing links between digests`,
  ];
  if (context.keyProblems.length > 0) lines.push('', 'Key problems', ...context.keyProblems.map((p) => `  ${p}`));
  if (report.chain.length > 0) lines.push('', 'Chain', ...report.chain.map((issue) => `  ${label(issue.kind)} ${issue.digestPath}\n  ${' '.repeat(STATUS_WIDTH)} ${issue.message}`));
  if (report.digests.length > 0) lines.push('', 'Digest files', ...report.digests.map((d) => `  ${label(d.status)} ${d.path}\n  ${' '.repeat(STATUS_WIDTH)} ${d.message}`));
  // Problems first, then the valid files, so the eye lands on what needs attention.
  const logs = [...report.logFiles].sort((a, b) => Number(a.status === 'valid') - Number(b.status === 'valid'));
  if (logs.length > 0) lines.push('', 'Log files listed by the digests', ...logs.map((l) => `  ${label(l.status)} ${l.path ?? l.s3Path}${l.status === 'valid' ? '' : `\n  ${' '.repeat(STATUS_WIDTH)} ${l.message}`}`));
  if (report.notCovered.length > 0) lines.push('', 'Log files no digest lists', ...report.notCovered.map((n) => `  ${label(n.reason)} ${n.path}\n  ${' '.repeat(STATUS_WIDTH)} ${n.message}`));
  return `${lines.join('\n')}\n`;
}
