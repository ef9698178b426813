// `npm run test:integration:desktop`: the same integration suites in desktop VS Code, downloaded by
// @vscode/test-electron into .vscode-test/ (needs internet access to update.code.visualstudio.com;
// on machines without it use `npm run test:integration`, the code-server runner). Run after
// `npm run build && npm run compile-tests` (the npm script does).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, fixtureWorkspace } from '../../out/tools/vscode/paths.js';
import { testEnvironment } from '../../out/tools/vscode/workbench.js';

try {
  const code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [fixtureWorkspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: testEnvironment(),
  });
  process.exitCode = code;
} catch (err) {
  console.error(`[integration:desktop] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
