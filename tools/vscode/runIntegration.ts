// `npm run test:integration`: runs the integration suites inside a real extension host served by
// code-server, with the extension loaded as a development folder through the workbench URL payload.
// Prints mocha's output and exits with mocha's code. Expects `npm run build` and `npm run compile-tests`.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchChromium } from './chromium';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { fixtureWorkspace, repoRoot } from './paths';
import { testEnvironment, workbenchUrl } from './workbench';

/** Start-up chatter of the workbench (and the gallery it cannot reach offline), not of the tests. */
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:)|ENOTFOUND open-vsx\.org/;

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

async function main(): Promise<number> {
  const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  for (const [file, hint] of [[path.join(repoRoot, 'dist', 'extension.js'), 'npm run build'], [testsIndex, 'npm run compile-tests']] as const) {
    if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run ${hint} first`);
  }
  const started = Date.now();
  const codeServer = await ensureCodeServer();
  const server = await startCodeServer({ codeServer, name: 'integration', workspace: fixtureWorkspace, env: testEnvironment() });
  const browser = await launchChromium().catch(async (err: unknown) => { await server.stop(); throw err; });
  let keepRunDir = false;
  const state = { mochaDone: false, stopping: false };
  try {
    const page = await browser.context.newPage();
    const exitCode = new Promise<number>((resolve) => {
      // The workbench calls these when the extension host runs extensionTestsPath.
      void page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const text = util.format(...args);
        if (!WORKBENCH_NOISE.test(text)) console.log(text);
      });
      void page.exposeFunction('codeAutomationExit', (code: number) => {
        state.mochaDone = true;
        resolve(code);
      });
    });
    page.on('pageerror', (err) => { console.error(`[workbench] ${err.message}`); });
    const crashed = new Promise<number>((resolve) => {
      page.once('crash', () => { console.error('[integration] the workbench page crashed'); resolve(1); });
      void server.process.exited.then((how) => {
        if (state.stopping) return;
        console.error(`[integration] code-server exited (${String(how)})`);
        resolve(1);
      });
    });
    await page.goto(workbenchUrl(server.url, fixtureWorkspace, { extensionDevelopmentPath: repoRoot, extensionTestsPath: testsIndex }));
    const timeout = new Promise<number>((resolve) => setTimeout(() => {
      console.error(`[integration] no result within ${TIMEOUT_MS} ms`);
      resolve(1);
    }, TIMEOUT_MS).unref());
    const code = await Promise.race([exitCode, timeout, crashed]);
    // Without mocha's own verdict the server log is the only clue: keep it.
    keepRunDir = !state.mochaDone;
    console.log(`[integration] exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    state.stopping = true;
    await browser.close();
    await server.stop({ keepRunDir });
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`[integration] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
