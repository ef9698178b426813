/**
 * Bundle size benchmark: the production extension bundle and the packaged .vsix, each as a ratio
 * against a baseline built in the same run — the same SDK packages bundled without tree-shaking
 * (every export kept), and the size of the runtime dependencies if they shipped as node_modules.
 * Run: npm run bench:size
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../..');

/** Minified size of a bundle, and how much of it comes from node_modules. */
async function bundleBytes(options: esbuild.BuildOptions): Promise<{ total: number; dependencies: number }> {
  const result = await esbuild.build({
    ...options,
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  const total = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  const dependencies = Object.values(result.metafile.outputs)
    .flatMap((o) => Object.entries(o.inputs))
    .filter(([file]) => file.includes('node_modules'))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return { total, dependencies };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

/** Every package reachable from the runtime dependencies (what `vsce package` without bundling would ship). */
function runtimeClosure(): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const dir = path.join(root, 'node_modules', name);
    if (!fs.existsSync(dir)) return;
    seen.add(name);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(pkg.dependencies)) visit(dep);
  return [...seen];
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const ours = await bundleBytes({ entryPoints: [path.join(root, 'src/extension.ts')], external: ['vscode'], mainFields: ['module', 'main'] });
  // The Athena source is loaded only when a user connects to Athena: measured as its own lazy chunk.
  const athena = await bundleBytes({ entryPoints: [path.join(root, 'src/aws/athena/athenaEventSource.ts')], mainFields: ['module', 'main'] });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-size-'));
  const whole = path.join(tmp, 'whole.js');
  // Keeping every export defeats tree-shaking: what the SDK costs when nothing is dropped.
  fs.writeFileSync(
    whole,
    `const a = require('@aws-sdk/client-cloudtrail'); const b = require('@aws-sdk/credential-providers'); const c = require('@smithy/shared-ini-file-loader'); module.exports = { a, b, c };`,
  );
  const baseline = await bundleBytes({ entryPoints: [whole], nodePaths: [path.join(root, 'node_modules')], mainFields: ['module', 'main'] });

  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
  const vsix = fs.statSync(path.join(root, 'dist-pkg', 'cloudtrail-investigator.vsix')).size;
  const extensionJs = fs.statSync(path.join(root, 'dist', 'extension.js')).size;
  const gz = gzipSync(fs.readFileSync(path.join(root, 'dist', 'extension.js'))).byteLength;
  const closure = runtimeClosure();
  const nodeModules = closure.reduce((sum, name) => sum + dirBytes(path.join(root, 'node_modules', name)), 0);
  fs.rmSync(tmp, { recursive: true, force: true });

  console.log('bundle size (production build)');
  console.log(`  dist/extension.js            ${kb(extensionJs)} (${kb(gz)} gzipped)`);
  console.log(`  of which our code            ${kb(ours.total - ours.dependencies)}`);
  console.log(`  of which AWS SDK             ${kb(ours.dependencies)}`);
  console.log(`  SDK bundled whole (baseline) ${kb(baseline.dependencies)}   → SDK in our bundle / baseline = ${(ours.dependencies / baseline.dependencies).toFixed(3)}`);
  console.log(`  Athena source as a lazy chunk ${kb(athena.total)} (not in dist/extension.js; ${kb(athena.dependencies)} of it SDK) → chunk / extension bundle = ${(athena.total / extensionJs).toFixed(3)}`);
  console.log(`  .vsix                        ${kb(vsix)}`);
  console.log(`  runtime deps as node_modules ${kb(nodeModules)} in ${closure.length} packages → vsix / node_modules = ${(vsix / nodeModules).toFixed(3)}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
