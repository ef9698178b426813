/**
 * `node dist/cli.js validate-digests PATH… --keys KEYS.json`: log file integrity from local copies,
 * like `aws cloudtrail validate-logs`. One line per finding on stdout (`<kind> <reason>\t<file>\t<why>`),
 * the report's headline and a JSON summary on stderr; the exit code tells the verdict.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { integrityCounts, integrityHeadline, integrityReportText } from '../archive/digest/reportContent';
import { type DigestValidationReport, validateDigests } from '../archive/digest/validateDigests';
import { scanArchive } from '../archive/scanArchive';
import { digestInputsOrReport } from './digestInputs';
import { type LineWriter, stdoutWriter } from './output';

/** Exit codes of `validate-digests` (also printed by `--help`). */
export const VALIDATE_EXIT = { verified: 0, failed: 1, usage: 2, notYetCovered: 3 } as const;

const USAGE = `usage: cli validate-digests PATH… --keys KEYS.json [--signatures SIGS.json] [--report FILE]
  PATH: folders holding CloudTrail-Digest/ and CloudTrail/ files (the AWSLogs/ layout, or a folder
        inside it). Log files are matched to digests by their S3 key from AWSLogs/ on.
  KEYS.json: output of \`aws cloudtrail list-public-keys --region R --start-time … --end-time …\`.
  SIGS.json: optional {"<digest file name or bucket/key>": "<hex signature>"}; otherwise signatures
        come from <digest>.metadata.json (\`aws s3api head-object\` output) or the next digest.
        The newest digest's signature exists only in S3 object metadata (x-amz-meta-signature).
  --report FILE: also write the full report (text) to FILE.
exit codes:
  0  verified: every digest signed and valid, the chain unbroken, every log file listed and unaltered
  1  tampering or errors: altered, missing, unlisted or unverifiable files, bad or missing signatures,
     unknown algorithms or keys, keys outside their validity, chain breaks
  2  bad usage, unreadable keys or signatures file
  3  not yet covered: nothing failed, but some log files are newer than the newest digest given`;

/** The exit code for a verdict. */
export function exitCodeOf(report: DigestValidationReport): number {
  return VALIDATE_EXIT[report.verdict];
}

/** One stdout line per finding: failures, then files not yet covered, then notes. */
export function findingLines(report: DigestValidationReport): string[] {
  return [
    ...report.digests.filter((d) => d.status !== 'valid').map((d) => `digest ${d.reason}\t${d.path}\t${d.message}`),
    ...report.chain.map((c) => `chain ${c.kind}\t${c.digestPath}\t${c.message}`),
    ...report.logFiles.filter((l) => l.status === 'missing').map((l) => `log missing\t${l.s3Path}\t${l.message}`),
    ...report.files.filter((f) => f.status === 'altered' || f.status === 'unverified').map((f) => `log ${f.reason}\t${f.path}\t${f.message}`),
    ...report.files.filter((f) => f.status === 'notYetCovered').map((f) => `log ${f.reason}\t${f.path}\t${f.message}`),
    ...report.notes.map((n) => `note ${n.kind}\t${n.digestPath}\t${n.message}`),
  ];
}

/** Runs `validate-digests`; resolves with the exit code ({@link VALIDATE_EXIT}). */
export async function validateDigestsCommand(args: readonly string[], out: LineWriter = stdoutWriter(), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { keys: { type: 'string' }, signatures: { type: 'string' }, report: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return VALIDATE_EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    err(USAGE);
    return 0;
  }
  if (positionals.length === 0 || values.keys === undefined) {
    err(USAGE);
    return VALIDATE_EXIT.usage;
  }
  const keys = await digestInputsOrReport(values.keys, values.signatures, err);
  if (keys === undefined) return VALIDATE_EXIT.usage;
  for (const problem of keys.problems) err(`key problem: ${problem}`);
  const scan = await scanArchive(positionals);
  for (const problem of scan.problems) err(`problem: ${problem.path}: ${problem.message}`);
  const report = await validateDigests({
    digestPaths: scan.digests,
    logFiles: scan.files.filter((f) => f.info.kind === 'log' || f.info.kind === 'insight').map((f) => ({ path: f.path, ...(f.key !== undefined ? { key: f.key } : {}) })),
    roots: positionals,
    keys: keys.keys,
    ...(keys.signatures ? { signatures: keys.signatures } : {}),
  });
  for (const line of findingLines(report)) await out.write(line);
  if (values.report !== undefined) {
    await writeFile(values.report, integrityReportText(report, { where: positionals.join(', '), keysFrom: `keys file ${values.keys}`, keys: keys.keys, keyProblems: keys.problems, generatedAt: Date.now() }));
  }
  err(integrityHeadline(report));
  err(JSON.stringify({ verdict: report.verdict, ok: report.ok, ...integrityCounts(report) }));
  return exitCodeOf(report);
}
