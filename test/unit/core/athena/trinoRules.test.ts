/**
 * The compiler's SQL read against the Trino (Athena engine v3) grammar rules it depends on. Athena
 * cannot run here, so a small hand-written checker tokenizes every compiled query (a matrix of
 * filters, hostile values, investigations, table shapes) and checks each rule. The rules and the
 * Trino documentation pages they come from (trinodb/trino, docs/src/main/sphinx/…):
 *
 * 1. Identifiers (language/reserved.md, "Identifiers"): delimited with double quotes, a `"` inside
 *    doubled; delimited identifiers may hold any character and are not case sensitive. Reserved
 *    keywords (same page) appear only as keywords, never as bare identifiers.
 * 2. String literals (language/types.md, VARCHAR): single-quoted, a `'` inside doubled; no
 *    backslash escapes in plain literals (no `E'…'`, no `U&'…'` needed).
 * 3. LIKE (functions/comparison.md, "Pattern comparison: LIKE"): `value LIKE 'pattern' ESCAPE '\'`;
 *    `%` and `_` are wildcards; the escape character may only precede `%`, `_` or itself.
 * 4. BETWEEN and comparisons (functions/comparison.md, "Range operator"): value, min and max of the
 *    same type — the `timestamp` partition (varchar, `yyyy/MM/dd`) against varchar literals in that
 *    format; `eventtime` (varchar) against ISO-8601 `yyyy-MM-ddTHH:mm:ssZ` literals, which order as text.
 * 5. Lambdas (functions/lambda.md): `x -> expr`, only as the function argument of `filter`
 *    (functions/array.md, `filter(array(T), function(T, boolean)) -> array(T)`), with row field
 *    access `r."arn"`; compared with the empty array literal `ARRAY[]`.
 * 6. Functions (functions/string.md `strpos`, functions/conditional.md `coalesce` and `CASE`,
 *    functions/json.md "Cast to JSON": ARRAY and ROW of supported types cast to JSON): only these.
 * 7. One statement: no `;`, no `--` or `/*` comments outside literals (language/comments.md).
 */
import assert from 'node:assert/strict';
import { compileEventQuery, compileRawRecordQuery, type AthenaEventQuery } from '../../../../src/core/athena/compileQuery';
import { buildTrailTableDdl } from '../../../../src/core/athena/createTableDdl';
import { shapeFromMetadata } from '../../../../src/core/athena/trailTable';
import { LOOKUP_ATTRIBUTE_KEYS } from '../../../../src/core/filters';
import { INVESTIGATIONS } from '../../../../src/core/investigations';

interface Token { kind: 'string' | 'ident' | 'word' | 'number' | 'symbol'; text: string }

/** Tokenizes SQL; throws on an unterminated literal or identifier (rule 1, 2). */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= sql.length) throw new Error(`unterminated ${c} at ${i}`);
        if (sql.charAt(j) === c) {
          if (sql.charAt(j + 1) === c) {
            text += c;
            j += 2;
            continue;
          }
          break;
        }
        text += sql.charAt(j++);
      }
      tokens.push({ kind: c === "'" ? 'string' : 'ident', text });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'word', text: m });
      i += m.length;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', text: m });
      i += m.length;
    } else {
      const two = sql.slice(i, i + 2);
      const symbol = ['->', '<>', '>=', '<=', '--', '/*'].includes(two) ? two : c;
      tokens.push({ kind: 'symbol', text: symbol });
      i += symbol.length;
    }
  }
  return tokens;
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'AS', 'CAST', 'CASE', 'WHEN', 'THEN', 'END', 'BETWEEN', 'IN', 'LIKE', 'ESCAPE', 'IS', 'NOT', 'NULL', 'ORDER', 'BY', 'DESC', 'ASC', 'LIMIT', 'ARRAY']);
const TYPES = new Set(['JSON']);
const FUNCTIONS = new Set(['filter', 'strpos', 'COALESCE']);
const LAMBDA_VARIABLE = 'r';

