// The real CLI bundle for tests that run it as a user would: built in the test's own setup
// (when missing or older than its sources), never assumed to exist.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const root = path.join(__dirname, '..', '..', '..', '..');
export const cli = path.join(root, 'dist', 'cli.js');

/** Newest modification time of the sources bundled into dist/cli.js. */
function newestSource(): number {
  const dirs = ['src/cli', 'src/core', 'src/archive'].map((d) => path.join(root, d));
  const files = [path.join(root, 'src', 'cli.ts'), ...dirs.flatMap((d) => readdirSync(d, { recursive: true }).map((f) => path.join(d, String(f))))];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** Builds dist/cli.js when it is missing or older than its sources, so the test runs the real bundle. */
export function ensureCliBuilt(): void {
  let built = 0;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newestSource()) {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  }
}

/** Runs `node dist/cli.js …`. */
export function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
