// CLI: `node out/tools/vscode/installCodeServer.js` installs code-server into the cache when missing.
import { ensureCodeServer } from './codeServer';

ensureCodeServer().then(
  (bin) => { console.log(`[code-server] ready: ${bin}`); },
  (err: unknown) => {
    console.error(`[code-server] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
