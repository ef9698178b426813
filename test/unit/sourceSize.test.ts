import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function lineCount(file: string): number {
  const text = fs.readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('source layout', () => {
  const files = sourceFiles(src).map((file) => ({ file: path.relative(src, file), lines: lineCount(file) }));

  it('keeps one concept per file: no source file over 400 lines', () => {
    assert.ok(files.length > 100, `found only ${String(files.length)} files under src/`);
    const big = files.filter((f) => f.lines > 400).map((f) => `${f.file} (${String(f.lines)} lines)`);
    assert.deepEqual(big, [], 'split these files');
  });

  it('keeps the median source file under 100 lines', () => {
    const sorted = files.map((f) => f.lines).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    assert.ok(median < 100, `median is ${String(median)} lines`);
  });
});
