/**
 * `node dist/cli.js validate-digests PATH… --keys KEYS.json`: log file integrity from local copies,
 * like `aws cloudtrail validate-logs`. One line per finding on stdout; exit 0 only when every
 * digest is signed and valid, every listed log file is present and unaltered, and every local log
 * file is listed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readPublicKeysFile } from '../archive/digest/publicKeys';
import { validateDigests } from '../archive/digest/validateDigests';
import { scanArchive } from '../archive/scanArchive';
import { type LineWriter, stdoutWriter } from './output';

const USAGE = `usage: cli validate-digests PATH… --keys KEYS.json [--signatures SIGS.json]
  PATH: folders holding CloudTrail-Digest/ and CloudTrail/ files (the AWSLogs/ layout).
  KEYS.json: output of \`aws cloudtrail list-public-keys --region R\`.
  SIGS.json: optional {"<digest file name or bucket/key>": "<hex signature>"}; otherwise signatures
  come from <digest>.metadata.json (\`aws s3api head-object\` output) or the next digest.`;

/** Runs `validate-digests`; resolves with 0 (all valid), 1 (findings) or 2 (bad usage). */
export async function validateDigestsCommand(args: readonly string[], out: LineWriter = stdoutWriter(), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { keys: { type: 'string' }, signatures: { type: 'string' } } });
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0 || values.keys === undefined) {
    err(USAGE);
    return 2;
  }
  let keys;
  let signatures: Map<string, string> | undefined;
  try {
    keys = await readPublicKeysFile(values.keys);
    if (values.signatures !== undefined) {
      const json = JSON.parse(await readFile(values.signatures, 'utf8')) as Record<string, unknown>;
      signatures = new Map(Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    }
  } catch (e) {
    err(e instanceof Error ? e.message : String(e));
    return 2;
  }
  for (const problem of keys.problems) err(`key problem: ${problem}`);
  const scan = await scanArchive(positionals);
  for (const problem of scan.problems) err(`problem: ${problem.path}: ${problem.message}`);
  const report = await validateDigests({
    digestPaths: scan.digests,
    logPaths: scan.files.filter((f) => f.info.kind === 'log' || f.info.kind === 'insight').map((f) => f.path),
    keys: keys.keys,
    ...(signatures ? { signatures } : {}),
  });
  for (const d of report.digests) await out.write(`digest ${d.status}\t${d.path}\t${d.message}`);
  for (const c of report.chain) await out.write(`chain ${c.kind}\t${c.digestPath}\t${c.message}`);
  for (const l of report.logFiles) if (l.status !== 'valid') await out.write(`log ${l.status}\t${l.path ?? l.s3Path}\t${l.message}`);
  for (const n of report.notCovered) await out.write(`log ${n.reason}\t${n.path}\t${n.message}`);
  const validLogs = report.logFiles.filter((l) => l.status === 'valid').length;
  err(
    JSON.stringify({
      ok: report.ok,
      digests: report.digests.length,
      validDigests: report.digests.filter((d) => d.status === 'valid').length,
      logFiles: report.logFiles.length,
      validLogFiles: validLogs,
      notCovered: report.notCovered.length,
    }),
  );
  return report.ok ? 0 : 1;
}
