import * as assert from 'node:assert/strict';
import { addCounts, summarize, unexplained, type MutationReport } from '../../../tools/mutation/mutationSummary';

const at = (line: number, column: number, endLine: number, endColumn: number) => ({ start: { line, column }, end: { line: endLine, column: endColumn } });

function report(prefix: string): MutationReport {
  const source = `${prefix}export function f(a: number): boolean {\n  return a > 1;\n}\n`;
  const line = prefix.split('\n').length + 1;
  return {
    files: {
      'src/core/f.ts': {
        source,
        mutants: [
          { id: '1', mutatorName: 'EqualityOperator', replacement: 'a >= 1', status: 'Survived', location: at(line, 10, line, 15) },
          { id: '2', mutatorName: 'BooleanLiteral', replacement: 'true', status: 'Killed', location: at(line, 10, line, 15) },
          { id: '3', mutatorName: 'BlockStatement', replacement: '{}', status: 'NoCoverage', location: at(line - 1, 39, line + 1, 2) },
          { id: '4', mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Timeout', location: at(line, 10, line, 15) },
        ],
      },
    },
  };
}

describe('tools/mutation summary of a Stryker report', () => {
  it('counts statuses and scores detected over valid mutants, as Stryker does', () => {
    const s = summarize(report(''));
    assert.deepEqual(s.counts, { Survived: 1, Killed: 1, NoCoverage: 1, Timeout: 1 });
    assert.equal(s.score, 50);
    assert.deepEqual(addCounts(s.counts, { Killed: 2, Ignored: 1 }), { Survived: 1, Killed: 3, NoCoverage: 1, Timeout: 1, Ignored: 1 });
  });

  it('keys an undetected mutant by file, mutator, original code and replacement, not by line', () => {
    const moved = summarize(report('// a comment added above\n\n'));
    const s = summarize(report(''));
    assert.deepEqual(
      s.undetected.map((u) => u.key),
      ['src/core/f.ts · EqualityOperator · a > 1 → a >= 1', 'src/core/f.ts · BlockStatement · { return a > 1; } → {}'],
    );
    assert.deepEqual(moved.undetected.map((u) => u.key), s.undetected.map((u) => u.key));
    assert.deepEqual(s.undetected.map((u) => u.where), ['src/core/f.ts:2:10', 'src/core/f.ts:1:39']);
  });

  it('reports only the undetected mutants the survivors list does not name', () => {
    const s = summarize(report(''));
    const list = '# Survivors\n\n- ``src/core/f.ts · EqualityOperator · a > 1 → a >= 1`` — equivalent: a is an integer count ≥ 1.\n';
    assert.deepEqual(unexplained(s.undetected, list).map((u) => u.status), ['NoCoverage']);
    assert.equal(unexplained(s.undetected, '').length, 2);
  });
});
