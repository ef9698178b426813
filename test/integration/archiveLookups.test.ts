// Opened trail logs as the source of the palette: look-ups, investigations and "Who changed this?"
// find the nested fixture's 2014–2023 events (far beyond event history's 90 days) in every region
// its files hold; a custom range older than 90 days is accepted for the archive and still refused
// for the API once Back to AWS restored it (the suite ends on the API source, the Events view idle).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/host/testApi';
import { getTestApi } from './extension';
import { exportedRecords, labelStarting, newestSetId } from './lookupsHelpers';
import { useSampleEndpoint } from './sampleEndpoint';
import { Views, WorkbenchUi } from './workbench';

const NESTED = path.resolve(__dirname, '../../../test/fixtures/archive/nested');
const DAY = 86_400_000;

interface RawRecord {
  readonly eventID: string;
  readonly eventTime: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly userIdentity?: { readonly type?: string };
}

/** Every record of the fixture's trail log files (not Insights, not digests), read independently of the extension. */
function fixtureRecords(): RawRecord[] {
  const files = (readdirSync(NESTED, { recursive: true }) as string[]).filter((f) => f.endsWith('.json.gz') && f.split(path.sep).includes('CloudTrail'));
  return files.flatMap((f) => (JSON.parse(gunzipSync(readFileSync(path.join(NESTED, f))).toString('utf8')) as { Records: RawRecord[] }).Records);
}

async function resultRecords(api: TestApi): Promise<Record<string, unknown>[]> {
  return exportedRecords(newestSetId(api));
}

const regionsOf = (records: readonly Record<string, unknown>[]): string[] => [...new Set(records.map((r) => String(r.awsRegion)))].sort();
const timeOf = (record: Record<string, unknown>): number => Date.parse(String(record.eventTime));

