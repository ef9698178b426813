import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  GetWorkGroupCommand,
  ListWorkGroupsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  AthenaClient,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { startAthenaFixture, type AthenaFixture } from './athenaFixture';
import { CREDENTIALS, rejection, SAMPLE } from './toolsTestSupport';

const run = promisify(execFile);

describe('local Athena endpoint: Athena’s JSON protocol driven by the real SDK', function () {
  this.timeout(60_000);
  let fx: AthenaFixture;
  let client: AthenaClient;

  before(async () => {
    fx = await startAthenaFixture();
    client = fx.client();
  });
  after(async () => {
    client.destroy();
    await fx.close();
  });

  it('moves a query through QUEUED and RUNNING to SUCCEEDED with statistics', async () => {
    // A second in each state: the first poll, sent right after the start, must find it still queued
    // even on a loaded machine (60 ms was missed once under load).
    fx.server.setOptions({ queuedMs: 1000, runningMs: 1000 });
    try {
      const { QueryExecutionId: id } = await client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT count(*) AS n FROM cloudtrail_org', QueryExecutionContext: { Database: 'security' }, WorkGroup: 'primary' }));
      const seen: string[] = [];
      let last;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
        last = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
        const state = last?.Status?.State ?? '';
        if (seen.at(-1) !== state) seen.push(state);
        if (state === 'SUCCEEDED') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(seen, ['QUEUED', 'RUNNING', 'SUCCEEDED']);
      assert.equal(last?.Statistics?.DataScannedInBytes, fx.layout.bytes - insightBytes(fx));
      assert.ok((last.Statistics.EngineExecutionTimeInMillis ?? 0) >= 100);
      assert.ok(last.Status?.CompletionDateTime instanceof Date);
      assert.equal(last.StatementType, 'DML');
      assert.match(last.ResultConfiguration?.OutputLocation ?? '', new RegExp(`^s3://athena-results/primary/${id ?? ''}\\.csv$`));
    } finally {
      fx.server.setOptions({ queuedMs: 5, runningMs: 10 });
    }
  });

  it('pages GetQueryResults: header row first, VarCharValue cells, absent for NULL, NextToken to the end', async () => {
    const q = await fx.run(`SELECT eventid, errorcode FROM cloudtrail_org WHERE region = 'us-east-1' ORDER BY eventid`);
    const expected = SAMPLE.records.filter((r) => r.awsRegion === 'us-east-1' && r.eventCategory !== 'Insight').map((r) => String(r.eventID)).sort();
    const first = await client.send(new GetQueryResultsCommand({ QueryExecutionId: q.id, MaxResults: 50 }));
    assert.deepEqual(first.ResultSet?.Rows?.[0]?.Data, [{ VarCharValue: 'eventid' }, { VarCharValue: 'errorcode' }]);
    assert.deepEqual(first.ResultSet.ResultSetMetadata?.ColumnInfo?.map((c) => [c.Name, c.Type]), [['eventid', 'varchar'], ['errorcode', 'varchar']]);
    assert.equal(first.ResultSet.Rows.length, 50);
    const ids: string[] = (first.ResultSet.Rows ?? []).slice(1).map((r) => r.Data?.[0]?.VarCharValue ?? '');
    const withoutError = (first.ResultSet.Rows ?? []).slice(1).find((r) => r.Data?.[1]?.VarCharValue === undefined);
    assert.deepEqual(withoutError?.Data?.[1], {});
    let token = first.NextToken;
    while (token) {
      const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: q.id, MaxResults: 1000, NextToken: token }));
      ids.push(...(page.ResultSet?.Rows ?? []).map((r) => r.Data?.[0]?.VarCharValue ?? ''));
      token = page.NextToken;
    }
    assert.deepEqual(ids, expected);
  });

  it('answers with Athena’s error shapes', async () => {
    const tooMany = await rejection(() => client.send(new GetQueryResultsCommand({ QueryExecutionId: 'x', MaxResults: 1001 })));
    assert.equal(tooMany.name, 'InvalidRequestException');
    const unknown = await rejection(() => client.send(new GetQueryExecutionCommand({ QueryExecutionId: '00000000-0000-0000-0000-000000000000' })));
    assert.equal(unknown.name, 'InvalidRequestException');
    assert.match(unknown.message, /was not found/);
    assert.equal((unknown as unknown as { AthenaErrorCode?: string }).AthenaErrorCode, 'INVALID_INPUT');
    assert.equal(unknown.$metadata?.httpStatusCode, 400);
    const noWorkGroup = await rejection(() => client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'nope' })));
    assert.match(noWorkGroup.message, /WorkGroup nope is not found/);
    const noOutput = await rejection(() => client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'no-output' })));
    assert.match(noOutput.message, /No output location provided/);
    const noTable = await rejection(() => client.send(new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'security', TableName: 'nope' })));
    assert.equal(noTable.name, 'MetadataException');
    const failed = await fx.run('SELECT * FROM no_such_table');
    assert.equal(failed.state, 'FAILED');
    const notDone = await rejection(() => client.send(new GetQueryResultsCommand({ QueryExecutionId: failed.id })));
    assert.match(notDone.message, /Final query state: FAILED/);
    const syntax = await fx.run('SELEC 1');
    assert.equal(syntax.state, 'FAILED');
    assert.match(syntax.reason ?? '', /syntax error/i);
  });

  it('throttles over the concurrent query limit with TooManyRequestsException, which the SDK retries', async () => {
    fx.server.setOptions({ maxConcurrentQueries: 1, runningMs: 300 });
    try {
      const a = await client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'primary' }));
      const refused = await rejection(() => client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 2', WorkGroup: 'primary' })));
      assert.equal(refused.name, 'TooManyRequestsException');
      assert.equal((refused as unknown as { Reason?: string }).Reason, 'CONCURRENT_QUERY_LIMIT_EXCEEDED');
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: a.QueryExecutionId }));
      fx.server.setOptions({ maxConcurrentQueries: undefined, throttleNext: 2 });
      const retrying = athenaRetryingClient(fx.server.url);
      const out = await retrying.send(new GetWorkGroupCommand({ WorkGroup: 'primary' }));
      assert.equal(out.$metadata.attempts, 3);
      retrying.destroy();
    } finally {
      fx.server.setOptions({ maxConcurrentQueries: undefined, runningMs: 10, throttleNext: 0 });
    }
  });

  it('stops a query: CANCELLED, and its results are refused', async () => {
    fx.server.setOptions({ runningMs: 5000 });
    try {
      const { QueryExecutionId: id } = await client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'primary' }));
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      const q = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
      assert.equal(q?.Status?.State, 'CANCELLED');
      const refused = await rejection(() => client.send(new GetQueryResultsCommand({ QueryExecutionId: id })));
      assert.match(refused.message, /CANCELLED/);
    } finally {
      fx.server.setOptions({ runningMs: 10 });
    }
  });

  it('reuses results as Athena documents: same workgroup, query string, database and result configuration, within MaxAgeInMinutes', async () => {
    const sql = `SELECT count(*) AS n FROM cloudtrail_org WHERE region = 'us-west-2'`;
    const execute = async (text: string, options: { reuse?: { Enabled: boolean; MaxAgeInMinutes?: number }; output?: string; database?: string; workGroup?: string } = {}): Promise<QueryExecution> => {
      const { QueryExecutionId: id } = await client.send(
        new StartQueryExecutionCommand({
          QueryString: text,
          WorkGroup: options.workGroup ?? 'primary',
          QueryExecutionContext: { Database: options.database ?? 'security' },
          ...(options.output !== undefined ? { ResultConfiguration: { OutputLocation: options.output } } : {}),
          ...(options.reuse ? { ResultReuseConfiguration: { ResultReuseByAgeConfiguration: options.reuse } } : {}),
        }),
      );
      for (;;) {
        const q = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
        if (q?.Status?.State !== 'QUEUED' && q?.Status?.State !== 'RUNNING') return q ?? {};
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const reused = (q: QueryExecution): boolean | undefined => q.Statistics?.ResultReuseInformation?.ReusedPreviousResult;
    const enabled = { Enabled: true };
    const first = await execute(sql, { reuse: enabled });
    assert.equal(reused(first), false);
    assert.ok((first.Statistics?.DataScannedInBytes ?? 0) > 0);
    const second = await execute(sql, { reuse: enabled });
    assert.equal(second.Status?.State, 'SUCCEEDED');
    assert.equal(reused(second), true);
    assert.equal(second.Statistics?.DataScannedInBytes, 0, 'a reused result scans nothing');
    assert.deepEqual(second.ResultReuseConfiguration, { ResultReuseByAgeConfiguration: { Enabled: true } }, 'the request’s configuration');
    const rows = async (q: QueryExecution): Promise<unknown> => (await client.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }))).ResultSet?.Rows;
    assert.deepEqual(await rows(second), await rows(first));
    // Any difference runs the query again.
    assert.equal(reused(await execute(sql)), false, 'reuse not asked for');
    assert.equal(reused(await execute(`${sql} `, { reuse: enabled })), false, 'the query string differs');
    assert.equal(reused(await execute(sql.replace('FROM cloudtrail_org', 'FROM security.cloudtrail_org'), { reuse: enabled, database: 'default' })), false, 'another database');
    assert.equal(reused(await execute(sql, { reuse: enabled, output: 's3://athena-results/elsewhere/' })), false, 'another result configuration');
    assert.equal(reused(await execute(sql, { reuse: enabled, workGroup: 'guarded' })), false, 'another workgroup');
    assert.equal(reused(await execute(sql, { reuse: { Enabled: true, MaxAgeInMinutes: 0 } })), false, 'a previous result is always older than 0 minutes');
    const tooOld = await rejection(() => execute(sql, { reuse: { Enabled: true, MaxAgeInMinutes: 10_081 } }));
    assert.equal(tooOld.name, 'InvalidRequestException');
    assert.match(tooOld.message, /maxAgeInMinutes.*10080/);
  });

  it('describes workgroups and the table the DDL created (partition keys and projection)', async () => {
    const w = await client.send(new GetWorkGroupCommand({ WorkGroup: 'guarded' }));
    assert.equal(w.WorkGroup?.Configuration?.BytesScannedCutoffPerQuery, 60_000);
    assert.equal(w.WorkGroup.Configuration.EnforceWorkGroupConfiguration, true);
    const list = await client.send(new ListWorkGroupsCommand({}));
    assert.deepEqual(list.WorkGroups?.map((x) => x.Name), ['primary', 'guarded', 'no-output']);
    const t = await client.send(new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'security', TableName: 'cloudtrail_org' }));
    assert.deepEqual(t.TableMetadata?.PartitionKeys?.map((k) => k.Name), ['account', 'region', 'timestamp']);
    assert.equal(t.TableMetadata.Parameters?.['projection.timestamp.format'], 'yyyy/MM/dd');
    assert.equal(t.TableMetadata.Parameters['storage.location.template'], fx.ddl.template);
  });

  it('prunes by partition for any SQL and requires static equality on injected partitions', async () => {
    const one = await fx.run(`SELECT count(*) FROM cloudtrail_org WHERE region = 'ap-southeast-2' AND "timestamp" = '2026/11/20'`);
    const files = fx.layout.files.filter((f) => f.includes('/CloudTrail/ap-southeast-2/2026/11/20/'));
    assert.equal(one.scanned, files.reduce((sum, f) => sum + statSync(f).size, 0));
    const injected = fx.ddl.sql.replace('cloudtrail_org(', 'cloudtrail_injected(').replace(/'projection\.account\.type'='enum',\n\s*'projection\.account\.values'='[^']*'/, "'projection.account.type'='injected'");
    assert.equal((await fx.run(injected)).state, 'SUCCEEDED');
    const without = await fx.run(`SELECT count(*) FROM cloudtrail_injected WHERE region = 'eu-west-1'`);
    assert.equal(without.state, 'FAILED');
    assert.match(without.reason ?? '', /CONSTRAINT_VIOLATION: For the injected projected partition column account/);
    const withAccount = await fx.run(`SELECT count(*) FROM cloudtrail_injected WHERE account = '123456789012' AND region = 'eu-west-1'`);
    assert.equal(withAccount.state, 'SUCCEEDED');
  });

  it('is read the same by the AWS CLI (a second client)', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    const q = await fx.run(`SELECT eventname FROM cloudtrail_org WHERE eventname = 'StopLogging'`);
    const { stdout } = await run('aws', ['athena', 'get-query-results', '--query-execution-id', q.id, '--endpoint-url', fx.server.url, '--output', 'json'], { env });
    const parsed = JSON.parse(stdout) as { ResultSet: { Rows: { Data: { VarCharValue?: string }[] }[] } };
    assert.deepEqual(parsed.ResultSet.Rows.map((r) => r.Data[0]?.VarCharValue), ['eventname', 'StopLogging']);
  });
});

function insightBytes(fx: AthenaFixture): number {
  return fx.layout.files.filter((f) => f.includes('/CloudTrail-Insight/')).reduce((sum, f) => sum + statSync(f).size, 0);
}

function athenaRetryingClient(url: string): AthenaClient {
  return new AthenaClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 5 });
}
