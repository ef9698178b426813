// Athena as the event source, against the local Athena-compatible endpoint (real HTTP server on
// 127.0.0.1 speaking Athena's JSON protocol, SQL run by DuckDB over the sample trail written in the
// S3 layout of an organization trail), driven by the extension's real @aws-sdk/client-athena:
// creating the table through the reviewed DDL, look-ups compiled to SQL with their estimate and cost,
// Run Athena SQL on the active document, cancel from the status bar, and errors shown as inert text.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dayOf } from '../../src/core/athena/trailTable';
import type { RunLookupArgs } from '../../src/core/query';
import { eventFromArgument } from '../../src/host/eventArgument';
import type { TestApi } from '../../src/host/testApi';
import { startLocalAthena, type LocalAthena } from '../../tools/local-athena/server';
import { generateSampleRecords } from '../../tools/sample-data/generate';
import { ACCOUNT_ID } from '../../tools/sample-data/principals';
import type { SampleStory } from '../../tools/sample-data/story';
import { writeTrailLayout } from '../../tools/sample-data/trailLayout';
import { getTestApi } from './extension';
import { labelStarting, resultIds } from './lookupsHelpers';
import { SAMPLE_REGIONS } from './sampleEndpoint';
import { waitFor, WorkbenchUi } from './workbench';

const DAY = 86_400_000;
const BUCKET = 'org-trail-bucket';
const ORG = 'o-exampleorg1';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('cloudtrailInvestigator');
}

