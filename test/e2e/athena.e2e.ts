// Athena in the real workbench: a code-server of its own whose machine settings send Athena requests
// to the local Athena-compatible endpoint (real HTTP on 127.0.0.1, SQL run by DuckDB over the sample
// trail written in an organization trail's S3 layout, the table created beforehand through the real
// SDK). "Connect to Athena…" from the palette with its steps answered as a user types them; the status
// bar names Athena; the Events view fills from Athena; "Run Athena SQL" on a workspace file puts the
// DeleteDBInstance row in the Results view.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { createAthenaClient } from '../../src/aws/athena/athenaClient';
import { buildTrailTableDdl } from '../../src/core/athena/createTableDdl';
import { dayOf } from '../../src/core/athena/trailTable';
import { startLocalAthena, type LocalAthena } from '../../tools/local-athena/server';
import { generateSampleRecords } from '../../tools/sample-data/generate';
import { ACCOUNT_ID } from '../../tools/sample-data/principals';
import { writeTrailLayout } from '../../tools/sample-data/trailLayout';
import { ensureCodeServer, startCodeServer, type CodeServer } from '../../tools/vscode/codeServer';
import { testEnvironment } from '../../tools/vscode/workbench';
import { SAMPLE_REGIONS, waitUntil, Workbench } from './harness';

const DAY = 86_400_000;
const BUCKET = 'org-trail-bucket';
const ORG = 'o-exampleorg1';

/** Runs one statement on the local endpoint through the SDK, to its end. */
async function runStatement(url: string, sql: string, database: string): Promise<void> {
  const client = createAthenaClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIAE2EATHENA0000001', secretAccessKey: 'e2eAthenaSecretNeverPrinted' } });
  try {
    const { QueryExecutionId: id } = await client.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: 'primary', QueryExecutionContext: { Database: database } }));
    await waitUntil(async () => {
      const state = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution?.Status?.State;
      if (state === 'FAILED' || state === 'CANCELLED') throw new Error(`${sql.slice(0, 40)}… ${state}`);
      return state === 'SUCCEEDED';
    }, 'the statement succeeds', 30_000);
  } finally {
    client.destroy();
  }
}

describe('Athena in the workbench (local Athena endpoint)', () => {
  let root: string;
  let athena: LocalAthena;
  let server: CodeServer;
  let wb: Workbench;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cti-e2e-athena-'));
    const now = Date.now();
    const sample = generateSampleRecords({ now, backgroundEvents: 200 });
    const bucket = path.join(root, 'bucket');
    writeTrailLayout(sample.records, bucket, { organizationId: ORG, deliveryMinutes: 60 });
    athena = await startLocalAthena({ buckets: { [BUCKET]: bucket }, queuedMs: 5, runningMs: 10, workGroups: [{ name: 'primary', outputLocation: 's3://athena-results/primary/' }] });
    const ddl = buildTrailTableDdl({ database: 'security', table: 'cloudtrail_org', bucket: BUCKET, organizationId: ORG, accounts: [ACCOUNT_ID], regions: SAMPLE_REGIONS, firstDay: dayOf(now - 30 * DAY) });
    await runStatement(athena.url, 'CREATE DATABASE IF NOT EXISTS security', 'default');
    await runStatement(athena.url, ddl.sql, 'security');
    // The workspace holds the SQL a user keeps beside their notes.
    const workspace = path.join(root, 'workspace');
    mkdirSync(workspace);
    writeFileSync(path.join(workspace, 'who-deleted-the-db.sql'), "SELECT eventid, eventname, eventtime, eventsource, awsregion FROM security.cloudtrail_org WHERE eventname = 'DeleteDBInstance'\n");
    server = await startCodeServer({
      codeServer: await ensureCodeServer(),
      name: 'e2e-athena',
      workspace,
      env: testEnvironment(),
      machineSettings: { 'cloudtrailInvestigator.athena.endpoint': athena.url },
      settings: {
        'cloudtrailInvestigator.regions': SAMPLE_REGIONS,
        'cloudtrailInvestigator.lookbackHours': 24 * 7,
        'cloudtrailInvestigator.athena.region': 'us-east-1',
        'cloudtrailInvestigator.athena.database': 'security',
        'cloudtrailInvestigator.athena.table': 'cloudtrail_org',
        'editor.stickyScroll.enabled': false,
      },
    });
    wb = await Workbench.open({ server, folder: workspace });
  });

  after(async () => {
    await wb.close();
    await server.stop();
    await athena.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Expands the first collapsed row under a result set (a group); true when none is left. */
  async function expandCollapsed(rows: ReturnType<Workbench['treeRows']>): Promise<boolean> {
    const collapsed = rows.and(wb.page.locator('[aria-expanded="false"]')).first();
    if ((await collapsed.count()) === 0) return false;
    // Pin the row by its label: once expanded it no longer matches `collapsed`.
    const label = (await collapsed.getAttribute('aria-label')) ?? '';
    await wb.expand(rows.and(wb.page.locator(`[aria-label="${label.replaceAll('"', '\\"')}"]`)).first());
    return false;
  }

  const statusItem = (text: string) => wb.page.locator('.statusbar-item', { hasText: text }).first();

  it('connects from the palette; the status bar names Athena and the Events view fills from it', async () => {
    await wb.openView();
    await wb.runCommand('CloudTrail: Connect to Athena…');
    await wb.answerQuickInput('primary');
    await wb.answerQuickInput('security');
    await wb.answerQuickInput('cloudtrail_org');
    await wb.answerQuickInput('');
    await statusItem('Athena security.cloudtrail_org').waitFor({ timeout: 60_000 });
    await wb.notifications().filter({ hasText: 'connected to Athena security.cloudtrail_org (workgroup primary)' }).first().waitFor({ timeout: 30_000 });
    await wb.waitForEventsLoaded();
    await wb.treeRows().filter({ hasText: /^RDS · \d+/ }).first().waitFor({ timeout: 60_000 });
    assert.ok((athena.stats.requests.StartQueryExecution ?? 0) >= 3, 'the Events view queried Athena');
    await wb.screenshot('athena-connected-events');
  });

  it('Run Athena SQL on a workspace file puts the DeleteDBInstance row in the Results view', async () => {
    await wb.openFile('who-deleted-the-db.sql');
    await wb.runCommand('CloudTrail: Run Athena SQL');
    await wb.notifications().filter({ hasText: /Athena SQL 1 row · .* scanned/ }).first().waitFor({ timeout: 60_000 });
    const results = wb.page.locator('.sidebar .pane:has(> .pane-header[aria-label^="Results"]) .monaco-list-row');
    const set = results.filter({ hasText: /Athena SQL/ }).first();
    await set.waitFor({ timeout: 30_000 });
    if ((await set.getAttribute('aria-expanded')) !== 'true') await wb.expand(set);
    const row = results.filter({ hasText: 'DeleteDBInstance' }).first();
    await waitUntil(async () => (await row.count()) > 0 || (await expandCollapsed(results)), 'the Results view shows DeleteDBInstance', 60_000);
    await wb.screenshot('athena-sql-results');
  });
});
