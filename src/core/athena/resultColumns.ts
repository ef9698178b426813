/**
 * What the compiled queries select, and how a result row becomes a CloudTrail record again.
 * Summary queries select only what the views, the principal derivation and the investigations read
 * (scalar fields by path, `resources` as JSON); the raw-record query selects every column, nested
 * ones cast to JSON. Column aliases are the lower-case JSON path (`useridentity.sessioncontext.
 * sessionissuer.arn`), which is how Athena names result columns; the schema turns them back into
 * the record's own spellings.
 */
import { JSON_TEXT_COLUMNS, TRAIL_COLUMNS, type HiveField, type HiveType } from './trailSchema';
import { quoteIdentifier } from './sqlText';

/** One selected expression and its alias. */
export interface Selection {
  readonly alias: string;
  readonly sql: string;
}

/** Alias prefix of the partition values a summary row carries (for fetching the raw record later). */
export const PARTITION_ALIAS_PREFIX = '$partition.';

const SUMMARY_SCALARS = [
  'eventversion',
  'eventtime',
  'eventsource',
  'eventname',
  'awsregion',
  'sourceipaddress',
  'useragent',
  'errorcode',
  'errormessage',
  'requestid',
  'eventid',
  'readonly',
  'eventtype',
  'recipientaccountid',
  'vpcendpointid',
  'eventcategory',
  'sessioncredentialfromconsole',
  'additionaleventdata',
  'useridentity.type',
  'useridentity.principalid',
  'useridentity.arn',
  'useridentity.accountid',
  'useridentity.invokedby',
  'useridentity.accesskeyid',
  'useridentity.username',
  'useridentity.onbehalfof.userid',
  'useridentity.onbehalfof.identitystorearn',
  'useridentity.sessioncontext.attributes.mfaauthenticated',
  'useridentity.sessioncontext.attributes.creationdate',
  'useridentity.sessioncontext.sessionissuer.type',
  'useridentity.sessioncontext.sessionissuer.principalid',
  'useridentity.sessioncontext.sessionissuer.arn',
  'useridentity.sessioncontext.sessionissuer.accountid',
  'useridentity.sessioncontext.sessionissuer.username',
] as const;

/** `"a"."b"."c"` for the path `a.b.c` (a column and its struct fields). */
export function pathExpression(path: string): string {
  return path.split('.').map(quoteIdentifier).join('.');
}

/**
 * The summary selection. `responseElements` is selected for console sign-ins only (the sign-in
 * investigation reads `ConsoleLogin: Failure` from it; other responses can be large).
 */
export function summarySelections(partitionColumns: readonly string[]): Selection[] {
  return [
    ...SUMMARY_SCALARS.map((path) => ({ alias: path, sql: pathExpression(path) })),
    { alias: 'resources', sql: `CAST(${quoteIdentifier('resources')} AS JSON)` },
    { alias: 'responseelements', sql: `CASE WHEN ${quoteIdentifier('eventname')} = 'ConsoleLogin' THEN ${quoteIdentifier('responseelements')} END` },
    ...partitionColumns.map((c) => ({ alias: `${PARTITION_ALIAS_PREFIX}${c.toLowerCase()}`, sql: quoteIdentifier(c) })),
  ];
}

/** Every column of the record: strings as they are, structs and arrays cast to JSON. */
export function rawSelections(): Selection[] {
  return TRAIL_COLUMNS.map((c) => {
    const name = c.name.toLowerCase();
    return { alias: name, sql: c.type === 'string' ? quoteIdentifier(name) : `CAST(${quoteIdentifier(name)} AS JSON)` };
  });
}

/** `expr AS "alias", …` */
export function selectList(selections: readonly Selection[]): string {
  return selections.map((s) => `${s.sql} AS ${quoteIdentifier(s.alias)}`).join(', ');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function fieldOf(fields: readonly HiveField[], key: string): HiveField | undefined {
  const lower = key.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower);
}

/**
 * A value of `type` with its keys in the record's spelling. Structs may arrive as JSON objects
 * (Trino casts named rows to objects) or positional arrays (older engines): both are accepted.
 */
function recase(value: Json, type: HiveType): Json {
  if (value === null || type === 'string' || typeof value !== 'object') return value;
  if ('array' in type) return Array.isArray(value) ? value.map((v) => recase(v, type.array)) : value;
  if ('map' in type) return value;
  const fields = type.struct;
  const out: Record<string, Json> = {};
  if (Array.isArray(value)) {
    fields.forEach((f, i) => {
      const v = value.at(i);
      if (v !== undefined && v !== null) out[f.name] = recase(v, f.type);
    });
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    const field = fieldOf(fields, key);
    out[field?.name ?? key] = field ? recase(v, field.type) : v;
  }
  return out;
}

function setPath(record: Record<string, Json>, path: readonly string[], value: Json): void {
  let node = record;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next;
    else node = node[key] = {};
  }
  node[path[path.length - 1] ?? ''] = value;
}

/** The JSON spelling of each segment of a lower-case column path. */
function spelledPath(path: string): string[] | undefined {
  const out: string[] = [];
  let fields: readonly HiveField[] = TRAIL_COLUMNS;
  for (const segment of path.split('.')) {
    const field = fieldOf(fields, segment);
    if (!field) return undefined;
    out.push(field.name);
    fields = typeof field.type === 'object' && 'struct' in field.type ? field.type.struct : [];
  }
  return out;
}

/**
 * Rebuilds a CloudTrail record from one result row (column alias → text, null for SQL NULL):
 * nested fields from their paths, JSON-cast columns and JSON-text columns parsed, `readOnly` back
 * to a boolean. Unknown columns and partition values are left out.
 */
export function recordFromRow(row: Readonly<Record<string, string | null>>): Record<string, unknown> {
  const record: Record<string, Json> = {};
  for (const [alias, text] of Object.entries(row)) {
    if (text === null || alias.startsWith(PARTITION_ALIAS_PREFIX)) continue;
    const path = spelledPath(alias.toLowerCase());
    if (!path) continue;
    const top = TRAIL_COLUMNS.find((c) => c.name === path[0]);
    let value: Json = text;
    if (path.length === 1 && top && top.type !== 'string') {
      const parsed = parseJson(text);
      if (parsed === undefined) continue;
      value = recase(parsed, top.type);
    } else if (path.length === 1 && JSON_TEXT_COLUMNS.has(alias.toLowerCase())) {
      value = parseJson(text) ?? text;
    } else if (alias.toLowerCase() === 'readonly' && (text === 'true' || text === 'false')) {
      value = text === 'true';
    }
    setPath(record, path, value);
  }
  return record;
}

/** The partition values a summary row carries (lower-case partition column → value). */
export function partitionsOfRow(row: Readonly<Record<string, string | null>>): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const [alias, text] of Object.entries(row)) {
    if (text !== null && alias.startsWith(PARTITION_ALIAS_PREFIX)) out[alias.slice(PARTITION_ALIAS_PREFIX.length)] = text;
  }
  return out;
}
