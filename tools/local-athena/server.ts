/**
 * A local Athena-compatible endpoint: Athena's JSON protocol (awsJson1.1, `X-Amz-Target:
 * AmazonAthena.<Operation>`) on 127.0.0.1, running the SQL on DuckDB over local folders that stand
 * in for S3 buckets. Operations: StartQueryExecution, GetQueryExecution, GetQueryResults,
 * StopQueryExecution, GetWorkGroup, ListWorkGroups, GetTableMetadata; errors have Athena's shapes
 * (InvalidRequestException with AthenaErrorCode, TooManyRequestsException with Reason,
 * MetadataException). Used by tests and benchmarks; never bundled into the extension.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DuckEngine } from './engine';
import { Executions, type Execution, type Timing, type WorkGroupConfig } from './executions';
import { resultPage } from './resultPages';
import { AthenaServiceError } from './serviceError';

export { AthenaServiceError };

export interface LocalAthenaOptions {
  /** Bucket name → local folder that holds its keys (e.g. the trail layout `writeTrailLayout` wrote). */
  readonly buckets: Readonly<Record<string, string>>;
  /** Workgroups; default one, `primary`, with output location `s3://local-athena-results/`. */
  readonly workGroups?: readonly WorkGroupConfig[];
  readonly host?: string;
  readonly port?: number;
  /** Queries at once (queued or running) before StartQueryExecution answers TooManyRequestsException. */
  readonly maxConcurrentQueries?: number;
  readonly queuedMs?: number;
  readonly runningMs?: number;
  /** "Now" for NOW in date projections. */
  readonly clock?: () => number;
  /** GetQueryResults answers this late (ms), so a test can cancel while results are paging; default 0. */
  readonly resultsDelayMs?: number;
}

export interface LocalAthena {
  readonly url: string;
  /** Requests by operation, and TooManyRequests answers. */
  readonly stats: { requests: Partial<Record<string, number>>; throttled: number };
  execution(id: string): Execution | undefined;
  setOptions(patch: Partial<Pick<LocalAthenaOptions, 'maxConcurrentQueries' | 'queuedMs' | 'runningMs' | 'resultsDelayMs'>> & { throttleNext?: number; failQueriesContaining?: string }): void;
  close(): Promise<void>;
}


const PREFIX = 'AmazonAthena.';
const MAX_BODY = 1 << 20;
const MAX_QUERY_LENGTH = 262_144;

function invalid(message: string, code = 'INVALID_INPUT'): AthenaServiceError {
  return new AthenaServiceError('InvalidRequestException', message, { AthenaErrorCode: code });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(invalid('Request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, type?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(type ? { 'x-amzn-ErrorType': type } : {}),
  });
  res.end(text);
}

type Input = Record<string, unknown>;

function str(input: Input, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

function obj(input: Input, key: string): Input {
  const v = input[key];
  return typeof v === 'object' && v !== null ? (v as Input) : {};
}

function describe(e: Execution): Record<string, unknown> {
  const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);
  const engineMs = e.started !== undefined ? (e.completed ?? Date.now()) - e.started : 0;
  return {
    QueryExecutionId: e.id,
    Query: e.sql,
    StatementType: e.kind,
    ResultConfiguration: { OutputLocation: e.outputLocation },
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: e.reuse?.enabled === true, ...(e.reuse?.maxAgeInMinutes !== undefined ? { MaxAgeInMinutes: e.reuse.maxAgeInMinutes } : {}) } },
    QueryExecutionContext: { Database: e.database, Catalog: e.catalog },
    Status: {
      State: e.state,
      ...(e.reason !== undefined ? { StateChangeReason: e.reason } : {}),
      SubmissionDateTime: seconds(e.submitted),
      ...(e.completed !== undefined ? { CompletionDateTime: seconds(e.completed) } : {}),
      ...(e.state === 'FAILED' || e.errorCategory !== undefined ? { AthenaError: { ErrorCategory: e.errorCategory ?? 3, ErrorMessage: e.reason ?? '', Retryable: false } } : {}),
    },
    Statistics: {
      EngineExecutionTimeInMillis: engineMs,
      DataScannedInBytes: e.scannedBytes,
      TotalExecutionTimeInMillis: (e.completed ?? Date.now()) - e.submitted,
      QueryQueueTimeInMillis: (e.started ?? Date.now()) - e.submitted,
      ResultReuseInformation: { ReusedPreviousResult: e.reused },
    },
    WorkGroup: e.workGroup.name,
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
  };
}

