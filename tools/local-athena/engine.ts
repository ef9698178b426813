/**
 * The SQL engine behind the local Athena endpoint: DuckDB (`@duckdb/node-api`, a devDependency,
 * never shipped) over local folders that stand in for S3 buckets. External tables from Hive DDL
 * become DuckDB views over the JSON trail files, with the projected partition columns taken from
 * each file's path; each query reads only the files of the partitions its WHERE clause names,
 * and the bytes of those files are what it "scanned". Statements run one at a time.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadDuckDb } from './loadDuckDb';
import { columnSpelling, projectionsOf, recordType, tableFiles, type TableFile } from './tableLayout';
import { DdlError, parseDdl, type ExternalTable } from './hiveDdl';
import { analyseScan, hasStaticEquality, parseStatement, selectPartitions, type TableRef } from './scanPlan';

/** A result column as Athena describes it. */
export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

/** A prepared statement: what it will scan, and how to run it. */
export interface Prepared {
  readonly kind: 'DDL' | 'DML';
  readonly scannedBytes: number;
  run(): Promise<{ columns: ResultColumn[]; rows: (string | null)[][] }>;
}

/** A statement Athena would accept but that fails, with Athena's wording. */
export class QueryFailure extends Error {}

const INTERNAL = '__local_athena';

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function ident(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function athenaType(duck: string): string {
  const t = duck.toUpperCase();
  if (t === 'JSON') return 'json';
  if (t.endsWith('[]')) return 'array';
  if (t.startsWith('STRUCT')) return 'row';
  if (t.startsWith('MAP')) return 'map';
  const simple: Record<string, string> = { VARCHAR: 'varchar', BIGINT: 'bigint', INTEGER: 'integer', BOOLEAN: 'boolean', DOUBLE: 'double', HUGEINT: 'decimal', DATE: 'date' };
  return simple[t] ?? (t.startsWith('TIMESTAMP') ? 'timestamp' : t.toLowerCase());
}

/** Athena's text form of a value: rows as `{a=1, b=x}`, arrays as `[1, 2]`. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => cellText(v) ?? 'null').join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}=${cellText(v) ?? 'null'}`)
    .join(', ')}}`;
}

export class DuckEngine {
  private readonly tables = new Map<string, ExternalTable>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly buckets: Readonly<Record<string, string>>,
    private readonly now: () => number,
  ) {}

  static async create(buckets: Readonly<Record<string, string>>, now: () => number = Date.now): Promise<DuckEngine> {
    const { DuckDBInstance: Instance } = await loadDuckDb();
    const instance = await Instance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    await connection.run(`CREATE SCHEMA ${ident(INTERNAL)}; CREATE SCHEMA IF NOT EXISTS "default"`);
    return new DuckEngine(instance, connection, buckets, now);
  }

  /** Runs `work` after every statement before it (one DuckDB connection, one statement at a time). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  table(database: string, name: string): ExternalTable | undefined {
    return this.tables.get(`${database}.${name}`.toLowerCase());
  }

  /** Parses and plans `sql` in `database`; throws {@link QueryFailure} or {@link DdlError} with Athena-like messages. */
  prepare(sql: string, database: string): Promise<Prepared> {
    return this.serial(async () => {
      const ddl = parseDdl(sql);
      if (ddl) return { kind: 'DDL', scannedBytes: 0, run: () => this.serial(() => this.runDdl(ddl, database)) };
      // DuckDB could write files or read any path: only queries (and the DDL above) run here.
      if (/^\s*(insert|update|delete|merge|copy|attach|detach|install|load|pragma|set|reset|call|export|import|checkpoint|vacuum|use)\b/i.test(sql)) {
        throw new QueryFailure('line 1:1: this local endpoint runs SELECT queries and table DDL only');
      }
      const files = await this.plan(sql, database);
      const scannedBytes = [...files.values()].flat().reduce((sum, f) => sum + f.bytes, 0);
      return { kind: 'DML', scannedBytes, run: () => this.serial(() => this.runQuery(sql, database, files)) };
    });
  }

  private readonly run = async (sql: string): Promise<(string | null)[][]> => (await this.rows(sql)).rows;

  private async rows(sql: string): Promise<{ columns: ResultColumn[]; rows: (string | null)[][] }> {
    const reader = await this.connection.runAndReadAll(sql);
    const columns = reader.columnNames().map((name, i) => ({ name, type: athenaType(reader.columnTypes()[i]?.toString() ?? 'VARCHAR') }));
    return { columns, rows: reader.getRowsJson().map((row) => row.map(cellText)) };
  }

  private async runDdl(ddl: NonNullable<ReturnType<typeof parseDdl>>, database: string): Promise<{ columns: ResultColumn[]; rows: (string | null)[][] }> {
    if (ddl.kind === 'createDatabase') {
      await this.connection.run(`CREATE SCHEMA ${ddl.ifNotExists ? 'IF NOT EXISTS ' : ''}${ident(ddl.name)}`).catch(() => {
        throw new QueryFailure(`FAILED: Database ${ddl.name} already exists`);
      });
    } else if (ddl.kind === 'dropTable') {
      const key = `${ddl.database ?? database}.${ddl.name}`.toLowerCase();
      if (!this.tables.delete(key) && !ddl.ifExists) throw new QueryFailure(`FAILED: SemanticException [Error 10001]: Table not found ${key}`);
      await this.connection.run(`DROP VIEW IF EXISTS ${ident(ddl.database ?? database)}.${ident(ddl.name)}`);
    } else {
      const table = { ...ddl.table, database: ddl.table.database ?? database };
      const key = `${table.database}.${table.name}`.toLowerCase();
      if (this.tables.has(key)) {
        if (table.ifNotExists) return { columns: [], rows: [] };
        throw new QueryFailure(`FAILED: AlreadyExistsException: Table ${key} already exists`);
      }
      projectionsOf(table);
      recordType(table);
      const exists = await this.rows(`SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ${literal(table.database)}`);
      if (exists.rows[0]?.[0] === '0') throw new QueryFailure(`FAILED: SemanticException [Error 10072]: Database does not exist: ${table.database}`);
      this.tables.set(key, table);
      await this.createView(table, []);
    }
    return { columns: [], rows: [] };
  }

  private inventoryName(table: ExternalTable): string {
    return `${ident(INTERNAL)}.${ident(`p_${table.database ?? ''}_${table.name}`)}`;
  }

  /** The files of every table the query reads, narrowed by its partition predicates. */
  private async plan(sql: string, database: string): Promise<Map<string, TableFile[]>> {
    const ast = await parseStatement(this.run, sql).catch((err: unknown) => {
      throw new QueryFailure(err instanceof Error ? err.message : String(err));
    });
    const resolve = (ref: TableRef): ExternalTable | undefined => this.table(ref.schema === '' ? database : ref.schema, ref.table);
    const analysis = analyseScan(ast, (ref) => new Set(resolve(ref)?.partitions.map((p) => p.name) ?? []));
    const files = new Map<string, TableFile[]>();
    for (const ref of analysis.tables) {
      const table = resolve(ref);
      if (!table) continue;
      const key = `${table.database ?? ''}.${table.name}`;
      if (files.has(key)) continue;
      const all = tableFiles(table, this.buckets, this.now());
      const single = analysis.single !== undefined && resolve(analysis.single) === table;
      for (const p of projectionsOf(table)) {
        if (p.type === 'injected' && !(single && hasStaticEquality(analysis.partitionConjuncts, p.column))) {
          throw new QueryFailure(
            `CONSTRAINT_VIOLATION: For the injected projected partition column ${p.column}, the WHERE clause must contain only static equality conditions, and at least one such condition must be present.`,
          );
        }
      }
      files.set(key, single && analysis.partitionConjuncts.length > 0 ? await this.prune(table, all, analysis.partitionConjuncts) : all);
    }
    return files;
  }

  /** Evaluates the partition conjuncts over the table's partitions (DuckDB does the evaluating). */
  private async prune(table: ExternalTable, files: TableFile[], conjuncts: readonly Record<string, unknown>[]): Promise<TableFile[]> {
    const inventory = this.inventoryName(table);
    const columns = table.partitions.map((p) => ident(p.name));
    await this.connection.run(`CREATE OR REPLACE TABLE ${inventory} ("file" VARCHAR, ${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
    for (let i = 0; i < files.length; i += 500) {
      const values = files.slice(i, i + 500).map((f) => `(${[literal(f.file), ...table.partitions.map((p) => literal(f.values[p.name] ?? ''))].join(', ')})`);
      await this.connection.run(`INSERT INTO ${inventory} VALUES ${values.join(', ')}`);
    }
    const kept = await selectPartitions(this.run, `SELECT "file" FROM ${inventory} WHERE TRUE`, conjuncts).catch((err: unknown) => {
      throw new QueryFailure(err instanceof Error ? err.message.split('\n')[0] : String(err));
    });
    const names = new Set(kept.map((r) => r[0]));
    return files.filter((f) => names.has(f.file));
  }

  private async createView(table: ExternalTable, files: readonly TableFile[]): Promise<void> {
    const inventory = this.inventoryName(table);
    const partitionColumns = table.partitions.map((p) => ident(p.name));
    await this.connection.run(`CREATE OR REPLACE TABLE ${inventory} ("file" VARCHAR, ${[...partitionColumns.map((c) => `${c} VARCHAR`)].join(', ')})`);
    for (let i = 0; i < files.length; i += 500) {
      const values = files.slice(i, i + 500).map((f) => `(${[literal(f.file), ...table.partitions.map((p) => literal(f.values[p.name] ?? ''))].join(', ')})`);
      await this.connection.run(`INSERT INTO ${inventory} VALUES ${values.join(', ')}`);
    }
    const type = recordType(table);
    const source =
      files.length === 0
        ? `(SELECT unnest(CAST(NULL AS ${type}[])) AS r, CAST(NULL AS VARCHAR) AS filename WHERE FALSE)`
        : `(SELECT unnest(j."Records") AS r, j.filename FROM read_json([${files.map((f) => literal(f.file)).join(', ')}], columns={'Records': ${literal(`${type}[]`)}}, filename=true, format='auto', maximum_object_size=536870912) j)`;
    const data = table.columns.map((c) => `x.r.${ident(columnSpelling(c.name))} AS ${ident(c.name)}`);
    const parts = table.partitions.map((p) => `p.${ident(p.name)} AS ${ident(p.name)}`);
    await this.connection.run(
      `CREATE OR REPLACE VIEW ${ident(table.database ?? 'default')}.${ident(table.name)} AS SELECT ${[...data, ...parts].join(', ')} FROM ${source} x JOIN ${inventory} p ON p."file" = x.filename`,
    );
  }

  private async runQuery(sql: string, database: string, files: Map<string, TableFile[]>): Promise<{ columns: ResultColumn[]; rows: (string | null)[][] }> {
    for (const [key, list] of files) {
      const table = this.tables.get(key.toLowerCase());
      if (table) await this.createView(table, list);
    }
    await this.connection.run(`SET schema = ${literal(database)}`);
    try {
      return await this.rows(sql);
    } catch (err) {
      throw new QueryFailure(err instanceof Error ? err.message.split('\n')[0] : String(err));
    }
  }

  /** Interrupts the statement running now (a cancelled query). */
  interrupt(): void {
    this.connection.interrupt();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export { DdlError };
