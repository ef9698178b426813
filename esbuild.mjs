// Bundles the extension host entry, the headless CLI and the webview client.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(() => {
      mkdirSync('dist/webview', { recursive: true });
      cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
      cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
    });
  },
};

// The API-documentation index is ~650 kB: shipped beside the bundle and read lazily (src/data/loadApiDocs.ts).
const copyApiDocs = {
  name: 'copy-api-docs',
  setup(build) {
    build.onEnd(() => {
      mkdirSync('dist/data', { recursive: true });
      cpSync('src/data/apiDocs.json', 'dist/data/apiDocs.json');
    });
  },
};

const defaults = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  legalComments: 'none',
  plugins: [problemMatcher],
};

const contexts = await Promise.all([
  esbuild.context({
    ...defaults,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    plugins: [problemMatcher, copyApiDocs],
  }),
  esbuild.context({
    ...defaults,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    mainFields: ['module', 'main'],
  }),
  // Loaded at run time only when needed: the S3 SDK (a trail bucket is opened), the store's parser
  // thread and the Athena source with its SDK (Athena is connected).
  esbuild.context({
    ...defaults,
    entryPoints: { s3Sdk: 'src/aws/s3Sdk.ts', ingestWorker: 'src/archive/store/ingestWorker.ts', inflateWorker: 'src/archive/inflateWorker.ts', athenaModule: 'src/aws/athena/athenaModule.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
  }),
  esbuild.context({
    ...defaults,
    // One browser bundle per webview client.
    entryPoints: { eventDetails: 'src/features/eventPanel/client/main.ts', timeline: 'src/features/lookups/timeline/client/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [problemMatcher, copyCodicons],
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
}
