// Palette look-ups against the local CloudTrail endpoint with the sample incident: each quick-input
// step's validation, the filter split between server and local, every investigation, export round
// trips and cancellation.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConsoleCsv, CONSOLE_CSV_COLUMNS } from '../../src/core/csv';
import type { TestApi } from '../../src/testApi';
import { getTestApi } from './extension';
import { answer, exportedRecords, labelStarting, lookups, resultIds, tempDir } from './lookupsHelpers';
import { useSampleEndpoint } from './sampleEndpoint';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('palette look-ups (sample endpoint)', () => {
  const sample = useSampleEndpoint();
  let api: TestApi;

  before(async () => {
    api = await getTestApi();
    await lookups(api).clearHistory();
  });

  it('Look Up Events: suggests UpdateWebACL from the catalog, rejects a future range, and finds the incident', async () => {
    const { story } = sample();
    answer(
      api,
      'EventName',
      (labels) => (labels.includes('UpdateWebACL') ? 'UpdateWebACL' : undefined),
      labelStarting('$(arrow-right) Continue'),
      'Custom range…',
      '2099-01-01T00:00Z',
      `${iso(story.incidentTime - HOUR)} .. ${iso(story.incidentTime + HOUR)}`,
      'Current regions',
    );
    const before = lookups(api).validationMessages().length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const messages = lookups(api).validationMessages().slice(before);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0] ?? '', /in the future/);
    const setId = lookups(api).lastResultSetId();
    assert.ok(setId);
    const ids = await resultIds(setId);
    assert.ok(ids.includes(story.eventIds.updateWebAcl), 'UpdateWebACL of the incident is in the results');
    const timeline = lookups(api).timeline();
    assert.ok(timeline);
    assert.ok(timeline.title.startsWith('EventName = UpdateWebACL'));
    assert.equal(timeline.plan, 'EventName = UpdateWebACL on the server');
  });

  it('validates a typed value and a time range older than 90 days', async () => {
    const { story } = sample();
    answer(
      api,
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
    const before = lookups(api).validationMessages().length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const messages = lookups(api).validationMessages().slice(before);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0] ?? '', /AKIA/);
    assert.match(messages[1] ?? '', /90 days/);
  });

  it('splits AND filters: one exact filter on the server, the wildcard locally', async () => {
    const { story } = sample();
    answer(
      api,
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
    const setId = lookups(api).lastResultSetId();
    assert.ok(setId);
    assert.equal(lookups(api).timeline()?.plan, 'EventSource = rds.amazonaws.com on the server; EventName = Delete* locally');
    const records = await exportedRecords(setId);
    assert.ok(records.some((r) => r.eventID === story.eventIds.deleteDbInstance), 'DeleteDBInstance found');
    for (const r of records) {
      assert.equal(r.eventSource, 'rds.amazonaws.com');
      assert.match(String(r.eventName), /^Delete/);
    }
    const tree = await api.views?.getTreeSnapshot('cloudtrailInvestigator.results', 2);
    const text = JSON.stringify(tree);
    assert.ok(text.includes('Server: EventSource = rds.amazonaws.com · local: EventName = Delete*'), text.slice(0, 2000));
  });

  it('more filters: errors only and write events only are applied and named in the title', async () => {
    const { story } = sample();
    answer(
      api,
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
    const setId = lookups(api).lastResultSetId();
    assert.ok(setId);
    assert.match(lookups(api).timeline()?.title ?? '', /^EventSource = kms\.amazonaws\.com \(errors only\) · /);
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
      const setId = lookups(api).lastResultSetId();
      assert.ok(setId);
      const records = await exportedRecords(setId);
      return { ids: records.map((r) => r.eventID as string), records };
    };

    it('what changed around a time: UpdateWebACL at 02:00 ±15 min, write events only', async () => {
      const { story } = sample();
      const { ids, records } = await run('aroundTime', { moment: story.incidentTime, aroundMinutes: 15 });
      assert.ok(ids.includes(story.eventIds.updateWebAcl));
      assert.ok(records.every((r) => r.readOnly !== true));
      const bars = lookups(api).timeline()?.bars ?? [];
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
      const before = lookups(api).notices().length;
      const { ids } = await run('rootActivity', range());
      assert.deepEqual(ids, []);
      assert.ok(lookups(api).notices().slice(before).some((n) => n.includes('nothing found')));
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
      assert.ok((lookups(api).timeline()?.bars ?? []).some((b) => b.errors > 0), 'errors are highlighted in the timeline');
    });

    it('logging tampering: StopLogging', async () => {
      const { story } = sample();
      const { ids } = await run('loggingTampering', range());
      assert.ok(ids.includes(story.eventIds.stopLogging));
    });
  });

  it('exports round-trip: the CSV (console columns) parses back to the same events as the JSON records', async () => {
    const { story } = sample();
    await vscode.commands.executeCommand('cloudtrailInvestigator.investigate.principal', { principal: story.iamUserName, start: story.times.firstFailedLogin - HOUR, end: Date.now() });
    const setId = lookups(api).lastResultSetId();
    assert.ok(setId);
    const records = await exportedRecords(setId);
    const file = path.join(tempDir(), 'events.csv');
    await vscode.commands.executeCommand('cloudtrailInvestigator.results.exportCsv', setId, file);
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\r\n')[0], CONSOLE_CSV_COLUMNS.join(','));
    const rows = parseConsoleCsv(text);
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
    });
  });

  it('re-runs a remembered query', async () => {
    const history = lookups(api).history();
    assert.ok(history.length > 0);
    const newest = history.at(0);
    await vscode.commands.executeCommand('cloudtrailInvestigator.rerunQuery', 0);
    assert.equal(lookups(api).timeline()?.title, newest?.title);
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
    const setId = lookups(api).lastResultSetId();
    assert.ok(setId);
    assert.deepEqual(await resultIds(setId), [story.eventIds.deleteDbInstance]);
  });
});

describe('palette look-ups: cancel (throttled sample endpoint)', () => {
  const sample = useSampleEndpoint({ requestsPerSecond: 4 });

  it('keeps the events received before Cancel and says the results are partial', async () => {
    const api = await getTestApi();
    const { story } = sample();
    const args = { title: 'Everything in us-east-1', filters: [], start: story.incidentTime - 7 * 24 * HOUR, end: Date.now(), regions: ['us-east-1'], includeReadOnly: true };
    lookups(api).cancelNextLookupAfter(1);
    const before = lookups(api).notices().length;
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', args);
    const setId = lookups(api).lastResultSetId();
    assert.ok(setId);
    const partial = await resultIds(setId);
    assert.ok(partial.length > 0, 'events received before the cancel are kept');
    assert.match(lookups(api).timeline()?.summary ?? '', /cancelled: partial results/);
    assert.ok(lookups(api).notices().slice(before).some((n) => n.startsWith('Cancelled: showing the')));
    const total = sample().records.filter((r) => (r as { awsRegion?: string }).awsRegion === 'us-east-1').length;
    assert.ok(partial.length < total, `${partial.length} of ${total}`);
  });
});
