/**
 * Reads the Hive `CREATE EXTERNAL TABLE` statements Athena accepts for trail logs (the documented
 * one and the one `src/core/athena/createTableDdl.ts` writes): columns with nested types, partition
 * columns, LOCATION and TBLPROPERTIES. Also `CREATE DATABASE` and `DROP TABLE`. Anything else that
 * is not a query is refused the way Athena refuses it.
 */

/** A Hive column type. */
export type DdlType = { kind: 'scalar'; name: string } | { kind: 'struct'; fields: DdlField[] } | { kind: 'array'; of: DdlType } | { kind: 'map'; key: DdlType; value: DdlType };

export interface DdlField {
  name: string;
  type: DdlType;
}

export interface ExternalTable {
  database?: string;
  name: string;
  ifNotExists: boolean;
  columns: DdlField[];
  partitions: DdlField[];
  location: string;
  properties: Record<string, string>;
}

export type DdlStatement =
  | { kind: 'createTable'; table: ExternalTable }
  | { kind: 'createDatabase'; name: string; ifNotExists: boolean }
  | { kind: 'dropTable'; database?: string; name: string; ifExists: boolean };

/** A statement the endpoint cannot read; Athena reports these as a failed query. */
export class DdlError extends Error {}

function unquote(name: string): string {
  return name.replace(/^[`"](.*)[`"]$/, '$1').toLowerCase();
}

/** Splits on `sep` at depth 0 of (), <> and outside quotes. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '`' || c === '"') quote = c;
    else if (c === '(' || c === '<') depth++;
    else if (c === ')' || c === '>') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

export function parseType(text: string): DdlType {
  const t = text.trim();
  const m = /^(struct|array|map)\s*<([\s\S]*)>$/i.exec(t);
  if (!m) {
    if (!/^[a-z]+(\(\d+(,\s*\d+)?\))?$/i.test(t)) throw new DdlError(`line 1:1: unknown type ${t}`);
    return { kind: 'scalar', name: t.toLowerCase() };
  }
  const kind = (m[1]).toLowerCase();
  const inner = m[2];
  if (kind === 'array') return { kind: 'array', of: parseType(inner) };
  if (kind === 'map') {
    const [key, value] = splitTop(inner, ',') as (string | undefined)[];
    if (key === undefined || value === undefined) throw new DdlError(`line 1:1: bad map type ${t}`);
    return { kind: 'map', key: parseType(key), value: parseType(value) };
  }
  return {
    kind: 'struct',
    fields: splitTop(inner, ',').map((f) => {
      const colon = f.indexOf(':');
      if (colon < 0) throw new DdlError(`line 1:1: bad struct field ${f}`);
      return { name: unquote(f.slice(0, colon).trim()), type: parseType(f.slice(colon + 1)) };
    }),
  };
}

function parseColumns(text: string): DdlField[] {
  return splitTop(text, ',').map((c) => {
    const m = /^([`"]?[\w$]+[`"]?)\s+([\s\S]+)$/.exec(c);
    if (!m) throw new DdlError(`line 1:1: bad column definition ${c.slice(0, 60)}`);
    return { name: unquote(m[1]), type: parseType(m[2]) };
  });
}

/** The text inside the parentheses that open at `open`. */
function balanced(text: string, open: number): { inner: string; end: number } {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 };
  }
  throw new DdlError('line 1:1: unbalanced parentheses');
}

function parseName(text: string): { database?: string; name: string } {
  const parts = text.split('.').map(unquote);
  return parts.length === 2 ? { database: parts[0] ?? '', name: parts[1] ?? '' } : { name: parts[0] ?? '' };
}

/** Parses a DDL statement, or returns undefined when `sql` is not DDL (a query). */
export function parseDdl(sql: string): DdlStatement | undefined {
  const text = sql.trim().replace(/;\s*$/, '');
  let m = /^create\s+(database|schema)\s+(if\s+not\s+exists\s+)?([`"]?\w+[`"]?)$/i.exec(text);
  if (m) return { kind: 'createDatabase', name: unquote(m[3]), ifNotExists: (m[2] as string | undefined) !== undefined };
  m = /^drop\s+table\s+(if\s+exists\s+)?([`"]?\w+[`"]?(?:\.[`"]?\w+[`"]?)?)$/i.exec(text);
  if (m) return { kind: 'dropTable', ...parseName(m[2]), ifExists: (m[1] as string | undefined) !== undefined };
  m = /^create\s+external\s+table\s+(if\s+not\s+exists\s+)?([`"]?\w+[`"]?(?:\.[`"]?\w+[`"]?)?)\s*\(/i.exec(text);
  if (!m) {
    if (/^(create|drop|alter|msck)\b/i.test(text)) throw new DdlError(`line 1:1: this local endpoint does not support: ${text.slice(0, 40)}`);
    return undefined;
  }
  const columns = balanced(text, m[0].length - 1);
  const rest = text.slice(columns.end);
  const partitioned = /partitioned\s+by\s*\(/i.exec(rest);
  const partitions = partitioned ? parseColumns(balanced(rest, partitioned.index + partitioned[0].length - 1).inner) : [];
  const location = /location\s+'([^']*)'/i.exec(rest)?.[1];
  if (location === undefined) throw new DdlError('line 1:1: CREATE EXTERNAL TABLE needs a LOCATION');
  const props = /tblproperties\s*\(/i.exec(rest);
  const properties: Record<string, string> = {};
  if (props) {
    for (const pair of splitTop(balanced(rest, props.index + props[0].length - 1).inner, ',')) {
      const kv = /^'([^']*)'\s*=\s*'([^']*)'$/.exec(pair);
      if (!kv) throw new DdlError(`line 1:1: bad table property ${pair}`);
      properties[kv[1]] = kv[2];
    }
  }
  return { kind: 'createTable', table: { ...parseName(m[2]), ifNotExists: (m[1] as string | undefined) !== undefined, columns: parseColumns(columns.inner), partitions, location, properties } };
}
