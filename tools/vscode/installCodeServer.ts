// CLI: `node out/tools/vscode/installCodeServer.js` installs code-server into the cache when missing.
import { ensureCodeServer } from './codeServer';

ensureCodeServer().then(
  ({ entry, node }) => { console.log(`[code-server] ready: ${entry} on Node ${node.version} (${node.bin})`); },
  (err: unknown) => {
    console.error(`[code-server] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
