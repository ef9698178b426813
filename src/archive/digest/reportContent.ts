/**
 * The integrity report as a person reads it, as pure data: a headline and titled sections of text
 * lines. The verdict comes first; every failure has its own line with its reason; what was
 * verified is listed too, so the report says exactly what was and was not checked. The VS Code
 * report document, the CLI and evidence bundles all print these lines.
 */
import type { DigestValidationReport, IntegrityVerdict } from './integrityTypes';
import type { TrailPublicKey } from './publicKeys';

/** Where the files and keys came from, for the header. */
export interface IntegrityReportContext {
  /** The folders or files validated. */
  readonly where: string;
  /** e.g. `keys file keys.json`, `ListPublicKeys (profile default, us-east-1)`. */
  readonly keysFrom: string;
  readonly keys: readonly TrailPublicKey[];
  readonly keyProblems: readonly string[];
  readonly generatedAt: number;
}

/** A titled block of lines. */
export interface ReportSection {
  readonly title: string;
  readonly lines: readonly string[];
}

/** The short label of every reason, as the failure lines start. */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  signatureMismatch: 'BAD SIGNATURE',
  malformedSignature: 'MALFORMED SIGNATURE',
  unknownSignatureAlgorithm: 'UNKNOWN ALGORITHM',
  noSignature: 'NO SIGNATURE',
  unknownKey: 'UNKNOWN KEY',
  keyOutsideValidity: 'KEY NOT VALID THEN',
  unreadable: 'UNREADABLE',
  moved: 'MOVED',
  missingPrevious: 'CHAIN GAP',
  previousHashMismatch: 'CHAIN HASH MISMATCH',
  previousSignatureMismatch: 'CHAIN SIGNATURE MISMATCH',
  missingPreviousSignature: 'NO PREVIOUS SIGNATURE',
  unknownPreviousHashAlgorithm: 'UNKNOWN CHAIN HASH',
  missing: 'MISSING',
  hashMismatch: 'ALTERED',
  unknownHashAlgorithm: 'UNKNOWN HASH',
  digestNotVerified: 'DIGEST NOT VERIFIED',
  notListed: 'NOT LISTED',
  notInLayout: 'NO S3 KEY',
  noDigestForRegion: 'NO DIGEST FOR REGION',
  beforeDigests: 'BEFORE DIGESTS',
  afterLastDigest: 'NOT YET COVERED',
  chainRestart: 'CHAIN RESTART',
  chainStartsEarlier: 'CHAIN STARTS EARLIER',
};

const WIDTH = 26;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function item(reason: string, subject: string, message: string): string[] {
  return [`  ${(REASON_LABELS[reason] ?? reason).padEnd(WIDTH)} ${subject}`, `  ${' '.repeat(WIDTH)} ${message}`];
}

/** Counts behind the headline and the summary. */
export function integrityCounts(report: DigestValidationReport): Record<'digests' | 'validDigests' | 'listed' | 'validListed' | 'files' | 'verified' | 'altered' | 'unverified' | 'notYetCovered' | 'missing' | 'chainIssues', number> {
  const files = (s: string): number => report.files.filter((f) => f.status === s).length;
  return {
    digests: report.digests.length,
    validDigests: report.digests.filter((d) => d.status === 'valid').length,
    listed: report.logFiles.length,
    validListed: report.logFiles.filter((l) => l.status === 'valid').length,
    files: report.files.length,
    verified: files('verified'),
    altered: files('altered'),
    unverified: files('unverified'),
    notYetCovered: files('notYetCovered'),
    missing: report.logFiles.filter((l) => l.status === 'missing').length,
    chainIssues: report.chain.length,
  };
}

const VERDICT_WORDS: Readonly<Record<IntegrityVerdict, string>> = {
  verified: 'VERIFIED — every digest is signed by a CloudTrail key valid at its time, the chain is unbroken, every listed log file is present and unaltered, and every log file here is listed',
  notYetCovered: 'NOT YET COVERED — nothing failed, but some log files are newer than the newest digest given; validate again once the next digest is delivered',
  failed: 'FAILED — see each problem below',
};

