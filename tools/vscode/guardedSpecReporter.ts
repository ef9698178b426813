// The spec reporter plus the tier guard, for runners that call no global setup with the runner
// (@vscode/test-cli's, used by .vscode-test.mjs). Options: `reporterOptions: { tier: 'integration' }`.
import Mocha from 'mocha';
import { guardRunner, type Tier } from './tierGuard';

const TIERS: readonly Tier[] = ['unit', 'integration', 'e2e'];

class GuardedSpecReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const tier = (options?.reporterOptions as { tier?: unknown } | undefined)?.tier;
    if (typeof tier !== 'string' || !(TIERS as readonly string[]).includes(tier)) throw new Error(`GuardedSpecReporter needs reporterOptions.tier (${TIERS.join(' | ')}), got ${String(tier)}`);
    guardRunner(runner, tier as Tier);
  }
}

export = GuardedSpecReporter;
