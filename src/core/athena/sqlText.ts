/**
 * The lexical pieces of the SQL the Athena compiler writes: quoted identifiers, string literals and
 * LIKE patterns. Every value that reaches SQL text passes through here, because filter values, event
 * content and table names are attacker-controlled. The forms are the ones Trino (Athena engine v3)
 * and DuckDB both read the same way (see test/unit/core/athena/trinoRules.test.ts).
 */

/** A value SQL text cannot carry safely (a NUL character, or an identifier that is empty). */
export class SqlTextError extends Error {
  override readonly name = 'SqlTextError';
}

/**
 * A delimited identifier: `"name"`, with `"` doubled. Both engines treat delimited identifiers
 * case-insensitively, so quoting changes no meaning; it only keeps keywords (`timestamp`, `type`)
 * and odd table names from being read as syntax.
 */
export function quoteIdentifier(name: string): string {
  if (name === '') throw new SqlTextError('An SQL identifier cannot be empty.');
  rejectNul(name, 'identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"db"."table"` from a database and a table name. */
export function qualifiedName(...parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join('.');
}

/**
 * A string literal: `'text'` with `'` doubled. Neither engine gives backslashes a meaning inside
 * standard string literals, so nothing else needs escaping; NUL is refused (neither engine stores it).
 */
export function stringLiteral(value: string): string {
  rejectNul(value, 'string');
  return `'${value.replaceAll("'", "''")}'`;
}

/** The escape character of every LIKE the compiler writes (`… LIKE '…' ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\';

/**
 * A LIKE pattern for a lookup value with `*` wildcards: `*` becomes `%`; the pattern characters
 * `%` and `_` and the escape character itself are escaped, so they match only themselves.
 */
export function wildcardToLike(value: string): string {
  return value
    .split('*')
    .map((part) => part.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`))
    .join('%');
}

/** `expr LIKE 'pattern' ESCAPE '\'` for a raw LIKE pattern (already escaped). */
export function likeExpression(expression: string, pattern: string): string {
  return `${expression} LIKE ${stringLiteral(pattern)} ESCAPE ${stringLiteral(LIKE_ESCAPE)}`;
}

/** `expr = 'value'`, or a LIKE when the value has `*` wildcards. */
export function matchExpression(expression: string, value: string): string {
  return value.includes('*') ? likeExpression(expression, wildcardToLike(value)) : `${expression} = ${stringLiteral(value)}`;
}

/** `expr IN ('a', 'b')` (or `=` for one value); callers never pass an empty list. */
export function inList(expression: string, values: readonly string[]): string {
  const unique = [...new Set(values)];
  if (unique.length === 1) return `${expression} = ${stringLiteral(unique[0] ?? '')}`;
  return `${expression} IN (${unique.map(stringLiteral).join(', ')})`;
}

function rejectNul(value: string, what: string): void {
  if (value.includes('\u0000')) throw new SqlTextError(`An SQL ${what} cannot contain a NUL character.`);
}
