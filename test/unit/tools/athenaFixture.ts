/**
 * Shared by the Athena tests: the tools' sample trail written in the S3 layout of an organization
 * trail to a temporary "bucket" folder, the local Athena endpoint over it, the table created with
 * the DDL generator's statement through the real SDK, and an Athena source wired to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { buildTrailTableDdl, type TrailTableDdl } from '../../../src/core/athena/createTableDdl';
import { createAthenaEventSource, type AthenaEventSource, type AthenaSourceOptions } from '../../../src/aws/athena/athenaEventSource';
import { startLocalAthena, type LocalAthena, type LocalAthenaOptions } from '../../../tools/local-athena/server';
import { writeTrailLayout, type TrailLayoutSummary } from '../../../tools/sample-data/trailLayout';
import { CREDENTIALS, NOW, SAMPLE } from './toolsTestSupport';

export const BUCKET = 'org-trail-bucket';
export const ORG = 'o-exampleorg1';
export const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];
export const ACCOUNT = '123456789012';

export interface AthenaFixture {
  readonly dir: string;
  readonly layout: TrailLayoutSummary;
  readonly server: LocalAthena;
  readonly ddl: TrailTableDdl;
  client(): AthenaClient;
  source(options?: Partial<AthenaSourceOptions>): AthenaEventSource;
  /** Runs a statement to its end through the SDK; returns its id and final state. */
  run(sql: string, database?: string, workGroup?: string): Promise<{ id: string; state: string; reason?: string; scanned: number }>;
  close(): Promise<void>;
}

export function athenaClient(url: string): AthenaClient {
  return new AthenaClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
}

export async function startAthenaFixture(options: Partial<LocalAthenaOptions> = {}): Promise<AthenaFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-athena-'));
  // Hourly files keep the file count (and DuckDB's work) small; the layout is the same.
  const layout = writeTrailLayout(SAMPLE.records, dir, { organizationId: ORG, deliveryMinutes: 60 });
  const server = await startLocalAthena({
    buckets: { [BUCKET]: dir },
    clock: () => NOW,
    queuedMs: 5,
    runningMs: 10,
    workGroups: [
      { name: 'primary', outputLocation: 's3://athena-results/primary/' },
      { name: 'guarded', outputLocation: 's3://athena-results/guarded/', enforce: true, bytesScannedCutoffPerQuery: 60_000 },
      { name: 'no-output' },
    ],
    ...options,
  });
  const ddl = buildTrailTableDdl({ database: 'security', table: 'cloudtrail_org', bucket: BUCKET, organizationId: ORG, accounts: [ACCOUNT], regions: REGIONS, firstDay: '2026/06/01' });
  const client = athenaClient(server.url);
  const run = async (sql: string, database = 'security', workGroup = 'primary'): Promise<{ id: string; state: string; reason?: string; scanned: number }> => {
    const { QueryExecutionId: id = '' } = await client.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup, QueryExecutionContext: { Database: database } }));
    for (;;) {
      const q = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
      const state = q?.Status?.State ?? '';
      if (state !== 'QUEUED' && state !== 'RUNNING') {
        const reason = q?.Status?.StateChangeReason;
        return { id, state, ...(reason ? { reason } : {}), scanned: q?.Statistics?.DataScannedInBytes ?? 0 };
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const created = [await run('CREATE DATABASE IF NOT EXISTS security', 'default'), await run(ddl.sql)];
  for (const c of created) if (c.state !== 'SUCCEEDED') throw new Error(`fixture DDL failed: ${c.reason ?? c.state}`);
  return {
    dir,
    layout,
    server,
    ddl,
    client: () => athenaClient(server.url),
    source: (extra = {}) =>
      createAthenaEventSource({ region: 'us-east-1', endpoint: server.url, credentials: CREDENTIALS, workGroup: 'primary', table: ddl.shape, pollMs: 5, maxPollMs: 20, now: () => NOW, ...extra }),
    run,
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
