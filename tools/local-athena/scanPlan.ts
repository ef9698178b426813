/**
 * Partition pruning as Athena does it with partition projection: the conjuncts of a query's WHERE
 * clause that refer only to partition columns decide which partitions (and so which files) are read;
 * everything else is read whole. The query is parsed by DuckDB itself (`json_serialize_sql`), so any
 * SQL the engine accepts is analysed, not only the compiler's.
 */

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every node under `node` (itself included). */
function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
  } else if (isNode(node)) {
    yield node;
    for (const value of Object.values(node)) yield* walk(value);
  }
}

/** A base table a query reads. */
export interface TableRef {
  readonly schema: string;
  readonly table: string;
}

/** What the analysis found in one SELECT statement. */
export interface ScanAnalysis {
  /** Every base table the statement reads anywhere. */
  readonly tables: readonly TableRef[];
  /** When the statement reads exactly one table at the top level: that table. */
  readonly single?: TableRef;
  /** Top-level WHERE conjuncts of that table referring only to `partitionColumns` (AST nodes). */
  readonly partitionConjuncts: readonly Node[];
}

function tableRef(node: Node): TableRef {
  const text = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');
  return { schema: text(node.schema_name), table: text(node.table_name) };
}

function conjuncts(where: unknown): Node[] {
  if (!isNode(where)) return [];
  if (where.class === 'CONJUNCTION' && where.type === 'CONJUNCTION_AND' && Array.isArray(where.children)) return where.children.flatMap(conjuncts);
  return [where];
}

/** True when every column the expression reads is a partition column and it holds no subquery. */
function onlyPartitions(expr: Node, partitionColumns: ReadonlySet<string>): boolean {
  let columns = 0;
  for (const node of walk(expr)) {
    if (node.class === 'SUBQUERY' || node.class === 'WINDOW' || node.class === 'LAMBDA') return false;
    if (node.class === 'COLUMN_REF') {
      const names = Array.isArray(node.column_names) ? (node.column_names as unknown[]).map(String) : [];
      const last = (names[names.length - 1] ?? '').toLowerCase();
      if (!partitionColumns.has(last)) return false;
      columns++;
      // Read the column as the partition table names it (a qualifier would name the query's table).
      node.column_names = [last];
    }
  }
  return columns > 0;
}

/** Analyses one parsed statement (the JSON of `json_serialize_sql`). */
export function analyseScan(serialized: unknown, partitionColumnsOf: (ref: TableRef) => ReadonlySet<string>): ScanAnalysis {
  const statement = isNode(serialized) && Array.isArray(serialized.statements) ? (serialized.statements[0] as unknown) : undefined;
  const node = isNode(statement) ? statement.node : undefined;
  const tables: TableRef[] = [];
  for (const n of walk(node)) if (n.type === 'BASE_TABLE') tables.push(tableRef(n));
  const from = isNode(node) ? node.from_table : undefined;
  if (!isNode(node) || !isNode(from) || from.type !== 'BASE_TABLE' || node.type !== 'SELECT_NODE') return { tables, partitionConjuncts: [] };
  const single = tableRef(from);
  const columns = partitionColumnsOf(single);
  const kept = conjuncts(node.where_clause).filter((c) => onlyPartitions(c, columns));
  return { tables, single, partitionConjuncts: kept };
}

/** Replaces the WHERE clause of a parsed `SELECT … WHERE TRUE` template by the AND of `kept`. */
export function withWhere(template: unknown, kept: readonly Node[]): unknown {
  const copy = JSON.parse(JSON.stringify(template)) as { statements: { node: Node }[] };
  const node = copy.statements.at(0)?.node;
  if (!node) return copy;
  if (kept.length === 0) return copy;
  node.where_clause = kept.length === 1 ? kept[0] : { class: 'CONJUNCTION', type: 'CONJUNCTION_AND', alias: '', query_location: 0, children: kept };
  return copy;
}

/** Whether the kept conjuncts hold a static equality (`=` or `IN` constants) on `column`. */
export function hasStaticEquality(kept: readonly Node[], column: string): boolean {
  return kept.some((c) => {
    const refs = [...walk(c)].filter((n) => n.class === 'COLUMN_REF');
    if (!refs.every((r) => (r.column_names as string[]).includes(column))) return false;
    if (c.type === 'COMPARE_EQUAL') return true;
    return c.type === 'COMPARE_IN' && Array.isArray(c.children) && c.children.slice(1).every((x) => isNode(x) && x.class === 'CONSTANT');
  });
}

/** Runs SQL on the engine and returns its rows as text. */
export type RunSql = (sql: string) => Promise<(string | null)[][]>;

function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Parses a statement with the engine's own parser; throws its message for a syntax error. */
export async function parseStatement(run: RunSql, sql: string): Promise<unknown> {
  const rows = await run(`SELECT json_serialize_sql(${sqlLiteral(sql)})`);
  // "No location" is 2^64-1, which a JavaScript number cannot hold: it would not parse back.
  const text = (rows[0]?.[0] ?? '{}').replace(/"query_location":\s*\d{16,}/g, '"query_location":0');
  const ast = JSON.parse(text) as { error?: boolean; error_message?: string };
  if (ast.error === true) throw new Error(ast.error_message ?? 'line 1:1: syntax error');
  return ast;
}

/**
 * Runs `template` (a `SELECT … FROM <partitions> WHERE TRUE`) with its WHERE clause replaced by the
 * partition conjuncts of a query: the engine evaluates them over the table's partitions.
 */
export async function selectPartitions(run: RunSql, template: string, conjuncts: readonly Record<string, unknown>[]): Promise<(string | null)[][]> {
  const parsed = await parseStatement(run, template);
  const text = await run(`SELECT json_deserialize_sql(${sqlLiteral(JSON.stringify(withWhere(parsed, conjuncts)))})`);
  return run(text[0]?.[0] ?? 'SELECT 1 WHERE FALSE');
}
