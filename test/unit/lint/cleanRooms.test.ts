import * as assert from 'node:assert/strict';
import { globSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../../..');
const RULE = 'trust/safe-ui-text';

/**
 * Every room of the VS Code ring gets its surface text through core/safeText. `npm run lint` (part of
 * `npm run compile`, which `npm test` runs first) fails on any violation where the rule is an error; this
 * test keeps it an error in every such file, so no folder can quietly turn it off or down to a warning.
 * (The rule's own behaviour is tested on a sample in safeUiText.test.ts; re-linting the whole ring here
 * took minutes on a loaded machine for what the lint step already checks.)
 */
const CLEAN = ['src/extension.ts', 'src/host/**/*.ts', 'src/features/**/*.ts'];

describe('trust/safe-ui-text: rooms that are clean stay clean', function () {
  this.timeout(60_000);

  it('the rule is an error for every file of the host and every feature, as the lint step applies it', async () => {
    const eslint = new ESLint({ cwd: root });
    const files = CLEAN.flatMap((pattern) => globSync(pattern, { cwd: root }));
    assert.ok(files.length >= 100, `found ${String(files.length)} files`);
    const notError: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(path.join(root, file))) as { rules?: Record<string, unknown> } | undefined;
      const setting = config?.rules?.[RULE];
      const severity = Array.isArray(setting) ? setting[0] : setting;
      if (severity !== 2 && severity !== 'error') notError.push(`${file}: ${JSON.stringify(setting)}`);
    }
    assert.deepEqual(notError, []);
  });
});
