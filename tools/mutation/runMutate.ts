// `npm run mutate [-- <scope>…]`: StrykerJS over the inner rings, one run per scope (default
// `core aws archive`; a scope may also be a sub-folder such as `archive/digest` or one file such as
// `core/csv.ts`, or lines of one file such as `core/arn.ts:204-297`). Each scope has its own incremental file (reports/mutation/<scope>.incremental.json),
// so re-running a scope re-tests only mutants whose code or covering tests changed. Runs niced: the
// machine is shared. Prints killed / survived / no coverage / timeout per scope and overall, and lists
// every undetected mutant that test/mutation-survivors.md does not explain. Exits 1 when a scope is
// under the break threshold or a survivor is unexplained. Not part of CI (it takes many minutes).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { addCounts, scoreOf, summarize, unexplained, type MutationReport, type StatusCounts, type Undetected } from './mutationSummary';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const stryker = path.join(repoRoot, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const survivorsFile = path.join(repoRoot, 'test', 'mutation-survivors.md');
const DEFAULT_SCOPES = ['core', 'aws', 'archive'];
const NODE_MAJOR = 22;

// Must agree with stryker.config.mjs: `core/csv.ts` → `core-csv`, `core/arn.ts:204-297` → `core-arn-L204-297`.
const reportName = (scope: string): string =>
  scope.replace(/\.ts(?::(\d+)-(\d+))?$/, (_all, from?: string, to?: string) => (from === undefined ? '' : `-L${from}-${to ?? ''}`)).replaceAll('/', '-');
/** The file or folder a scope names, without a line range. */
const scopePath = (scope: string): string => scope.replace(/(\.ts):\d+-\d+$/, '$1');

function runScope(scope: string): boolean {
  console.log(`\n=== mutate: src/${scope} ===`);
  const started = Date.now();
  const args = ['-n', '15', process.execPath, stryker, 'run', ...process.argv.slice(2).filter((a) => a.startsWith('--'))];
  const result = spawnSync('nice', args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, MUTATE_SCOPE: scope } });
  console.log(`=== src/${scope}: ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${String(result.status)} ===`);
  return result.status === 0;
}

const pct = (score: number): string => (Number.isNaN(score) ? '   n/a' : `${score.toFixed(2).padStart(6)}%`);

function row(name: string, counts: StatusCounts): string {
  const n = (status: string): string => String(counts[status] ?? 0).padStart(8);
  return `${name.padEnd(18)} ${pct(scoreOf(counts))} ${n('Killed')} ${n('Survived')} ${n('NoCoverage')} ${n('Timeout')} ${n('CompileError')} ${n('Ignored')}`;
}

function main(): number {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < NODE_MAJOR) {
    console.error(`StrykerJS 10 needs Node ${NODE_MAJOR} or newer; this is Node ${process.versions.node}.`);
    return 1;
  }
  const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const scopes = named.length > 0 ? named : DEFAULT_SCOPES;
  const missing = scopes.filter((s) => !existsSync(path.join(repoRoot, 'src', scopePath(s))));
  if (missing.length > 0) {
    console.error(`no such folder or file under src/: ${missing.join(', ')}`);
    return 2;
  }
  let ok = true;
  for (const scope of scopes) ok = runScope(scope) && ok;

  // Only the sections titled "Equivalent…" explain a mutant; an "Open" section lists what is still to kill.
  const survivors = (existsSync(survivorsFile) ? readFileSync(survivorsFile, 'utf8') : '')
    .split(/^## /m)
    .filter((section) => section.startsWith('Equivalent'))
    .join('\n');
  let total: StatusCounts = {};
  const lines: string[] = [];
  const open: Undetected[] = [];
  for (const scope of scopes) {
    const file = path.join(repoRoot, 'reports', 'mutation', `${reportName(scope)}.incremental.json`);
    if (!existsSync(file)) {
      lines.push(`${scope.padEnd(18)} (no report)`);
      ok = false;
      continue;
    }
    const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as MutationReport);
    total = addCounts(total, summary.counts);
    lines.push(row(scope, summary.counts));
    open.push(...unexplained(summary.undetected, survivors));
  }
  console.log(`\n${'scope'.padEnd(18)} ${'score'.padStart(7)} ${'killed'.padStart(8)} ${'survived'.padStart(8)} ${'no cov'.padStart(8)} ${'timeout'.padStart(8)} ${'no build'.padStart(8)} ${'ignored'.padStart(8)}`);
  for (const line of lines) console.log(line);
  if (scopes.length > 1) console.log(row('overall', total));
  if (open.length > 0) {
    console.log(`\n${open.length} undetected mutant(s) not explained as equivalent in test/mutation-survivors.md (kill them, or add the key under an '## Equivalent…' heading with the reason):`);
    for (const u of open) console.log(`  ${u.where} [${u.status}]\n    \`\`${u.key}\`\``);
    ok = false;
  }
  console.log(`\nHTML: reports/mutation/<scope>/index.html`);
  return ok ? 0 : 1;
}

process.exitCode = main();
