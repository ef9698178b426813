/**
 * GetQueryResults paging as Athena does it: at most 1000 rows a page (MaxResults), the header row
 * (column labels) first on the first page of a SELECT, every cell a `VarCharValue` (absent for
 * NULL), and a NextToken bound to the query it came from.
 */
import type { Execution } from './executions';
import type { AthenaServiceError } from './serviceError';

const MAX_RESULTS = 1000;

function token(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset })).toString('base64url');
}

function offsetOf(id: string, text: string, invalid: (m: string) => AthenaServiceError): number {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { id?: unknown; offset?: unknown };
    if (parsed.id === id && typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through
  }
  throw invalid('The NextToken is not valid for this query.');
}

export function resultPage(e: Execution, maxResults: unknown, nextToken: string | undefined, invalid: (m: string, code?: string) => AthenaServiceError): unknown {
  if (maxResults !== undefined && (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS)) {
    throw invalid(`1 validation error detected: Value '${JSON.stringify(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_RESULTS}`);
  }
  if (e.state === 'QUEUED' || e.state === 'RUNNING') throw invalid(`Query has not yet finished. Current state: ${e.state}`);
  if (e.state !== 'SUCCEEDED') throw invalid(`Query did not finish successfully. Final query state: ${e.state}`);
  const limit = typeof maxResults === 'number' ? maxResults : MAX_RESULTS;
  const offset = nextToken !== undefined ? offsetOf(e.id, nextToken, invalid) : 0;
  const header = e.kind === 'DML' ? [e.columns.map((c) => c.name)] : [];
  const all = [...header, ...e.rows];
  const page = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? token(e.id, offset + limit) : undefined;
  return {
    ...(e.kind === 'DDL' ? { UpdateCount: 0 } : {}),
    ResultSet: {
      Rows: page.map((row) => ({ Data: row.map((cell) => (cell === null ? {} : { VarCharValue: cell })) })),
      ResultSetMetadata: {
        ColumnInfo: e.columns.map((c) => ({ CatalogName: 'hive', SchemaName: '', TableName: '', Name: c.name, Label: c.name, Type: c.type, Precision: 0, Scale: 0, Nullable: 'UNKNOWN', CaseSensitive: c.type === 'varchar' })),
      },
    },
    ...(next !== undefined ? { NextToken: next } : {}),
  };
}
