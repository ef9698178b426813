/**
 * `node dist/cli.js serve-local (--records FILE… | --sample [--seed N]) [--port N] [--rps N]`:
 * serves records through the local CloudTrail-compatible endpoint (tools/local-cloudtrail) until
 * Ctrl-C, for the demo, benchmarks and outside checks such as the AWS CLI.
 */
import { runServeLocal } from '../../tools/local-cloudtrail/main';

/** The `serve-local` command; resolves with the exit code once the server stops. */
export function serveLocal(argv: readonly string[]): Promise<number> {
  return runServeLocal(argv);
}
