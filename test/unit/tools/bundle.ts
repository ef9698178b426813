// Unit tests that read the bundles (dist/) build them themselves, so they pass in a fresh clone and
// whatever ran before them.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of what esbuild reads: src/, esbuild.mjs, package.json. */
function newestInput(): number {
  const src = path.join(root, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).map((f) => path.join(src, f));
  return Math.max(...[...files, path.join(root, 'esbuild.mjs'), path.join(root, 'package.json')].map(mtime));
}

/** Runs the development build (`node esbuild.mjs`) unless every bundle in `outputs` is newer than its inputs. */
export function ensureBundle(outputs: readonly string[] = ['dist/extension.js', 'dist/cli.js', 'dist/webview/eventDetails.js']): void {
  const oldest = Math.min(...outputs.map((o) => mtime(path.join(root, o))));
  if (oldest > 0 && oldest >= newestInput()) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe', timeout: 180_000 });
}