/** Starts the endpoint on 127.0.0.1. */
export async function startLocalAthena(options: LocalAthenaOptions): Promise<LocalAthena> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error('The local Athena endpoint listens on loopback only.');
  const clock = options.clock ?? Date.now;
  const engine = await DuckEngine.create(options.buckets, clock);
  const behaviour: { maxConcurrentQueries: number | undefined; queuedMs: number; runningMs: number; resultsDelayMs: number; throttleNext: number; failQueriesContaining?: string } = {
    maxConcurrentQueries: options.maxConcurrentQueries,
    queuedMs: options.queuedMs ?? 20,
    runningMs: options.runningMs ?? 40,
    resultsDelayMs: options.resultsDelayMs ?? 0,
    throttleNext: 0,
  };
  // Delayed answers end early when the endpoint closes.
  const delays = new Set<() => void>();
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        delays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      delays.add(done);
    });
  const timing = (): Timing => ({ queuedMs: behaviour.queuedMs, runningMs: behaviour.runningMs, ...(behaviour.failQueriesContaining !== undefined ? { failQueriesContaining: behaviour.failQueriesContaining } : {}) });
  const executions = new Executions(engine, timing);
  const workGroups = new Map((options.workGroups ?? [{ name: 'primary', outputLocation: 's3://local-athena-results/' }]).map((w) => [w.name, w]));
  const stats = { requests: {} as Partial<Record<string, number>>, throttled: 0 };

  const execution = (input: Input): Execution => {
    const id = str(input, 'QueryExecutionId');
    if (id === undefined || id === '') throw invalid('QueryExecutionId is required');
    const found = executions.get(id);
    if (!found) throw invalid(`QueryExecution ${id} was not found`);
    return found;
  };

  const operations: Record<string, (input: Input) => unknown> = {
    StartQueryExecution(input) {
      const sql = str(input, 'QueryString') ?? '';
      if (sql.trim() === '' || sql.length > MAX_QUERY_LENGTH) throw invalid(`1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length between 1 and ${MAX_QUERY_LENGTH}`);
      const name = str(input, 'WorkGroup') ?? 'primary';
      const workGroup = workGroups.get(name);
      if (!workGroup) throw invalid(`WorkGroup ${name} is not found.`);
      const previous = executions.forToken(str(input, 'ClientRequestToken'));
      if (previous) return { QueryExecutionId: previous.id };
      if (behaviour.maxConcurrentQueries !== undefined && executions.active() >= behaviour.maxConcurrentQueries) {
        stats.throttled++;
        throw new AthenaServiceError('TooManyRequestsException', 'You have exceeded the limit for the number of queries you can run concurrently. Reduce the number of concurrent queries submitted by this account. Contact customer support to request a concurrent query limit increase.', { Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED' });
      }
      const requested = str(obj(input, 'ResultConfiguration'), 'OutputLocation');
      const outputLocation = workGroup.enforce === true ? workGroup.outputLocation : (requested ?? workGroup.outputLocation);
      if (outputLocation === undefined) throw invalid('No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.');
      const context = obj(input, 'QueryExecutionContext');
      const reuse = obj(obj(input, 'ResultReuseConfiguration'), 'ResultReuseByAgeConfiguration');
      const maxAge = reuse.MaxAgeInMinutes;
      if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > 10_080)) {
        throw invalid(`1 validation error detected: Value '${JSON.stringify(maxAge)}' at 'resultReuseConfiguration.resultReuseByAgeConfiguration.maxAgeInMinutes' failed to satisfy constraint: Member must have value between 0 and 10080`);
      }
      const token = str(input, 'ClientRequestToken');
      const started = executions.start({
        sql,
        database: (str(context, 'Database') ?? 'default').toLowerCase(),
        catalog: str(context, 'Catalog') ?? 'AwsDataCatalog',
        workGroup,
        outputLocation,
        ...(token !== undefined ? { token } : {}),
        ...(reuse.Enabled !== undefined ? { reuse: { enabled: reuse.Enabled === true, ...(typeof maxAge === 'number' ? { maxAgeInMinutes: maxAge } : {}) } } : {}),
      });
      return { QueryExecutionId: started.id };
    },
    GetQueryExecution(input) {
      return { QueryExecution: describe(execution(input)) };
    },
    StopQueryExecution(input) {
      executions.stop(execution(input));
      return {};
    },
    GetQueryResults(input) {
      return resultPage(execution(input), input.MaxResults, str(input, 'NextToken'), invalid);
    },
    GetWorkGroup(input) {
      const name = str(input, 'WorkGroup') ?? '';
      const w = workGroups.get(name);
      if (!w) throw invalid(`WorkGroup ${name} is not found.`);
      return {
        WorkGroup: {
          Name: w.name,
          State: 'ENABLED',
          Description: w.description ?? '',
          CreationTime: 1_700_000_000,
          Configuration: {
            ...(w.outputLocation !== undefined ? { ResultConfiguration: { OutputLocation: w.outputLocation } } : {}),
            EnforceWorkGroupConfiguration: w.enforce === true,
            PublishCloudWatchMetricsEnabled: false,
            ...(w.bytesScannedCutoffPerQuery !== undefined ? { BytesScannedCutoffPerQuery: w.bytesScannedCutoffPerQuery } : {}),
            RequesterPaysEnabled: false,
            EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
          },
        },
      };
    },
    ListWorkGroups() {
      return { WorkGroups: [...workGroups.values()].map((w) => ({ Name: w.name, State: 'ENABLED', Description: w.description ?? '', CreationTime: 1_700_000_000, EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' } })) };
    },
    GetTableMetadata(input) {
      const database = (str(input, 'DatabaseName') ?? '').toLowerCase();
      const name = (str(input, 'TableName') ?? '').toLowerCase();
      const table = engine.table(database, name);
      if (!table) throw new AthenaServiceError('MetadataException', `FAILED: SemanticException [Error 10001]: Table not found ${database}.${name}`);
      return {
        TableMetadata: {
          Name: table.name,
          CreateTime: 1_700_000_000,
          TableType: 'EXTERNAL_TABLE',
          Columns: table.columns.map((c) => ({ Name: c.name, Type: 'string' })),
          PartitionKeys: table.partitions.map((p) => ({ Name: p.name, Type: 'string' })),
          Parameters: { ...table.properties, location: table.location, EXTERNAL: 'TRUE' },
        },
      };
    },
  };

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== 'POST') throw new AthenaServiceError('UnknownOperationException', 'Only POST is supported', {}, 404);
        if (!req.headers.authorization) throw new AthenaServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', {}, 403);
        const target = String(req.headers['x-amz-target'] ?? '');
        const op = target.startsWith(PREFIX) ? operations[target.slice(PREFIX.length)] : undefined;
        const body = await readBody(req);
        if (!op) throw new AthenaServiceError('UnknownOperationException', `Unknown operation ${target}`);
        const name = target.slice(PREFIX.length);
        stats.requests[name] = (stats.requests[name] ?? 0) + 1;
        if (name === 'GetQueryResults' && behaviour.resultsDelayMs > 0) await delay(behaviour.resultsDelayMs);
        if (behaviour.throttleNext > 0) {
          behaviour.throttleNext--;
          stats.throttled++;
          throw new AthenaServiceError('TooManyRequestsException', 'Rate exceeded');
        }
        let input: Input;
        try {
          input = (body === '' ? {} : JSON.parse(body)) as Input;
        } catch {
          throw new AthenaServiceError('SerializationException', 'Could not parse the request body as JSON');
        }
        send(res, 200, op(input));
      } catch (err) {
        const e = err instanceof AthenaServiceError ? err : new AthenaServiceError('InternalServerException', err instanceof Error ? err.message : String(err), {}, 500);
        send(res, e.status, { __type: e.type, Message: e.message, ...e.fields }, e.type);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '::1' ? '[::1]' : host}:${port}`,
    stats,
    execution: (id) => executions.get(id),
    setOptions(patch) {
      Object.assign(behaviour, patch);
    },
    async close() {
      executions.close();
      for (const done of [...delays]) done();
      // Connections still open (a client's keep-alive, an answer in flight) would hold close() forever.
      const closed = new Promise<void>((resolve) => server.close(() => { resolve(); }));
      server.closeAllConnections();
      await closed;
      engine.close();
    },
  };
}
