// Lists every place in src/ where untrusted-looking text reaches a VS Code surface without
// core/safeText (rule trust/safe-ui-text), with a count per folder. Exit code 1 when there is any.
//
//   npm run lint:trust [-- --out FILE]
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const RULE = 'trust/safe-ui-text';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../../..');
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === RULE, overrideConfig: { rules: { [RULE]: 'error' } } });
  const results = await eslint.lintFiles(['src']);
  const lines: string[] = [];
  const perFolder = new Map<string, number>();
  for (const result of results) {
    const file = path.relative(root, result.filePath);
    for (const m of result.messages.filter((x) => x.ruleId === RULE)) {
      lines.push(`${file}:${m.line}:${m.column}  ${m.message}`);
      const parts = path.dirname(file).split(path.sep);
      const folder = parts.slice(0, parts[1] === 'features' ? 3 : 2).join('/');
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
  }
  const summary = [...perFolder.entries()].sort((a, b) => b[1] - a[1]).map(([folder, n]) => `${String(n).padStart(4)}  ${folder}`);
  const text = [`${lines.length} places where text reaches a VS Code surface without core/safeText (${RULE}):`, '', ...summary, '', ...lines, ''].join('\n');
  if (out !== undefined) writeFileSync(out, text);
  process.stdout.write(text);
  return lines.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
