import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '../../../..');
const fixtureDir = path.join(root, 'test/fixtures/lint');
const sample = path.join(fixtureDir, 'safeUiText.sample.ts');

async function lintSample(): Promise<ESLint.LintResult> {
  const plugin = ((await import(pathToFileURL(path.join(root, 'eslint-rules/index.mjs')).href)) as { default: ESLint.Plugin }).default;
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { project: path.join(fixtureDir, 'tsconfig.json'), tsconfigRootDir: fixtureDir, disallowAutomaticSingleRunInference: true } },
        plugins: { trust: plugin },
        rules: { 'trust/safe-ui-text': 'error' },
      },
    ],
  });
  const [result] = await eslint.lintFiles([sample]);
  return result;
}

describe('eslint-rules trust/safe-ui-text', function () {
  this.timeout(60_000);
  // One typed lint of the sample for both tests: a second lint in the same process reuses
  // typescript-eslint's cached program, and one CI run saw its messages differ from the first.
  let result: ESLint.LintResult;
  before(async () => { result = await lintSample(); });

  it('reports exactly the lines marked bad in the sample', () => {
    const fatal = result.messages.filter((m) => m.ruleId === null);
    assert.deepEqual(fatal, [], 'the sample parses with type information');
    const lines = readFileSync(sample, 'utf8').split('\n');
    const expected = lines.flatMap((line, i) => (line.trimEnd().endsWith('// bad') ? [i + 1] : []));
    const reported = [...new Set(result.messages.map((m) => m.line))].sort((a, b) => a - b);
    const describe = (ns: number[]): string => ns.map((n) => `${n}: ${lines[n - 1].trim()}`).join('\n');
    assert.deepEqual(
      reported,
      expected,
      `missed:\n${describe(expected.filter((n) => !reported.includes(n)))}\nunexpected:\n${describe(reported.filter((n) => !expected.includes(n)))}`,
    );
    assert.ok(expected.length >= 30);
  });

  it('names the sink and the helper to use', () => {
    const messages = result.messages.map((m) => m.message);
    const listed = `messages:\n${result.messages.map((m) => `${m.line}: ${m.message}`).join('\n')}`;
    assert.ok(messages.includes('window.showWarningMessage gets text not escaped for it: use notificationText() or safeMessage`` from core/safeText, or a literal.'), listed);
    assert.ok(messages.some((m) => m.startsWith('QuickPickItem.label gets text not escaped for it: use quickPickText()')), listed);
    assert.ok(messages.some((m) => m.startsWith('MarkdownString.appendText leaves autolinks')), listed);
    assert.ok(messages.some((m) => m.startsWith('A cast to SafeText bypasses escaping')), listed);
  });
});
