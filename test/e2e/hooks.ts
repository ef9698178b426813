// Mocha root hooks for the e2e tier (required by test/e2e/.mocharc.json): one environment per run.
import { startEnvironment, stopEnvironment } from './harness';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000); // a first run may install code-server
    const started = Date.now();
    const env = await startEnvironment();
    console.log(`  [e2e] endpoint ${env.endpoint.url}, workbench ${env.server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  },
  async afterAll(): Promise<void> {
    await stopEnvironment();
  },
};

// Ctrl-C during a run: tools/vscode/processGroup.ts onInterrupt() stops Chromium and code-server's
// process group (both register themselves when started).
