// Guards that keep a test tier from passing by accident: `.only` and pending tests fail it (mocha's
// forbidOnly/forbidPending), a run with zero tests fails it (failZero), and a full run that ran fewer
// tests than the tier's floor in test/tier-floors.json fails it. A run narrowed with a grep checks only
// that something ran — unless CLOUDTRAIL_INVESTIGATOR_FULL_TIERS=1 (set by `npm test`), where the floor
// always applies.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './paths';

/** The tiers that keep a floor. */
export type Tier = 'unit' | 'integration' | 'e2e';

/** Mocha options every tier runs with (every config and programmatic run spreads these). */
export const MOCHA_GUARDS = { forbidOnly: true, forbidPending: true, failZero: true } as const;

/** The floors file; tests of the guard point it elsewhere. */
export function floorsFile(): string {
  return process.env.CLOUDTRAIL_INVESTIGATOR_TIER_FLOORS ?? path.join(repoRoot, 'test', 'tier-floors.json');
}

/** The minimum number of tests a full run of `tier` must run. */
export function readFloor(tier: Tier): number {
  const file = floorsFile();
  const floors = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<string, unknown>>;
  const floor = floors[tier];
  if (typeof floor !== 'number' || !Number.isInteger(floor) || floor < 1) throw new Error(`${file} has no positive integer floor for the ${tier} tier`);
  return floor;
}

/** What a finished run looked like, for the verdict. */
export interface TierRun {
  readonly tier: Tier;
  /** Tests that ran to an end (passed or failed). */
  readonly ran: number;
  /** The run was narrowed with a grep. */
  readonly narrowed: boolean;
  /** `npm test`: whole tiers only. */
  readonly fullTiers: boolean;
}

/** Why the run must fail, or undefined when the count is acceptable. */
export function floorVerdict(run: TierRun, floor: number): string | undefined {
  if (run.ran === 0) return `the ${run.tier} tier ran no tests`;
  if (run.narrowed && !run.fullTiers) return undefined;
  if (run.ran < floor) {
    const why = run.narrowed ? ' (a grep narrowed it, which `npm test` does not allow)' : '';
    return `the ${run.tier} tier ran ${run.ran} tests, fewer than its floor of ${floor} in ${path.relative(repoRoot, floorsFile())}${why}`;
  }
  return undefined;
}

/** Whether this process runs whole tiers (`npm test` sets it for every tier it starts). */
export function fullTiersOnly(): boolean {
  return process.env.CLOUDTRAIL_INVESTIGATOR_FULL_TIERS === '1';
}

/** Mocha keeps its default grep as a private field; any other grep narrows the run. */
function isNarrowed(runner: Mocha.Runner): boolean {
  const internals = runner as unknown as { _grep?: unknown; _defaultGrep?: unknown };
  return internals._grep !== undefined && internals._grep !== internals._defaultGrep;
}

/**
 * Counts the tests `runner` runs and, when it ends, fails the run (one more failure, and the reason
 * printed) if the count is below the tier's floor. Call before the run starts (a global setup fixture
 * or a reporter): the listener must run before mocha hands its failure count on.
 */
export function guardRunner(runner: Mocha.Runner, tier: Tier): void {
  const floor = readFloor(tier); // a broken floors file fails before any test runs
  let ran = 0;
  runner.on(Mocha.Runner.constants.EVENT_TEST_END, () => { ran++; });
  runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
    const verdict = floorVerdict({ tier, ran, narrowed: isNarrowed(runner), fullTiers: fullTiersOnly() }, floor);
    if (verdict === undefined) return;
    // failZero has already counted a run without tests.
    if (ran > 0) runner.failures++;
    console.error(`\n  [tier guard] ${verdict}\n`);
  });
}

/** A mocha global setup fixture (mocha calls it with the runner as `this`) that guards `tier`. */
export function tierGuardSetup(tier: Tier): (this: Mocha.Runner) => void {
  return function (this: Mocha.Runner): void {
    guardRunner(this, tier);
  };
}

/** Options of a programmatic run of one tier (the integration tier's `run()`). */
export interface TierRunOptions {
  readonly tier: Tier;
  readonly files: readonly string[];
  readonly grep?: string;
  readonly mocha?: Mocha.MochaOptions;
}

/** Runs `files` with the guards; rejects when any test failed or a guard tripped. */
export async function runGuardedTier(options: TierRunOptions): Promise<void> {
  const mocha = new Mocha({ ...options.mocha, ...MOCHA_GUARDS });
  // @types/mocha types globalSetup() as a BDD hook; mocha's API takes fixtures called with the runner.
  (mocha as unknown as { globalSetup(fixture: (this: Mocha.Runner) => void): Mocha }).globalSetup(tierGuardSetup(options.tier));
  if (options.grep) mocha.grep(options.grep);
  if (options.files.length === 0) throw new Error(`no ${options.tier} test files`);
  for (const file of options.files) mocha.addFile(file);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} ${options.tier} test(s) failed or a tier guard tripped`);
}