async function setGlobal(key: string, value: unknown): Promise<void> {
  await config().update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Athena source (local Athena endpoint, real SDK)', function () {
  this.timeout(120_000);
  const ui = new WorkbenchUi();
  let api: TestApi;
  let server: LocalAthena;
  let dir: string;
  let story: SampleStory;
  const settings: Record<string, unknown> = {};
  const starts = (): number => server.stats.requests.StartQueryExecution ?? 0;

  before(async () => {
    api = await getTestApi();
    const now = Date.now();
    const sample = generateSampleRecords({ now, backgroundEvents: 300 });
    story = sample.story;
    dir = mkdtempSync(path.join(tmpdir(), 'cti-athena-'));
    writeTrailLayout(sample.records, dir, { organizationId: ORG, deliveryMinutes: 60 });
    server = await startLocalAthena({ buckets: { [BUCKET]: dir }, queuedMs: 5, runningMs: 10, workGroups: [{ name: 'primary', outputLocation: 's3://athena-results/primary/' }] });
    Object.assign(settings, { 'athena.endpoint': server.url, 'athena.region': 'us-east-1', 'athena.workGroup': 'primary', regions: SAMPLE_REGIONS, lookbackHours: 24 * 7 });
    for (const [key, value] of Object.entries(settings)) await setGlobal(key, value);
    ui.install();
  });

  after(async () => {
    ui.restore();
    await vscode.commands.executeCommand('cloudtrailInvestigator.athena.disconnect');
    for (const key of [...Object.keys(settings), 'athena.database', 'athena.table', 'athena.outputLocation']) await setGlobal(key, undefined);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Clicks the event's item in the Results view (runs the item's command with its arguments, as a click does). */
  const clickResult = async (eventId: string): Promise<void> => {
    const provider = api.results.tree;
    const queue = [...((await provider.getChildren()) ?? [])];
    for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
      const item = await provider.getTreeItem(node);
      const command = item.command;
      if (command?.command === 'cloudtrailInvestigator.showEventDetails' && eventFromArgument(command.arguments?.[0])?.id === eventId) {
        await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
        return;
      }
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) queue.push(...((await provider.getChildren(node)) ?? []));
    }
    throw new Error(`no Results item for event ${eventId}`);
  };

  const ddlAnswers = (): string[] => [BUCKET, '', ORG, ACCOUNT_ID, SAMPLE_REGIONS.join(', '), dayOf(Date.now() - 30 * DAY), 'security', 'cloudtrail_org'];

  it('Create Athena Table: opens the partition-projection DDL for review and runs nothing until "Run"', async () => {
    // The Athena SDK is its own bundle, loaded on first use: not at activation, not by the other suites.
    const athenaLoaded = (): boolean => Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}dist${path.sep}athenaModule.js`));
    assert.equal(athenaLoaded(), false, 'dist/athenaModule.js is not loaded before Athena is used');
    ui.answer('Bad_Bucket!', ...ddlAnswers(), labelStarting('$(edit) Not now'));
    const before = ui.validationMessages.length;
    const ran = await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.athena.createTable');
    assert.equal(ran, false);
    assert.match(ui.validationMessages.slice(before).join('\n'), /not a valid S3 bucket name/);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.languageId, 'sql');
    assert.equal(doc.isUntitled, true);
    const text = doc.getText();
    assert.match(text, /^CREATE DATABASE IF NOT EXISTS security;/);
    assert.match(text, /CREATE EXTERNAL TABLE security\.cloudtrail_org\(/);
    assert.match(text, /'storage\.location\.template'='s3:\/\/org-trail-bucket\/AWSLogs\/o-exampleorg1\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{timestamp\}'/);
    assert.match(text, new RegExp(`'projection\\.account\\.values'='${ACCOUNT_ID}'`));
    assert.equal(starts(), 0, 'no statement reached Athena');
    assert.equal(api.athena.active(), undefined);

    ui.answer(...ddlAnswers(), labelStarting('$(play) Run'));
    assert.equal(await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.athena.createTable'), true);
    assert.equal(starts(), 2, 'CREATE DATABASE and CREATE EXTERNAL TABLE ran');
    assert.equal(athenaLoaded(), true, 'the extension ran Athena from dist/athenaModule.js');
    assert.deepEqual(
      { ...api.athena.active(), label: undefined },
      { label: undefined, workGroup: 'primary', database: 'security', table: 'cloudtrail_org' },
    );
    assert.equal(config().get('athena.table'), 'cloudtrail_org');
    assert.equal(api.athena.statusBar()?.text, '$(database) Athena security.cloudtrail_org');
    assert.equal(await api.statusBarText().then((t) => t.includes('Athena security.cloudtrail_org')), true, 'the status bar names Athena as the source');
  });

  it('Connect to Athena: a missing table is refused with its name and nothing saved; the existing one connects', async () => {
    await vscode.commands.executeCommand('cloudtrailInvestigator.athena.disconnect');
    assert.equal(api.athena.active(), undefined);
    assert.equal(api.athena.statusBar(), undefined, 'no Athena item while disconnected');
    ui.answer('primary', 'security', 'no_such_table', '');
    const before = ui.shown.length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.athena.connect');
    const errors = ui.shown.slice(before).filter((s) => s.level === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.text ?? '', /no readable table security\.no_such_table/);
    assert.equal(config().get('athena.table'), 'cloudtrail_org', 'the setting kept its value');
    assert.equal(api.athena.active(), undefined);

    ui.answer((labels) => (labels.includes('primary') ? 'primary' : undefined), 'security', 'cloudtrail_org', '');
    await vscode.commands.executeCommand('cloudtrailInvestigator.athena.connect');
    assert.equal(api.athena.active()?.table, 'cloudtrail_org');
    assert.ok(ui.shown.some((s) => s.level === 'info' && s.text.includes('connected to Athena security.cloudtrail_org (workgroup primary)')));
  });

  it('asks before a query estimated over athena.confirmScanAboveMB: "Don’t run" sends nothing, "Run it" runs', async () => {
    await api.events.whenIdle();
    await setGlobal('athena.confirmScanAboveMB', 0);
    try {
      const before = starts();
      const lookup: RunLookupArgs = { title: 'EventName = CreateUser', filters: [{ key: 'EventName', value: 'CreateUser' }], start: Date.now() - 7 * DAY, end: Date.now() };
      ui.answer(labelStarting('$(close)'));
      await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', lookup);
      assert.equal(starts(), before, 'declined: no StartQueryExecution');
      assert.ok(ui.titles.some((t) => /^Athena query: ≈ .* over your confirmScanAboveMB setting\. Run it\?$/.test(t)), ui.titles.join('\n'));
      ui.answer(labelStarting('$(play) Run it'));
      await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', lookup);
      assert.equal(starts(), before + 1);
      const set = api.results.sets()[0];
      assert.ok(set);
      assert.ok((await resultIds(set.id)).includes(story.eventIds.createUser));
    } finally {
      await setGlobal('athena.confirmScanAboveMB', undefined);
    }
  });

  it('look-ups run on Athena: "who deleted the DB" compiles to SQL over the searched regions’ partitions, estimate before, cost after', async () => {
    await api.events.whenIdle();
    assert.ok(api.events.eventCount() > 0, 'the Events view reloaded from Athena');
    const args: RunLookupArgs = { title: `ResourceName = ${story.dbInstanceId}`, filters: [{ key: 'ResourceName', value: story.dbInstanceId }], start: Date.now() - 7 * DAY, end: Date.now(), regions: ['eu-west-1'] };
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', args);
    const set = api.results.sets()[0];
    assert.ok(set);
    assert.ok((await resultIds(set.id)).includes(story.eventIds.deleteDbInstance), 'DeleteDBInstance is in the results');
    const last = api.athena.lastRun();
    assert.ok(last);
    assert.equal(last.state, 'SUCCEEDED');
    // A related look-up searches the event's region, the configured ones and us-east-1 (issue 17.4):
    // the SQL reads those regions' partitions only.
    assert.match(last.sql ?? '', /"region" IN \('[^)]*'eu-west-1'[^)]*\)\n/);
    assert.match(last.estimate ?? '', /^≈ .* \(estimate\)$/);
    assert.match(last.cost ?? '', /scanned · \$/);
    assert.ok(last.scannedBytes > 0);
    assert.match(api.athena.statusBar()?.tooltip ?? '', /Last query SUCCEEDED/);
  });

  it('an identical look-up again reuses Athena’s recent result: 0 bytes scanned, and the status bar says what it saved', async () => {
    await api.events.whenIdle();
    const end = Date.now();
    const lookup: RunLookupArgs = { title: 'EventName = CreateAccessKey', filters: [{ key: 'EventName', value: 'CreateAccessKey' }], start: end - 5 * DAY, end };
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', lookup);
    const first = api.athena.lastRun();
    assert.ok(first && first.scannedBytes > 0, JSON.stringify(first));
    const firstIds = await resultIds(api.results.sets()[0]?.id ?? '');
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', lookup);
    const second = api.athena.lastRun();
    assert.ok(second);
    assert.notEqual(second.queryExecutionId, first.queryExecutionId, 'a new execution…');
    assert.equal(server.execution(second.queryExecutionId)?.reused, true, '…that Athena answered from the previous result');
    assert.equal(second.scannedBytes, 0);
    assert.match(second.cost ?? '', /^reused a previous result · \$0, saved ≈ .* scanned · ≈ \$[\d.]+$/);
    assert.match(api.athena.statusBar()?.tooltip ?? '', /Last query SUCCEEDED: reused a previous result · \$0, saved/);
    assert.deepEqual(await resultIds(api.results.sets()[0]?.id ?? ''), firstIds, 'the same events');
  });

  it('Run Athena SQL runs the active SQL document; trail rows land in the Results view', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: "SELECT eventid, eventname, eventtime, eventsource, awsregion FROM security.cloudtrail_org WHERE eventname = 'DeleteDBInstance'\n" });
    await vscode.window.showTextDocument(doc);
    const outcome = await vscode.commands.executeCommand<{ rows: number; events?: number; setId?: string; cost: string }>('cloudtrailInvestigator.athena.runSql');
    assert.ok(outcome);
    assert.ok(outcome.rows >= 1 && outcome.events === outcome.rows, JSON.stringify(outcome));
    assert.ok(outcome.setId);
    assert.ok((await resultIds(outcome.setId)).includes(story.eventIds.deleteDbInstance));
    assert.ok(ui.shown.some((s) => s.level === 'info' && s.text.includes('Athena SQL') && s.text.includes(outcome.cost)));
  });

  it('the event panel of an Athena row fetches the whole record (request parameters) with a narrow query and shows its cost', async () => {
    await api.events.whenIdle();
    const id = story.eventIds.deleteDbInstance;
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', { title: 'EventName = DeleteDBInstance', filters: [{ key: 'EventName', value: 'DeleteDBInstance' }], start: Date.now() - 7 * DAY, end: Date.now(), regions: ['eu-west-1'] } satisfies RunLookupArgs);
    const before = starts();
    await clickResult(id);
    await waitFor(() => (api.eventPanel.shown(id)?.notes ?? []).some((n) => n.startsWith('Whole record loaded')), 'the panel shows the whole record');
    const shown = api.eventPanel.shown(id);
    assert.ok(shown);
    const raw = shown.raw as Record<string, unknown>;
    assert.deepEqual(raw.requestParameters, { dBInstanceIdentifier: story.dbInstanceId, skipFinalSnapshot: true, deleteAutomatedBackups: true }, 'request parameters: only the raw record has them');
    assert.match(shown.notes.find((n) => n.startsWith('Whole record')) ?? '', /^Whole record loaded \(Athena · \d+(\.\d)? [KM]?B scanned · \$[\d.]+\)\.$/);
    assert.equal(starts(), before + 1, 'one narrow query');
    const last = api.athena.lastRun();
    assert.match(last?.sql ?? '', new RegExp(`"region" = 'eu-west-1'\n {2}AND "eventid" = '${id}'\nLIMIT 1$`));
    assert.ok((last?.scannedBytes ?? 0) > 0);
    // "Open as JSON" from the panel shows the same whole record.
    await vscode.commands.executeCommand('cloudtrailInvestigator.openRawEventJson');
    const json = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
    assert.equal((json.requestParameters as Record<string, unknown> | undefined)?.dBInstanceIdentifier, story.dbInstanceId);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('when fetching the whole record fails, the panel says why and keeps the summary', async () => {
    const id = story.eventIds.stopLogging;
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', { title: 'EventName = StopLogging', filters: [{ key: 'EventName', value: 'StopLogging' }], start: Date.now() - 7 * DAY, end: Date.now() } satisfies RunLookupArgs);
    server.setOptions({ failQueriesContaining: `"eventid" = '${id}'` });
    try {
      await clickResult(id);
      await waitFor(() => (api.eventPanel.shown(id)?.notes ?? []).some((n) => n.startsWith('The whole record could not be loaded')), 'the panel says the record could not be loaded');
      const shown = api.eventPanel.shown(id);
      assert.ok(shown);
      assert.match(shown.notes.join('\n'), /could not be loaded: The Athena query failed: HIVE_BAD_DATA: .*\. The panel shows the summary columns the query returned\./);
      const raw = shown.raw as Record<string, unknown>;
      assert.equal(raw.eventID, id, 'the summary is still shown');
      assert.equal(raw.eventName, 'StopLogging');
      assert.equal(raw.requestParameters, undefined);
      assert.equal(api.athena.running(), 0);
    } finally {
      server.setOptions({ failQueriesContaining: '' });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('cancel from the status bar stops the running query (StopQueryExecution); the look-up reports it cancelled', async () => {
    server.setOptions({ runningMs: 30_000 });
    try {
      const stopsBefore = server.stats.requests.StopQueryExecution ?? 0;
      const lookup = vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', { title: 'EventName = StopLogging', filters: [{ key: 'EventName', value: 'StopLogging' }] } satisfies RunLookupArgs);
      await waitFor(() => (api.athena.statusBar()?.text ?? '').includes('Athena RUNNING'), 'the status bar shows the query RUNNING');
      assert.equal(api.athena.statusBar()?.command, 'cloudtrailInvestigator.athena.cancel');
      await vscode.commands.executeCommand('cloudtrailInvestigator.athena.cancel');
      await lookup;
      assert.equal((server.stats.requests.StopQueryExecution ?? 0) - stopsBefore, 1);
      assert.equal(api.athena.lastRun()?.cancelled, true);
      assert.equal(api.athena.running(), 0);
      assert.ok(ui.shown.some((s) => s.level === 'warning' && s.text.startsWith('Cancelled')), 'the look-up says it was cancelled');
      assert.equal(api.athena.statusBar()?.command, '_cloudtrailInvestigator.athena.menu');
    } finally {
      server.setOptions({ runningMs: 10 });
    }
  });

  it('cancel while the results page stops the query (StopQueryExecution); the look-up says it was cancelled', async () => {
    await api.events.whenIdle();
    server.setOptions({ resultsDelayMs: 30_000 });
    try {
      const stopsBefore = server.stats.requests.StopQueryExecution ?? 0;
      const pagesBefore = server.stats.requests.GetQueryResults ?? 0;
      const shownBefore = ui.shown.length;
      const lookup = vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', { title: 'EventName = CreateUser', filters: [{ key: 'EventName', value: 'CreateUser' }], start: Date.now() - 6 * DAY, end: Date.now() } satisfies RunLookupArgs);
      await waitFor(() => (server.stats.requests.GetQueryResults ?? 0) > pagesBefore, 'a result page is being read');
      assert.equal(api.athena.statusBar()?.command, 'cloudtrailInvestigator.athena.cancel', 'the status bar offers cancel while results page');
      await vscode.commands.executeCommand('cloudtrailInvestigator.athena.cancel');
      await lookup;
      assert.equal((server.stats.requests.StopQueryExecution ?? 0) - stopsBefore, 1, 'StopQueryExecution reached the server');
      assert.ok(ui.shown.slice(shownBefore).some((s) => s.level === 'warning' && s.text.startsWith('Cancelled')), JSON.stringify(ui.shown.slice(shownBefore)));
      assert.equal(api.athena.running(), 0);
      assert.equal(api.athena.statusBar()?.command, '_cloudtrailInvestigator.athena.menu');
    } finally {
      server.setOptions({ resultsDelayMs: 0 });
    }
  });

  it('shows Athena’s errors as inert text: a hostile table name cannot become a link', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'SELECT * FROM security."x[open](command:workbench.action.quit)"' });
    await vscode.window.showTextDocument(doc);
    const before = ui.shown.length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.athena.runSql');
    const errors = ui.shown.slice(before).filter((s) => s.level === 'error');
    assert.equal(errors.length, 1, JSON.stringify(ui.shown.slice(before)));
    assert.match(errors[0]?.text ?? '', /Athena/);
    assert.doesNotMatch(errors[0]?.text ?? '', /\]\(command:/);
  });
});
