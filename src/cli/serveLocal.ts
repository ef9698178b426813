/**
 * `node dist/cli.js serve-local (--records FILE… | --sample [--seed N]) [--port N] [--rps N]`:
 * serves records through the local CloudTrail-compatible endpoint (tools/local-cloudtrail) until
 * Ctrl-C, for the demo, benchmarks and outside checks such as the AWS CLI.
 */
import { runServeLocal } from '../../tools/local-cloudtrail/main';
import { readRecordFile } from '../archive/recordFile';

/**
 * Reads every record of one file (trail file, `.json.gz`, JSON lines). Bad records are counted and
 * reported once; a file with nothing readable is an error that names it.
 */
export async function readRecordsForServing(path: string, warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<unknown[]> {
  const records: unknown[] = [];
  const problems: string[] = [];
  for await (const item of readRecordFile(path)) {
    if (item.kind === 'record') records.push(item.record);
    else problems.push(item.error);
  }
  if (records.length === 0 && problems.length > 0) throw new Error(problems[0]);
  if (problems.length > 0) warn(`${path}: ${problems.length} problem(s), first: ${problems[0]}`);
  return records;
}

/** The `serve-local` command; resolves with the exit code once the server stops. */
export function serveLocal(argv: readonly string[]): Promise<number> {
  return runServeLocal(argv, (path) => readRecordsForServing(path));
}
