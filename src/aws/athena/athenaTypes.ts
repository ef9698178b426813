/**
 * Types shared by the Athena source and its SQL helpers: query progress, query options, and the
 * statement runner the helpers call back into.
 */
import type { QueryCost } from '../../core/athena/cost';
import type { QueryOptions } from '../../core/query';
import type { AthenaQueryState, ExecutionStatus } from './athenaExecution';

/** Progress of a running Athena query, for a status line ("RUNNING · 12 s · 1.2 GB scanned"). */
export interface AthenaProgress {
  readonly state: AthenaQueryState;
  readonly queryExecutionId: string;
  readonly elapsedMs: number;
  readonly scannedBytes: number;
  /** The estimate before, the actual cost once Athena reports bytes. */
  readonly cost?: QueryCost;
  /** Result rows read so far, once the query has SUCCEEDED and GetQueryResults pages arrive. */
  readonly rowsRead?: number;
}

/** Query options with Athena's own progress. */
export interface AthenaQueryOptions extends QueryOptions {
  readonly onAthenaProgress?: (progress: AthenaProgress) => void;
}

/** The part of the source the SQL helpers use. */
export interface StatementRunner {
  execute(sql: string, options: AthenaQueryOptions): Promise<ExecutionStatus>;
  readonly options: { readonly region: string };
}
