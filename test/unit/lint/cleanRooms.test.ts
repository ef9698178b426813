import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../../..');
const RULE = 'trust/safe-ui-text';

/**
 * Rooms whose every VS Code surface already gets text through core/safeText: a new unescaped
 * message, quick-pick item, status-bar text or tooltip there fails this test (the rule itself is
 * still a warning while other rooms are being cleaned). Add a room here once it is clean.
 */
/** Every room of the VS Code ring (the rule is an error for all of src/ in eslint.config.mjs too). */
const CLEAN = ['src/extension.ts', 'src/host/**/*.ts', 'src/features/**/*.ts'];

describe('trust/safe-ui-text: rooms that are clean stay clean', function () {
  this.timeout(120_000);

  it('reports no unescaped text in the host or any feature', async () => {
    const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === RULE, overrideConfig: { rules: { [RULE]: 'error' } } });
    const results = await eslint.lintFiles(CLEAN);
    assert.ok(results.length >= 15, `linted ${results.length} files`);
    const found = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE || m.fatal === true).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    assert.deepEqual(found, []);
  });
});
