// `npm run test:e2e:soak [-- --runs N]`: the e2e tier N times in a row (10 by default) while a CPU hog
// keeps every core busy, then the pass/fail count. A flaky scenario shows up here as a failed run; the
// output of each failed run is kept in test-results/soak/. Exits non-zero unless every run passed.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onInterrupt, spawnGroup, type GroupProcess } from './processGroup';
import { repoRoot, testResultsDir } from './paths';

const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const soakDir = path.join(testResultsDir, 'soak');

function runsArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--runs');
  const value = index >= 0 ? argv[index + 1] : process.env.SOAK_RUNS;
  const runs = Number(value ?? 10);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs: ${String(value)}`);
  return runs;
}

/** The CPU hog: stress-ng on every core (Debian package stress-ng), else one busy Node loop per core. */
function startHog(cores: number): { process: GroupProcess; what: string } {
  const stressNg = ['/usr/bin/stress-ng', '/usr/local/bin/stress-ng'].find((p) => existsSync(p));
  if (stressNg) {
    return { process: spawnGroup(stressNg, ['--cpu', String(cores), '--cpu-method', 'all', '--quiet'], { stdio: 'ignore' }), what: `stress-ng --cpu ${cores}` };
  }
  // One leader in its own process group, one spinning child per core: stopping the group stops them all.
  const loop = `for (let i = 0; i < ${cores}; i++) require('node:child_process').spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });`;
  return { process: spawnGroup(process.execPath, ['-e', `${loop} setInterval(() => {}, 1 << 30);`], { stdio: 'ignore' }), what: `${cores} busy Node loops` };
}

interface SoakRun { readonly run: number; readonly ok: boolean; readonly seconds: number }

function runE2e(run: number): Promise<SoakRun> {
  const started = Date.now();
  const logFile = path.join(soakDir, `run-${run}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [mocha, '--config', path.join(repoRoot, 'test', 'e2e', '.mocharc.json')], {
    cwd: repoRoot,
    env: { ...process.env, CLOUDTRAIL_INVESTIGATOR_FULL_TIERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => { log.write(chunk); process.stdout.write(chunk); });
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      log.end();
      const ok = code === 0;
      if (ok) rmSync(logFile, { force: true });
      resolve({ run, ok, seconds: (Date.now() - started) / 1000 });
    });
  });
}

async function main(): Promise<number> {
  const runs = runsArgument(process.argv.slice(2));
  mkdirSync(soakDir, { recursive: true });
  const cores = os.availableParallelism();
  const hog = startHog(cores);
  const forget = onInterrupt(() => hog.process.stop());
  console.log(`[soak] ${runs} e2e runs with ${hog.what} (${cores} cores busy)`);
  const results: SoakRun[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      console.log(`\n=== soak run ${run}/${runs} ===`);
      const result = await runE2e(run);
      results.push(result);
      console.log(`[soak] run ${run}: ${result.ok ? 'PASS' : 'FAIL'} in ${result.seconds.toFixed(0)} s`);
    }
  } finally {
    forget();
    await hog.process.stop();
  }
  const passed = results.filter((r) => r.ok).length;
  const summary = { runs, passed, failed: runs - passed, load: hog.what, results };
  writeFileSync(path.join(soakDir, 'summary.json'), JSON.stringify(summary, null, 2));
  console.log(`\n[soak] ${passed}/${runs} e2e runs passed under load (${hog.what})${passed < runs ? `; failed runs' output in ${path.relative(repoRoot, soakDir)}/` : ''}`);
  return passed === runs ? 0 : 1;
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => { console.error(`[soak] ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 1; },
);
