// @vscode/test-cli configuration for desktop VS Code (`npm run test:integration:desktop`), where
// VS Code can be downloaded from update.code.visualstudio.com (a laptop, public CI). Machines without
// that download run the same suites under code-server: `npm run test:integration`
// (tools/vscode/runIntegration.ts), the CI path. Expects `npm run build && npm run compile-tests`.
import { defineConfig } from '@vscode/test-cli';
import { testEnvironment } from './out/tools/vscode/workbench.js';

const grep = process.env.CLOUDTRAIL_INVESTIGATOR_TEST_GREP;

export default defineConfig({
  label: 'integration',
  // activation.test.js first: it checks that nothing activated the extension before it asked.
  files: ['out/test/integration/activation.test.js', 'out/test/integration/**/*.test.js'],
  version: process.env.VSCODE_VERSION ?? 'stable',
  workspaceFolder: 'test/fixtures/workspace',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  env: testEnvironment(),
  mocha: {
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    // The spec reporter plus the tier floor (test/tier-floors.json); test-cli's runner gives global
    // setup fixtures no runner, so the guard rides on the reporter.
    reporter: new URL('./out/tools/vscode/guardedSpecReporter.js', import.meta.url).pathname,
    reporterOptions: { tier: 'integration' },
    forbidOnly: true,
    forbidPending: true,
    failZero: true,
    ...(grep ? { grep } : {}),
  },
});
