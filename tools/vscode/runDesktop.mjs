// `npm run test:integration:desktop`: the same integration suites in desktop VS Code, downloaded by
// @vscode/test-electron into .vscode-test/ (needs internet access to update.code.visualstudio.com;
// on machines without it use `npm run test:integration`, the code-server runner).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

try {
  const code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [path.join(repoRoot, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: {
      CLOUDTRAIL_INVESTIGATOR_TEST: '1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  process.exitCode = code;
} catch (err) {
  console.error(`[integration:desktop] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
