// Entry point for `extensionTestsPath`: both runners (@vscode/test-electron and the code-server
// runner) load this file inside the extension host and await run().
import * as path from 'node:path';
import { readdirSync } from 'node:fs';
import Mocha from 'mocha';

/** Runs every out/test/integration/**\/*.test.js; rejects when a test fails so the host exits non-zero. */
export async function run(): Promise<void> {
  // The spec reporter without colours: its text reaches the runner's console unchanged.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.CLOUDTRAIL_INVESTIGATOR_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    // activation.test.js first: it checks that nothing activated the extension before it asked.
    .sort((a, b) => Number(b === 'activation.test.js') - Number(a === 'activation.test.js') || a.localeCompare(b));
  if (files.length === 0) throw new Error(`no integration tests under ${__dirname}`);
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
