/**
 * The `serve-local` entry: `npm run serve-local -- --sample --port 4566`, or once compiled
 * `node out/tools/local-cloudtrail/run.js …`. Kept apart from main.ts so that importing main.ts
 * (tests, the demo) never starts a server.
 */
import { runServeLocal } from './main';

void runServeLocal(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
