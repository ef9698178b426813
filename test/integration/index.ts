// Entry point for `extensionTestsPath` of the code-server runner (tools/vscode/runIntegration.ts),
// loaded inside the extension host, which awaits run(). Desktop VS Code runs the same files through
// @vscode/test-cli (.vscode-test.mjs) with the same guards.
import * as path from 'node:path';
import { readdirSync } from 'node:fs';
import { runGuardedTier } from '../../tools/vscode/tierGuard';

/**
 * Runs every out/test/integration/**\/*.test.js with the tier guards (no `.only`, no pending tests, at
 * least the floor in test/tier-floors.json); rejects when a test failed so the host exits non-zero.
 */
export async function run(): Promise<void> {
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    // activation.test.js first: it checks that nothing activated the extension before it asked.
    .sort((a, b) => Number(b === 'activation.test.js') - Number(a === 'activation.test.js') || a.localeCompare(b))
    .map((file) => path.join(__dirname, file));
  await runGuardedTier({
    tier: 'integration',
    files,
    grep: process.env.CLOUDTRAIL_INVESTIGATOR_TEST_GREP,
    // The spec reporter without colours: its text reaches the runner's console unchanged.
    mocha: { ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' },
  });
}
