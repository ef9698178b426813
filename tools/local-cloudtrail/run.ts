/**
 * Direct entry without the bundle: `node out/tools/local-cloudtrail/run.js --sample --port 4566`
 * (same arguments as `node dist/cli.js serve-local`). Kept apart from main.ts so that bundling
 * main.ts into dist/cli.js never starts a second server.
 */
import { runServeLocal } from './main';

void runServeLocal(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
