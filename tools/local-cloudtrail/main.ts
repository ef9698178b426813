/**
 * `serve-local`: starts the local CloudTrail endpoint on 127.0.0.1 with records from files or the
 * sample generator, prints its URL and serves until Ctrl-C.
 *
 *   serve-local (--records FILE… | --sample [--seed N] [--background N]) [--port N] [--rps N]
 *               [--delay MS] [--empty-pages-every N] [--throttle-every-other]
 *               [--hang] [--error-every N] [--drop-body-every N] [--malformed-every N]
 *               [--token-loop] [--empty-pages-forever] [--bad-time-ids ID,ID…]
 */
import { readRecordFile } from '../../src/archive/recordFile';
import { generateSampleRecords } from '../sample-data/generate';
import { parseRegionFault, type FaultOptions } from './faults';
import { startLocalCloudTrail, type LocalCloudTrail } from './server';

export const SERVE_LOCAL_USAGE =
  'usage: serve-local (--records FILE… | --sample [--seed N] [--background N]) [--port N] [--rps N] [--delay MS] [--empty-pages-every N] [--throttle-every-other] [--hang] [--error-every N] [--drop-body-every N] [--malformed-every N] [--token-loop] [--empty-pages-forever] [--bad-time-ids ID,…]';

export interface ServeLocalArgs {
  readonly files: readonly string[];
  readonly sample: boolean;
  readonly seed: number;
  readonly background?: number;
  readonly port: number;
  readonly rps: number;
  readonly delayMs: number;
  readonly emptyPagesEvery: number;
  readonly throttleEveryOther: boolean;
  readonly faults: FaultOptions;
}

/** Reads the records of one file ({"Records":[…]}, .json.gz trail file or JSON lines). */
export type RecordFileReader = (path: string) => Promise<readonly unknown[]>;

function integer(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}, got ${value ?? 'nothing'}`);
  return n;
}

/** Parses the command line; throws an Error whose message is meant for the user. */
export function parseServeLocalArgs(argv: readonly string[]): ServeLocalArgs {
  const files: string[] = [];
  let sample = false;
  let seed = 1;
  let background: number | undefined;
  let port = 0;
  let rps = 2;
  let delayMs = 0;
  let emptyPagesEvery = 0;
  let throttleEveryOther = false;
  const faults: { -readonly [K in keyof FaultOptions]: FaultOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (arg) {
      case '--records':
        while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) files.push(argv[++i]);
        if (files.length === 0) throw new Error('--records needs at least one file');
        break;
      case '--sample':
        sample = true;
        break;
      case '--seed':
        seed = integer(arg, next(), 0);
        break;
      case '--background':
        background = integer(arg, next(), 0);
        break;
      case '--port':
        port = integer(arg, next(), 0);
        if (port > 65535) throw new Error('--port must be at most 65535');
        break;
      case '--rps':
        rps = integer(arg, next(), 0);
        break;
      case '--delay':
        delayMs = integer(arg, next(), 0);
        break;
      case '--empty-pages-every':
        emptyPagesEvery = integer(arg, next(), 0);
        break;
      case '--throttle-every-other':
        throttleEveryOther = true;
        break;
      case '--hang':
        faults.hang = true;
        break;
      case '--error-every':
        faults.serverErrorEvery = integer(arg, next(), 1);
        break;
      case '--drop-body-every':
        faults.dropBodyEvery = integer(arg, next(), 1);
        break;
      case '--malformed-every':
        faults.malformedBodyEvery = integer(arg, next(), 1);
        break;
      case '--token-loop':
        faults.tokenLoop = true;
        break;
      case '--empty-pages-forever':
        faults.emptyPagesForever = true;
        break;
      case '--bad-time-ids':
        faults.badTimeIds = (next() ?? '').split(',').filter((id) => id !== '');
        break;
      case '--region-fault': {
        const [region, fault] = parseRegionFault(next() ?? '');
        faults.regionFaults = { ...faults.regionFaults, [region]: fault };
        break;
      }
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (sample === (files.length > 0)) throw new Error('give either --records FILE… or --sample');
  return { files, sample, seed, ...(background !== undefined ? { background } : {}), port, rps, delayMs, emptyPagesEvery, throttleEveryOther, faults };
}

/** Loads the records and starts the endpoint; the caller decides how long it runs. */
export async function startFromArgs(args: ServeLocalArgs, readRecords: RecordFileReader, log: (line: string) => void): Promise<LocalCloudTrail> {
  let records: unknown[] = [];
  if (args.sample) {
    const generated = generateSampleRecords({ now: Date.now(), seed: args.seed, ...(args.background !== undefined ? { backgroundEvents: args.background } : {}) });
    records = generated.records;
    log(`sample data: ${records.length} records, incident at ${new Date(generated.story.incidentTime).toISOString()}`);
  } else {
    for (const file of args.files) {
      const fileRecords = await readRecords(file);
      log(`${file}: ${fileRecords.length} records`);
      records.push(...fileRecords);
    }
  }
  return startLocalCloudTrail({
    records,
    port: args.port,
    requestsPerSecond: args.rps,
    pageDelayMs: args.delayMs,
    emptyPagesEvery: args.emptyPagesEvery,
    throttleEveryOther: args.throttleEveryOther,
    faults: args.faults,
  });
}

/**
 * Reads every record of one file with the archive reader. Bad records are counted and reported
 * once; a file with nothing readable is an error that names it.
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

/** Runs until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runServeLocal(argv: readonly string[], readRecords: RecordFileReader = (path) => readRecordsForServing(path)): Promise<number> {
  let args: ServeLocalArgs;
  try {
    args = parseServeLocalArgs(argv);
  } catch (err) {
    process.stderr.write(`serve-local: ${(err as Error).message}\n${SERVE_LOCAL_USAGE}\n`);
    return 2;
  }
  let server: LocalCloudTrail;
  try {
    server = await startFromArgs(args, readRecords, (line) => process.stderr.write(`${line}\n`));
  } catch (err) {
    process.stderr.write(`serve-local: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`Local CloudTrail endpoint at ${server.url} (${args.rps > 0 ? `${args.rps} requests/s per region` : 'no throttling'}); Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stderr.write(`served ${server.stats.requests} requests (${server.stats.throttled} throttled)\n`);
  return 0;
}