function checkRules(sql: string): void {
  const tokens = tokenize(sql);
  const at = (i: number): Token | undefined => tokens[i];
  for (const [i, t] of tokens.entries()) {
    // 7: a single statement, no comments.
    assert.ok(!(t.kind === 'symbol' && [';', '--', '/*'].includes(t.text)), `rule 7: ${t.text}`);
    if (t.kind === 'word') {
      const next = at(i + 1);
      const isCall = next?.kind === 'symbol' && next.text === '(';
      if (FUNCTIONS.has(t.text)) assert.ok(isCall, `rule 6: ${t.text} is called`);
      else if (TYPES.has(t.text)) assert.equal(at(i - 1)?.text, 'AS', 'rule 6: JSON only as a CAST target');
      else if (t.text === LAMBDA_VARIABLE) assert.ok(next?.text === '->' || next?.text === '.', 'rule 5: r is only the lambda variable');
      else assert.ok(KEYWORDS.has(t.text), `rule 1: bare word ${t.text} must be a keyword (identifiers are quoted)`);
    }
    if (t.kind === 'symbol' && t.text === '->') {
      // 5: `filter(<array>, r -> …)`.
      assert.equal(at(i - 1)?.text, LAMBDA_VARIABLE);
      assert.equal(at(i - 2)?.text, ',');
      assert.equal(at(i - 5)?.text, 'filter', 'rule 5: lambdas only in filter');
    }
    if (t.kind === 'word' && t.text === 'ARRAY') {
      assert.deepEqual([at(i + 1)?.text, at(i + 2)?.text], ['[', ']'], 'rule 5: only the empty array literal');
      assert.equal(at(i - 1)?.text, '<>');
    }
    if (t.kind === 'word' && t.text === 'LIKE') {
      // 3: LIKE 'pattern' ESCAPE '\', escapes only before % _ \.
      const pattern = at(i + 1);
      assert.equal(pattern?.kind, 'string', 'rule 3: the pattern is a literal');
      assert.deepEqual([at(i + 2)?.text, at(i + 3)?.kind, at(i + 3)?.text], ['ESCAPE', 'string', '\\'], 'rule 3: ESCAPE \'\\\'');
      const text = pattern.text;
      for (let k = 0; k < text.length; k++) {
        if (text[k] === '\\') {
          assert.ok(['%', '_', '\\'].includes(text[k + 1] ?? ''), `rule 3: escape before ${text[k + 1] ?? 'end'} in ${text}`);
          k++;
        }
      }
    }
    if (t.kind === 'ident' && t.text.toLowerCase() === 'timestamp' && at(i + 1)?.text === 'BETWEEN') {
      // 4: varchar partition against yyyy/MM/dd literals.
      for (const j of [i + 2, i + 4]) assert.match(at(j)?.kind === 'string' ? (at(j)?.text ?? '') : '', /^\d{4}\/\d{2}\/\d{2}$/, 'rule 4');
      assert.equal(at(i + 3)?.text, 'AND');
    }
    if (t.kind === 'ident' && t.text === 'eventtime' && ['>=', '<='].includes(at(i + 1)?.text ?? '')) {
      assert.equal(at(i + 2)?.kind, 'string');
      assert.match(at(i + 2)?.text ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'rule 4: ISO-8601 text');
    }
  }
}

const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
const HOSTILE = ["x' OR '1'='1", "a''b", '50%_off', 'back\\slash', '"dq"', '*', '**', 'Delete*Instance', '--comment', '/* c */', ';', 'ünï©ødé', 'root'];
const SHAPES = [
  buildTrailTableDdl({ database: 'security', table: 'trail', bucket: 'b-bucket', organizationId: 'o-abcdefghij', accounts: ['111111111111'], regions: ['us-east-1'], firstDay: '2025/01/01' }).shape,
  shapeFromMetadata('default', 'cloudtrail_logs_pp', ['timestamp'], { 'projection.timestamp.type': 'date' }),
  shapeFromMetadata('odd"db', 'odd table', [], {}),
];

describe('core/athena compiled SQL against the Trino grammar rules it relies on', () => {
  it('the checker itself rejects SQL that breaks the rules', () => {
    assert.throws(() => { checkRules(`SELECT eventname FROM "t"`); }, /rule 1/);
    assert.throws(() => { checkRules(`SELECT "a" FROM "t" WHERE "a" LIKE 'x\\y' ESCAPE '\\'`); }, /rule 3/);
    assert.throws(() => { checkRules(`SELECT "a" FROM "t" WHERE "a" LIKE 'x%'`); }, /rule 3/);
    assert.throws(() => { checkRules(`SELECT "a" FROM "t" WHERE "timestamp" BETWEEN '2025-01-01' AND '2025/01/02'`); }, /rule 4/);
    assert.throws(() => { checkRules(`SELECT "a" FROM "t"; DROP`); }, /rule 7|rule 1/);
    assert.throws(() => { checkRules(`SELECT "a" FROM "t" WHERE "a" = 'open`); }, /unterminated/);
  });

  it('every filter, value, switch and investigation compiles to SQL within the rules', () => {
    let checked = 0;
    for (const shape of SHAPES) {
      for (const key of LOOKUP_ATTRIBUTE_KEYS) {
        for (const value of HOSTILE) {
          const query: AthenaEventQuery = { regions: ['eu-west-1', "us-east-1'"], accounts: ['111111111111'], filters: [{ key, value }], start: NOW - 86_400_000, end: NOW, includeReadOnly: value.length % 2 === 0, errorsOnly: value.length % 3 === 0, maxEvents: 50 };
          checkRules(compileEventQuery(query, shape, { now: NOW, limit: 1000 }).sql);
          checked++;
        }
      }
      for (const investigation of INVESTIGATIONS) {
        const query: AthenaEventQuery = { regions: [], filters: [], start: NOW - 86_400_000, end: NOW, includeReadOnly: investigation.includeReadOnly, maxEvents: 50, ...(investigation.match ? { match: investigation.match } : {}) };
        checkRules(compileEventQuery(query, shape, { now: NOW }).sql);
        checked++;
      }
      for (const id of HOSTILE) {
        checkRules(compileRawRecordQuery({ eventId: id, time: NOW, account: '111111111111', region: "eu-west-1'" }, shape));
        checked++;
      }
    }
    assert.ok(checked > 300);
  });
});