/** One line for a notification or a CLI summary. */
export function integrityHeadline(report: DigestValidationReport): string {
  const c = integrityCounts(report);
  if (report.verdict === 'verified') return `Trail log integrity: verified — ${plural(c.validDigests, 'digest')} and ${plural(c.verified, 'log file')} verified.`;
  const parts = [
    c.altered > 0 ? `${c.altered} altered` : '',
    c.missing > 0 ? `${c.missing} missing` : '',
    c.unverified > 0 ? `${c.unverified} unverified` : '',
    c.notYetCovered > 0 ? `${c.notYetCovered} not yet covered` : '',
    c.digests - c.validDigests > 0 ? `${plural(c.digests - c.validDigests, 'digest')} not verified` : '',
    c.chainIssues > 0 ? plural(c.chainIssues, 'chain issue') : '',
    c.digests === 0 ? 'no digests' : '',
  ].filter((p) => p !== '');
  const word = report.verdict === 'notYetCovered' ? 'not yet covered' : 'FAILED';
  return `Trail log integrity: ${word} — ${c.verified} of ${plural(c.files, 'log file')} verified; ${parts.join(', ')}.`;
}

/** The full report as sections of lines. */
export function integrityReportSections(report: DigestValidationReport, context: IntegrityReportContext): ReportSection[] {
  const c = integrityCounts(report);
  const sections: ReportSection[] = [
    {
      title: 'CloudTrail log file integrity report',
      lines: [`Generated:   ${iso(context.generatedAt)}`, `Files:       ${context.where}`, `Public keys: ${context.keys.length} from ${context.keysFrom}`, `Verdict:     ${VERDICT_WORDS[report.verdict]}`],
    },
    {
      title: 'Summary',
      lines: [
        `  Digest files     ${String(c.digests).padStart(6)}   verified ${c.validDigests}`,
        `  Listed by them   ${String(c.listed).padStart(6)}   present and unaltered ${c.validListed} · missing ${c.missing}`,
        `  Log files here   ${String(c.files).padStart(6)}   verified ${c.verified} · altered ${c.altered} · unverified ${c.unverified} · not yet covered ${c.notYetCovered}`,
        `  Chain issues     ${String(c.chainIssues).padStart(6)}`,
      ],
    },
  ];
  const failures = [
    ...(report.digests.length === 0 ? item('noSignature', '(no digest files)', 'No digest was given: nothing can be verified. Copy the CloudTrail-Digest/ folder too.') : []),
    ...report.digests.filter((d) => d.status !== 'valid').flatMap((d) => item(d.reason, d.path, d.message)),
    ...report.chain.flatMap((i) => item(i.kind, i.digestPath, i.message)),
    // Listed files that are here are reported once, as local files, below.
    ...report.logFiles.filter((l) => l.status === 'missing').flatMap((l) => item(l.reason, l.s3Path, l.message)),
    ...report.files.filter((f) => f.status === 'altered' || f.status === 'unverified').flatMap((f) => item(f.reason, f.key ?? f.path, f.message)),
  ];
  if (failures.length > 0) sections.push({ title: 'Problems', lines: failures });
  const pending = report.files.filter((f) => f.status === 'notYetCovered');
  if (pending.length > 0) sections.push({ title: 'Not yet covered by a digest', lines: pending.flatMap((f) => item(f.reason, f.key ?? f.path, f.message)) });
  const keyNotes = context.keys.filter((k) => k.validFrom === undefined && k.validTo === undefined).map((k) => `  key ${k.fingerprint} came without a validity window: the digests' times were not checked against it`);
  const notes = [...report.notes.flatMap((n) => item(n.kind, n.digestPath, n.message)), ...keyNotes, ...context.keyProblems.map((p) => `  key problem: ${p}`)];
  if (notes.length > 0) sections.push({ title: 'Notes', lines: notes });
  const verified = [
    ...report.digests.filter((d) => d.status === 'valid').map((d) => `  DIGEST ${d.key ?? d.path}  (${d.signatureSource === 'own' ? (d.signatureFrom ?? 'own signature') : 'signature carried by the next digest'})`),
    ...report.files.filter((f) => f.status === 'verified').map((f) => `  LOG    ${f.key ?? f.path}  (digest ${f.digestKey ?? ''})`),
  ];
  if (verified.length > 0) sections.push({ title: 'Verified', lines: verified });
  const used = new Map<string, number>();
  for (const d of report.digests) if (d.fingerprint !== undefined) used.set(d.fingerprint, (used.get(d.fingerprint) ?? 0) + 1);
  sections.push({
    title: 'Public keys',
    lines: context.keys.length === 0 ? ['  (none)'] : context.keys.map((k) => `  ${k.fingerprint}  valid ${k.validFrom !== undefined ? iso(k.validFrom) : '…'} to ${k.validTo !== undefined ? iso(k.validTo) : '…'}  named by ${plural(used.get(k.fingerprint) ?? 0, 'digest')}`),
  });
  return sections;
}

/** The sections as one text document. */
export function integrityReportText(report: DigestValidationReport, context: IntegrityReportContext): string {
  return `${integrityReportSections(report, context)
    .map((s) => [s.title, ...s.lines].join('\n'))
    .join('\n\n')}\n`;
}