describe('archive: look-ups, investigations and Who changed this? over trail logs', () => {
  const ui = new WorkbenchUi();
  let api: TestApi;
  let views: Views;

  // Registered before the endpoint's hooks, so it runs while the endpoint still answers: the suite
  // leaves the API source active and the Events view settled even when a test failed midway.
  after(async () => {
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await views.settle();
    ui.restore();
  });
  const sample = useSampleEndpoint();

  before(async () => {
    api = await getTestApi();
    views = new Views(api, ui.install());
    const started = Date.now();
    assert.equal(await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.openTrailLogs', vscode.Uri.file(NESTED)), true);
    await views.settle();
    assert.ok(api.archive.active(), 'the archive is the source');
    console.log(`      archive opened and the Events view settled in ${Date.now() - started} ms`);
  });

  it('a related look-up (runLookup, no range given) searches the whole archive in every region: DeleteKey of 2020–2021', async () => {
    const started = Date.now();
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', { title: 'DeleteKey in the trail logs', filters: [{ key: 'EventName', value: 'DeleteKey' }] });
    const records = await resultRecords(api);
    console.log(`      runLookup over the archive: ${records.length} events in ${Date.now() - started} ms`);
    const expected = new Set(fixtureRecords().filter((r) => r.eventName === 'DeleteKey').map((r) => r.eventID));
    assert.deepEqual(new Set(records.map((r) => r.eventID)), expected);
    assert.equal(records.length, 4);
    assert.deepEqual(regionsOf(records), ['eu-west-1', 'us-east-1']);
    assert.ok(records.every((r) => timeOf(r) < Date.now() - 90 * DAY), 'all older than event history keeps');
  });

  it('What changed around a time? accepts a typed 2021 moment and finds the DeleteKey, read-only calls left out', async () => {
    const before = ui.validationMessages.length;
    ui.answer('2021-10-26T23:30Z', '15');
    await vscode.commands.executeCommand('cloudtrailInvestigator.investigate.aroundTime');
    assert.deepEqual(ui.validationMessages.slice(before), [], 'a moment years ago is valid for trail logs');
    const records = await resultRecords(api);
    const moment = Date.parse('2021-10-26T23:30:00Z');
    assert.ok(records.some((r) => r.eventID === '1234585c-4b0c-4340-ab11-662414b79239'), 'DeleteKey at 23:41:27');
    assert.ok(records.every((r) => r.readOnly !== true && Math.abs(timeOf(r) - moment) <= 15 * 60_000), 'write events of the window only (not the Decrypt at 23:41:27)');
  });

  it('Root account activity over 2013–2023: every root call of the fixture, in us-east-1, us-east-2 and us-west-2', async () => {
    await vscode.commands.executeCommand('cloudtrailInvestigator.investigate.rootActivity', { start: Date.UTC(2013, 0, 1), end: Date.UTC(2024, 0, 1) });
    const records = await resultRecords(api);
    // The fixture reuses a few documentation event ids; the archive keeps one event per id, so an id
    // that also names a non-root record may or may not come back (whichever copy the archive kept).
    const all = fixtureRecords();
    const nonRoot = new Set(all.filter((r) => r.userIdentity?.type !== 'Root').map((r) => r.eventID));
    const expected = new Set(all.filter((r) => r.userIdentity?.type === 'Root' && !nonRoot.has(r.eventID)).map((r) => r.eventID));
    const shared = new Set(all.filter((r) => r.userIdentity?.type === 'Root' && nonRoot.has(r.eventID)).map((r) => r.eventID));
    assert.equal(expected.size, 9);
    const found = new Set(records.map((r) => r.eventID));
    for (const id of expected) assert.ok(found.has(id), `root call ${id} is found`);
    for (const r of records) {
      const id = String(r.eventID);
      assert.ok((r.userIdentity as { type?: string } | undefined)?.type === 'Root' && (expected.has(id) || shared.has(id)), `only root calls: ${id}`);
    }
    assert.deepEqual(regionsOf(records), ['us-east-1', 'us-east-2', 'us-west-2'], 'a global-and-chosen investigation is not narrowed to us-east-1');
  });

  it('Who changed this? on a us-west-2 snapshot whose EBS direct calls were recorded in us-east-1', async () => {
    const arn = 'arn:aws:ec2:us-west-2::snapshot/snap-abcdef01234567890';
    const line = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged', arn);
    assert.equal(line, 'Last changed by user (IAMUser) on 2021-06-02 21:09:17 UTC: PutSnapshotBlock from 111.111.111.111');
    assert.equal(ui.shown.at(-1)?.text, line, 'the answer is shown');
    assert.equal(api.timeline.model()?.headline, line, 'the answer leads the results panel');
    const records = await resultRecords(api);
    assert.deepEqual(regionsOf(records), ['us-east-1']);
  });

  it('a custom range older than 90 days: accepted for the archive, refused for the API after Back to AWS', async () => {
    const steps = (where: string): (string | ((labels: readonly string[]) => string | undefined))[] => [
      'EventName',
      (labels) => (labels.includes('DeleteKey') ? 'DeleteKey' : undefined),
      labelStarting('$(arrow-right) Continue'),
      'Custom range…',
      '2021-01-01T00:00Z .. 2021-12-31T23:59Z',
      where,
    ];
    const archiveBefore = ui.validationMessages.length;
    ui.answer(...steps('Every region in the trail logs'));
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    assert.deepEqual(ui.validationMessages.slice(archiveBefore), []);
    const records = await resultRecords(api);
    assert.deepEqual(records.map((r) => `${String(r.eventTime)} ${String(r.awsRegion)}`).sort(), ['2021-10-26T23:41:27Z us-east-1', '2021-12-10T14:23:51Z eu-west-1', '2021-12-10T14:23:51Z eu-west-1']);

    const { endpoint } = sample();
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await views.settle();
    assert.equal(api.archive.active(), undefined);
    const requests = endpoint.stats.requests;
    const apiBefore = ui.validationMessages.length;
    const setBefore = api.results.sets()[0]?.id;
    // The refused range is asked again; dismissing the second ask cancels the lookup.
    ui.answer(...steps('Current regions').slice(0, 5), () => undefined);
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupEvents');
    const messages = ui.validationMessages.slice(apiBefore);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0] ?? '', /more than 90 days ago; CloudTrail event history keeps only the last 90 days/);
    assert.equal(api.results.sets()[0]?.id, setBefore, 'no lookup ran');
    assert.equal(endpoint.stats.requests, requests, 'nothing was asked of the API');
  });
});
