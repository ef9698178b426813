// Palette look-ups against the local CloudTrail endpoint with the sample incident: each quick-input
// step's validation, the filter split between server and local, every investigation, export round
// trips and cancellation.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseCsvWithLibrary } from 'csv-parse/sync';
import { EXPORT_CSV_COLUMNS } from '../../src/core/csv';
import type { TestApi } from '../../src/host/testApi';
import { getTestApi } from './extension';
import { exportedRecords, labelStarting, newestSetId, resultIds, tempDir } from './lookupsHelpers';
import { useSampleEndpoint } from './sampleEndpoint';
import { treeSnapshot, WorkbenchUi } from './workbench';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('palette look-ups (sample endpoint)', () => {
  const sample = useSampleEndpoint();
  const ui = new WorkbenchUi();
  let api: TestApi;

  before(async () => {
    api = await getTestApi();
    ui.install();
  });

  after(() => {
    ui.restore();
  });

  it('Look Up Events: suggests UpdateWebACL from the catalog, rejects a future range, and finds the incident', async () => {
    const { story } = sample();
    ui.answer(
      'EventName',
      (labels) => (labels.includes('UpdateWebACL') ? 'UpdateWebACL' : undefined),
      labelStarting('$(arrow-right) Continue'),
      'Custom range…',
      '2099-01-01T00:00Z',
      `${iso(story.incidentTime - HOUR)} .. ${iso(story.incidentTime + HOUR)}`,
      'Current regions',
    );
    const before = ui.validationMessages.length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const messages = ui.validationMessages.slice(before);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0] ?? '', /in the future/);
    const setId = newestSetId(api);
    const ids = await resultIds(setId);
    assert.ok(ids.includes(story.eventIds.updateWebAcl), 'UpdateWebACL of the incident is in the results');
    const timeline = api.timeline.model();
    assert.ok(timeline);
    assert.ok(timeline.title.startsWith('EventName = UpdateWebACL'));
    assert.equal(timeline.plan, 'EventName = UpdateWebACL on the server');
  });

  it('validates a typed value and a time range older than 90 days', async () => {
    const { story } = sample();
    ui.answer(
      'AccessKeyId',
      labelStarting('$(edit)'),
      'not-a-key',
      'AKIAIOSFODNN7EXAMPLE',
      labelStarting('$(arrow-right) Continue'),
      'Custom range…',
      '2020-01-01T00:00Z',
      `${iso(story.incidentTime - HOUR)} .. ${iso(story.incidentTime)}`,
      'Current regions',
    );
    const before = ui.validationMessages.length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const messages = ui.validationMessages.slice(before);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0] ?? '', /AKIA/);
    assert.match(messages[1] ?? '', /90 days/);
  });

  it('splits AND filters: one exact filter on the server, the wildcard locally', async () => {
    const { story } = sample();
    ui.answer(
      'EventSource',
      (labels) => (labels.includes('rds.amazonaws.com') ? 'rds.amazonaws.com' : undefined),
      labelStarting('$(add)'),
      'EventName',
      labelStarting('$(edit)'),
      'Delete*',
      labelStarting('$(arrow-right) Continue'),
      'Last 7 days',
      'Current regions',
    );
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const setId = newestSetId(api);
    assert.equal(api.timeline.model()?.plan, 'EventSource = rds.amazonaws.com on the server; EventName = Delete* locally');
    const records = await exportedRecords(setId);
    assert.ok(records.some((r) => r.eventID === story.eventIds.deleteDbInstance), 'DeleteDBInstance found');
    for (const r of records) {
      assert.equal(r.eventSource, 'rds.amazonaws.com');
      assert.match(String(r.eventName), /^Delete/);
    }
    const tree = await treeSnapshot(api.results.tree, 2);
    const text = JSON.stringify(tree);
    assert.ok(text.includes('Server: EventSource = rds.amazonaws.com · local: EventName = Delete*'), text.slice(0, 2000));
  });

  it('Look Up Events: Enter takes the typed "Delete*" (not the first suggestion), and an unseen user name works', async () => {
    const { story } = sample();
    ui.answer('EventName', 'Delete*', labelStarting('$(arrow-right) Continue'), 'Last 7 days', 'Current regions');
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    assert.ok(ui.offered.length > 0);
    assert.match(api.timeline.model()?.title ?? '', /^EventName = Delete\* · /);
    const records = await exportedRecords(newestSetId(api));
    assert.ok(records.some((r) => r.eventID === story.eventIds.deleteDbInstance), 'DeleteDBInstance found');
    assert.ok(records.every((r) => String(r.eventName).startsWith('Delete')));

    ui.answer('Username', 'mallory', labelStarting('$(arrow-right) Continue'), 'Last 7 days', 'Current regions');
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    assert.match(api.timeline.model()?.title ?? '', /^Username = mallory · /);
    assert.deepEqual(await resultIds(newestSetId(api)), []);
  });

  it('more filters: errors only and write events only are applied and named in the title', async () => {
    const { story } = sample();
    ui.answer(
      'EventSource',
      (labels) => (labels.includes('kms.amazonaws.com') ? 'kms.amazonaws.com' : undefined),
      labelStarting('$(error) Only errors'),
      labelStarting('$(edit) Only write events'),
      labelStarting('$(eye) Include read-only events'),
      labelStarting('$(arrow-right) Continue'),
      'Custom range…',
      `${iso(story.incidentTime - HOUR)} .. ${iso(Math.min(Date.now(), story.incidentTime + 2 * HOUR))}`,
      'Current regions',
    );
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const setId = newestSetId(api);
    assert.match(api.timeline.model()?.title ?? '', /^EventSource = kms\.amazonaws\.com \(errors only\) · /);
    const records = await exportedRecords(setId);
    assert.ok(records.length > 0, 'the Lambda role\'s refused Decrypt calls');
    assert.ok(records.every((r) => typeof r.errorCode === 'string' && r.eventSource === 'kms.amazonaws.com'));
  });

  describe('investigations return the sample incident', () => {
    const range = (): { start: number; end: number } => {
      const { story } = sample();
      return { start: story.times.firstFailedLogin - HOUR, end: Math.min(Date.now(), story.incidentTime + 2 * HOUR) };
    };
    const run = async (id: string, args: object): Promise<{ ids: string[]; records: Record<string, unknown>[] }> => {
      await vscode.commands.executeCommand(`cloudtrailInvestigator.investigate.${id}`, args);
      const setId = newestSetId(api);
      const records = await exportedRecords(setId);
      return { ids: records.map((r) => r.eventID as string), records };
    };

    it('what changed around a time: UpdateWebACL at 02:00 ±15 min, write events only', async () => {
      const { story } = sample();
      const { ids, records } = await run('aroundTime', { moment: story.incidentTime, aroundMinutes: 15 });
      assert.ok(ids.includes(story.eventIds.updateWebAcl));
      assert.ok(records.every((r) => r.readOnly !== true));
      const bars = api.timeline.model()?.bars ?? [];
      assert.equal(bars.reduce((n, b) => n + b.total, 0), records.length);
    });

    it('who did this to a resource (by id): AuthorizeSecurityGroupIngress', async () => {
      const { story } = sample();
      const { ids } = await run('resource', { resource: story.securityGroupId, ...range() });
      assert.ok(ids.includes(story.eventIds.authorizeSecurityGroupIngress));
    });

    it('what did this principal do: dave.ops created a user and stopped logging', async () => {
      const { story } = sample();
      const { ids } = await run('principal', { principal: story.iamUserName, ...range() });
      for (const id of [story.eventIds.createUser, story.eventIds.stopLogging, story.eventIds.deleteDbInstance]) assert.ok(ids.includes(id), id);
    });

    it('activity of an access key: the attacker session key', async () => {
      const { story, records } = sample();
      const createUser = (records as Record<string, unknown>[]).find((r) => r.eventID === story.eventIds.createUser);
      const key = (createUser?.userIdentity as { accessKeyId?: string } | undefined)?.accessKeyId;
      assert.ok(key);
      const { ids } = await run('accessKey', { accessKey: key, ...range() });
      assert.ok(ids.includes(story.eventIds.createUser) && ids.includes(story.eventIds.attachUserPolicy));
    });

    it('console sign-ins: the brute force failures and the sign-in without MFA', async () => {
      const { story } = sample();
      const { ids, records } = await run('consoleSignIns', range());
      assert.ok(ids.includes(story.eventIds.consoleLoginSuccess));
      const failures = records.filter((r) => (r.responseElements as { ConsoleLogin?: string } | null)?.ConsoleLogin === 'Failure');
      assert.ok(failures.length >= story.failedLoginCount, `${failures.length} failures`);
    });

    it('IAM changes: CreateUser and AttachUserPolicy, in us-east-1', async () => {
      const { story } = sample();
      const { ids, records } = await run('iamChanges', range());
      assert.ok(ids.includes(story.eventIds.createUser) && ids.includes(story.eventIds.attachUserPolicy));
      assert.ok(records.every((r) => r.awsRegion === 'us-east-1' && r.eventSource === 'iam.amazonaws.com'));
    });

    it('root account activity: none in the sample, and it says so', async () => {
      const before = ui.shown.length;
      const { ids } = await run('rootActivity', range());
      assert.deepEqual(ids, []);
      assert.ok(ui.shownSince(before).some((n) => n.includes('nothing found')));
    });

    it('destructive actions: the security group opening, DeleteDBInstance and StopLogging', async () => {
      const { story } = sample();
      const { ids } = await run('destructiveActions', range());
      for (const id of [story.eventIds.deleteDbInstance, story.eventIds.stopLogging, story.eventIds.authorizeSecurityGroupIngress]) assert.ok(ids.includes(id), id);
    });

    it('access denied: the Lambda role refused after the WAF change', async () => {
      const { story } = sample();
      const { records } = await run('accessDenied', range());
      assert.ok(records.length > 0);
      assert.ok(records.every((r) => /AccessDenied|Unauthorized|Forbidden|AuthFailure/.test(String(r.errorCode))), 'only refused calls');
      assert.ok(records.some((r) => String(r.errorCode).includes('AccessDenied')));
      assert.ok(records.some((r) => String((r.userIdentity as { arn?: string }).arn).includes(story.lambdaRoleName)));
      assert.ok((api.timeline.model()?.bars ?? []).some((b) => b.errors > 0), 'errors are highlighted in the timeline');
    });

    it('logging tampering: StopLogging', async () => {
      const { story } = sample();
      const { ids } = await run('loggingTampering', range());
      assert.ok(ids.includes(story.eventIds.stopLogging));
    });
  });

  it('exports round-trip: the CSV (console columns + outcome, channel, changed by) parses back to the same events as the JSON records', async () => {
    const { story } = sample();
    await vscode.commands.executeCommand('cloudtrailInvestigator.investigate.principal', { principal: story.iamUserName, start: story.times.firstFailedLogin - HOUR, end: Date.now() });
    const setId = newestSetId(api);
    const records = await exportedRecords(setId);
    const file = path.join(tempDir(), 'events.csv');
    await vscode.commands.executeCommand('cloudtrailInvestigator.results.exportCsv', setId, file);
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\r\n')[0], EXPORT_CSV_COLUMNS.join(','));
    // Read back by an independent CSV parser, not the project's own.
    const rows = parseCsvWithLibrary<Record<string, string>>(text, { columns: true, bom: true });
    assert.equal(rows.length, records.length);
    rows.forEach((row, i) => {
      const r = records[i] ?? {};
      assert.equal(row['Event ID'], r.eventID);
      assert.equal(row['Event name'], r.eventName);
      assert.equal(row['Event time'], r.eventTime);
      assert.equal(row['AWS region'], r.awsRegion);
      assert.equal(row['Event source'], r.eventSource);
      assert.equal(row['Source IP address'], r.sourceIPAddress ?? '');
      assert.equal(row['User name'], story.iamUserName);
      assert.ok(row['Change channel'] !== '', 'every row names its change channel');
      assert.ok(row['Changed by'] !== '', 'every row names who was behind it');
    });
  });

  it('exports failed console sign-ins as Failed (no errorCode, by the sign-in outcome), with the channel', async () => {
    const { story } = sample();
    await vscode.commands.executeCommand('cloudtrailInvestigator.investigate.consoleSignIns', { start: story.times.firstFailedLogin - HOUR, end: Math.min(Date.now(), story.incidentTime + 2 * HOUR) });
    const setId = newestSetId(api);
    const file = path.join(tempDir(), 'signins.csv');
    await vscode.commands.executeCommand('cloudtrailInvestigator.results.exportCsv', setId, file);
    const rows = parseCsvWithLibrary<Record<string, string>>(readFileSync(file, 'utf8'), { columns: true, bom: true });
    const logins = rows.filter((r) => r['Event name'] === 'ConsoleLogin');
    const failed = logins.filter((r) => r.Outcome === 'Failed');
    assert.ok(failed.length >= story.failedLoginCount, `${failed.length} of ${logins.length} sign-ins exported as failed`);
    assert.ok(failed.every((r) => r['Error code'] === '' && r.Failure.includes('Failed authentication')), 'the failure is named though no error code exists');
    assert.ok(logins.some((r) => r['Event ID'] === story.eventIds.consoleLoginSuccess && r.Outcome === 'Success'));
    assert.ok(logins.every((r) => /console/i.test(r['Change channel'])), logins.map((r) => r['Change channel']).join(', '));
  });

  it('exports JSON with each untouched record beside its outcome, change channel and who changed it', async () => {
    const { story } = sample();
    await vscode.commands.executeCommand('cloudtrailInvestigator.investigate.consoleSignIns', { start: story.times.firstFailedLogin - HOUR, end: Math.min(Date.now(), story.incidentTime + 2 * HOUR) });
    const setId = newestSetId(api);
    const records = await exportedRecords(setId);
    const file = path.join(tempDir(), 'annotated.json');
    await vscode.commands.executeCommand('cloudtrailInvestigator.results.exportAnnotatedJson', setId, file);
    const { events } = JSON.parse(readFileSync(file, 'utf8')) as { events: { eventID: string; outcome: string; changeChannel: { label: string }; changedBy: { label: string }; record: Record<string, unknown> }[] };
    assert.deepEqual(events.map((e) => e.record), records, 'the records are what the plain JSON export holds');
    const failed = events.filter((e) => e.record.eventName === 'ConsoleLogin' && e.outcome === 'Failed');
    assert.ok(failed.length >= story.failedLoginCount, `${failed.length} failed sign-ins`);
    assert.ok(events.every((e) => e.changeChannel.label !== '' && e.changedBy.label !== ''));
  });

  it('re-runs a remembered query', async () => {
    const history = api.history();
    assert.ok(history.length > 0);
    const newest = history.at(0);
    await vscode.commands.executeCommand('cloudtrailInvestigator.rerunQuery', 0);
    assert.equal(api.timeline.model()?.title, newest?.title);
  });

  it('runs the panel related lookups through _cloudtrailInvestigator.runLookup (request id kept locally)', async () => {
    const { story, records } = sample();
    const del = (records as Record<string, unknown>[]).find((r) => r.eventID === story.eventIds.deleteDbInstance);
    assert.ok(del);
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', {
      title: 'Same request',
      filters: [{ key: 'EventName', value: 'DeleteDBInstance' }],
      start: story.times.deleteDbInstance - HOUR,
      end: story.times.deleteDbInstance + HOUR,
      regions: ['eu-west-1'],
      requestId: del.requestID,
    });
    const setId = newestSetId(api);
    assert.deepEqual(await resultIds(setId), [story.eventIds.deleteDbInstance]);
  });
});

describe('palette look-ups: cancel (throttled sample endpoint)', () => {
  const sample = useSampleEndpoint({ requestsPerSecond: 4 });

  const ui = new WorkbenchUi();
  before(() => {
    ui.install();
  });
  after(() => {
    ui.restore();
  });

  it('keeps the events received before Cancel and says the results are partial', async () => {
    const api = await getTestApi();
    const { story } = sample();
    const args = { title: 'Everything in us-east-1', filters: [], start: story.incidentTime - 7 * 24 * HOUR, end: Date.now(), regions: ['us-east-1'], includeReadOnly: true };
    ui.cancelNextAfter(1);
    const before = ui.shown.length;
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', args);
    const setId = newestSetId(api);
    const partial = await resultIds(setId);
    assert.ok(partial.length > 0, 'events received before the cancel are kept');
    assert.match(api.timeline.model()?.summary ?? '', /cancelled: partial results/);
    assert.ok(ui.shownSince(before).some((n) => n.startsWith('Cancelled: showing the')));
    const total = sample().records.filter((r) => (r as { awsRegion?: string }).awsRegion === 'us-east-1').length;
    assert.ok(partial.length < total, `${partial.length} of ${total}`);
  });
});
