// `npm test` after the build: runs the named test tiers in sequence, every one even when an earlier
// one fails, then prints how long each took. Exits non-zero when any tier failed. Every tier runs
// whole: its floor in test/tier-floors.json applies even if a grep is set (tools/vscode/tierGuard.ts).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { failureDigest, failureHeadlines, TextTail } from './failureDigest';
import { repoRoot, testResultsDir } from './paths';

const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Each tier as a command; none of them rebuilds (npm test built everything once). */
const TIERS: Readonly<Record<string, readonly string[]>> = {
  unit: [mocha],
  integration: [path.join(repoRoot, 'out', 'tools', 'vscode', 'runIntegration.js')],
  e2e: [mocha, '--config', path.join(repoRoot, 'test', 'e2e', '.mocharc.json')],
};

interface TierResult { readonly tier: string; readonly seconds: number; readonly ok: boolean; readonly error?: string; readonly digest?: string }

/** Runs a tier with its output passed through and its tail kept; resolves with the exit code. */
async function runTier(args: readonly string[]): Promise<{ code: number | string; tail: string }> {
  const tail = new TextTail();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // Whole tiers only: a grep left in the environment cannot narrow a tier below its floor.
    env: { ...process.env, CLOUDTRAIL_INVESTIGATOR_FULL_TIERS: '1' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => { process.stdout.write(chunk); tail.append(chunk.toString('utf8')); });
  child.stderr.on('data', (chunk: Buffer) => { process.stderr.write(chunk); tail.append(chunk.toString('utf8')); });
  const code = await new Promise<number | string>((resolve) => {
    child.once('close', (c, s) => { resolve(c ?? s ?? 'unknown'); });
    child.once('error', (err) => { resolve(err.message); });
  });
  return { code, tail: tail.toString() };
}

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
    const { code, tail } = await runTier(TIERS[tier] ?? []);
    const seconds = (Date.now() - started) / 1000;
    if (code === 0) results.push({ tier, seconds, ok: true });
    else results.push({ tier, seconds, ok: false, error: `exit ${String(code)}`, digest: failureDigest(tail) });
  }
  // The failures again, last, so the end of a long log names them.
  for (const r of results.filter((x) => !x.ok)) {
    console.log(`\n=== what failed in tier ${r.tier} (${r.error ?? ''}) ===`);
    console.log(r.digest ?? '');
  }
  console.log('\n=== tier timings ===');
  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.tier.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s`);
    const headlines = failureHeadlines(r.digest ?? '');
    // A tier that failed without a mocha failure list (a guard, a crash): its last lines.
    if (!r.ok && headlines.length === 0) headlines.push(...(r.digest ?? '').split('\n').slice(-6));
    for (const line of headlines) console.log(`      ${line}`);
  }
  mkdirSync(testResultsDir, { recursive: true });
  writeFileSync(path.join(testResultsDir, 'tier-timings.json'), JSON.stringify(results, null, 2));
  return results.every((r) => r.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => { console.error(err); process.exitCode = 1; },
);
