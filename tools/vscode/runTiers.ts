// `npm test` after the build: runs the named test tiers in sequence, every one even when an earlier
// one fails, then prints how long each took. Exits non-zero when any tier failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runToCompletion } from './processGroup';
import { repoRoot, testResultsDir } from './paths';

const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Each tier as a command; none of them rebuilds (npm test built everything once). */
const TIERS: Readonly<Record<string, readonly string[]>> = {
  unit: [mocha],
  integration: [path.join(repoRoot, 'out', 'tools', 'vscode', 'runIntegration.js')],
  e2e: [mocha, '--config', path.join(repoRoot, 'test', 'e2e', '.mocharc.json')],
};

interface TierResult { readonly tier: string; readonly seconds: number; readonly ok: boolean; readonly error?: string }

async function main(names: readonly string[]): Promise<number> {
  const unknown = names.filter((name) => !(name in TIERS));
  if (names.length === 0 || unknown.length > 0) {
    console.error(`usage: runTiers <${Object.keys(TIERS).join('|')}>… (unknown: ${unknown.join(', ')})`);
    return 2;
  }
  const results: TierResult[] = [];
  for (const tier of names) {
    console.log(`\n=== tier: ${tier} ===`);
    const started = Date.now();
    try {
      await runToCompletion(process.execPath, TIERS[tier] ?? [], { cwd: repoRoot });
      results.push({ tier, seconds: (Date.now() - started) / 1000, ok: true });
    } catch (err) {
      results.push({ tier, seconds: (Date.now() - started) / 1000, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  console.log('\n=== tier timings ===');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.tier.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s`);
  mkdirSync(testResultsDir, { recursive: true });
  writeFileSync(path.join(testResultsDir, 'tier-timings.json'), JSON.stringify(results, null, 2));
  return results.every((r) => r.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => { console.error(err); process.exitCode = 1; },
);
