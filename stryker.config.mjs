// @ts-check
// Mutation testing of the inner rings (src/core, src/aws, src/archive) with StrykerJS.
//
// How it fits the unit tier: Stryker copies the project into a sandbox, writes every mutant into the
// TypeScript sources there (mutant switching: all mutants in one build, one active at a time), then
// runs `buildCommand` — the same `tsc -p tsconfig.test.json` that `npm run compile-tests` runs — so
// the mocha runner loads the compiled unit tests from out/ exactly as `npm run test:unit` does. The
// TypeScript checker drops mutants that do not compile before any test runs.
//
// Run it through `npm run mutate` (tools/mutation/runMutate.ts): one Stryker run per scope (core,
// aws, archive), each with its own incremental file, so one folder can be re-run without
// invalidating the others. MUTATE_SCOPE selects the folder; used directly, this file mutates all three.
const scope = process.env.MUTATE_SCOPE ?? '';
const folders = scope === '' ? ['core', 'aws', 'archive'] : [scope];
// A file scope may carry a line range (`core/arn.ts:204-297`, Stryker's own syntax) to mutate one
// function of a larger file; its report is named `core-arn-L204-297`.
const isFile = (f) => /\.ts(:\d+-\d+)?$/.test(f);
const name = scope === '' ? 'all' : scope.replace(/\.ts(?::(\d+)-(\d+))?$/, (_, from, to) => (from === undefined ? '' : `-L${from}-${to}`)).replaceAll('/', '-');
// MUTATE_TESTS narrows the unit tests Stryker runs (comma-separated globs under out/test/unit, e.g.
// `core/**` or `aws/lookup*`): on a loaded machine a file scope covered by hundreds of slow tests then
// takes minutes instead of an hour. Conservative: a mutant only other tests would kill counts as survived.
const tests = (process.env.MUTATE_TESTS ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
const spec = tests.length === 0 ? ['out/test/unit/**/*.test.js'] : tests.map((t) => `out/test/unit/${t.endsWith('.js') ? t : t.endsWith('**') ? `${t}/*.test.js` : `${t}.test.js`}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  checkers: ['typescript'],
  // Only the mutated rings: a mutant that breaks their types never reaches a test run.
  tsconfigFile: 'tools/mutation/tsconfig.checker.json',
  buildCommand: 'tsc -p tsconfig.test.json',
  mutate: folders.map((f) => (isFile(f) ? `src/${f}` : `src/${f}/**/*.ts`)),
  mochaOptions: {
    config: '.mocharc.json',
    spec,
    // Tests that reach the code only through a child process (the bundled CLI, the AWS CLI, the
    // local server's process) cannot report per-test coverage, so they kill nothing here and only
    // cost time; they stay in the unit tier.
    ignore: [
      'out/test/unit/package.test.js',
      'out/test/unit/cli/**',
      'out/test/unit/tools/awsCli.test.js',
      'out/test/unit/tools/serveLocal.test.js',
    ],
  },
  coverageAnalysis: 'perTest',
  // Mutants in code that runs when a module loads (tables, module constants) need a fresh test
  // process and the whole suite each: ~20 s apiece here. Skipped by default; MUTATE_STATIC=1 runs them.
  ignoreStatic: process.env.MUTATE_STATIC !== '1',
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  // Two cores shared by the whole team (five engineers at once): one worker, and runMutate runs
  // Stryker niced.
  concurrency: 1,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'html', 'json', 'progress-append-only'],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  thresholds: { high: 90, low: 85, break: null },
  // out/ is not ignored: the incremental differ compares the compiled tests (out/test/…) with the
  // last run's, so `npm run mutate` rebuilds out/ from scratch first (stale tests would be copied too).
  ignorePatterns: ['dist', 'dist-pkg', '.vscode-test', '.cache', 'test-results', 'reports', '*.vsix', '.stryker-tmp*'],
  // One sandbox folder per scope, so runs of two scopes never clean up each other's sandbox.
  tempDirName: `.stryker-tmp-${name}`,
  cleanTempDir: 'always',
};
