// A trail bucket read straight from S3, inside a real extension host: the local S3-compatible server
// (tools/local-s3) holds an organization trail in the real layout, the extension's real
// @aws-sdk/client-s3 talks to it through the s3Endpoint setting, and requests are counted at the
// server. Open Trail Bucket… from the palette shows the incident in the tree; opening it again sends
// no request (the store in global storage answers); Cancel keeps what was read; Clear Trail Cache
// forgets it all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenedBucket } from '../../src/features/bucket/openTrailBucket';
import { startLocalS3, type LocalS3 } from '../../tools/local-s3/server';
import { fillTrailBucket, type TrailBucketContents } from '../../tools/local-s3/trailBucket';
import { getTestApi } from './extension';
import { useSampleEndpoint } from './sampleEndpoint';
import { Views, WorkbenchUi, type TreeSnapshotItem } from './workbench';

const EVENTS = 'cloudtrailInvestigator.events';

async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('cloudtrailInvestigator').update(key, value, vscode.ConfigurationTarget.Global);
}

function labels(items: readonly TreeSnapshotItem[]): string[] {
  return items.flatMap((i) => [i.label, ...labels(i.children ?? [])]);
}

describe('bucket: Open Trail Bucket', () => {
  // Back to AWS lands on this endpoint instead of the real AWS.
  useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;
  let server: LocalS3;
  let contents: TrailBucketContents;

  before(async () => {
    const api = await getTestApi();
    views = new Views(api, ui.install());
    server = await startLocalS3();
    contents = fillTrailBucket(server, { now: Date.now(), days: 7, backgroundEvents: 300, fileMinutes: 240 });
    await updateSetting('s3Endpoint', server.url);
    await updateSetting('includeReadOnly', true);
    await vscode.commands.executeCommand('cloudtrailInvestigator.clearTrailCache');
  });

  after(async () => {
    ui.restore();
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await vscode.commands.executeCommand('cloudtrailInvestigator.clearTrailCache');
    await updateSetting('s3Endpoint', undefined);
    await updateSetting('includeReadOnly', undefined);
    await server.close();
  });

  it('opens the bucket from the palette: picks the bucket, accounts and regions, a range; the incident fills the tree', async () => {
    server.resetRequests();
    const [first, second] = contents.accounts;
    let scopes: readonly string[] = [];
    ui.answer(`s3://${contents.bucket}`, (offered) => {
      scopes = offered;
      return offered.filter((l) => !l.startsWith(`${second} `));
    }, 'last 7 days');
    const opened = await vscode.commands.executeCommand<OpenedBucket | undefined>('cloudtrailInvestigator.openTrailBucket');
    assert.ok(opened, `opened (unanswered prompts: ${ui.unanswered.join(', ')})`);
    assert.equal(opened.cancelled, false);
    assert.ok(scopes.includes(`${first} · eu-west-1`), `offered: ${scopes.join(', ')}`);
    assert.ok(scopes.includes(`${first} · ${contents.emptyRegion}`), 'the empty region folder is offered too');
    assert.ok(!scopes.some((l) => l.startsWith(contents.deniedAccount)), 'the denied account has no readable folders');
    assert.ok(opened.events > 0 && opened.objectsRead > 0, JSON.stringify(opened));
    const gets = server.requests.filter((r) => r.method === 'GET' && r.key !== undefined);
    assert.ok(gets.length > 0 && gets.every((r) => r.key?.includes(`/${first}/`)), 'only the chosen account was downloaded');
    assert.ok(!server.requests.some((r) => r.query.prefix?.includes(`/${second}/CloudTrail/`) === true && r.query.prefix.split('/').length > 6), 'no day folder of the other account was listed');
    await views.settle();
    assert.equal(await views.getStatusBarText(), `$(archive) s3://${contents.bucket}/`);
    const tree = labels(await views.getTreeSnapshot(EVENTS, 2));
    assert.ok(tree.some((l) => l.startsWith('DeleteDBInstance')), `the deleted database is in the tree: ${tree.slice(0, 30).join(', ')}`);
    assert.ok(views.eventCount() > 0);
  });

  it('opening it again sends no request to S3: the store in global storage answers', async () => {
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await views.settle();
    assert.match(await views.getStatusBarText(), /^\$\(cloud\) /, 'Back to AWS closes the bucket');
    server.resetRequests();
    const started = Date.now();
    ui.answer((offered) => offered.filter((l) => !l.startsWith(`${contents.accounts[1]} `)), 'last 7 days');
    const opened = await vscode.commands.executeCommand<OpenedBucket | undefined>('cloudtrailInvestigator.openTrailBucket', `s3://${contents.bucket}/`);
    assert.ok(opened);
    await views.settle();
    console.log(`      reopened from the store in ${Date.now() - started} ms`);
    assert.equal(opened.objectsRead, 0);
    assert.deepEqual(server.requests, [], 'no S3 request at all');
    const tree = labels(await views.getTreeSnapshot(EVENTS, 2));
    assert.ok(tree.some((l) => l.startsWith('DeleteDBInstance')));
  });

  it('Cancel keeps what was read and says so; Clear Trail Cache forgets everything', async () => {
    await vscode.commands.executeCommand('cloudtrailInvestigator.clearTrailCache');
    assert.match(ui.shown.at(-1)?.text ?? '', /^CloudTrail: trail cache cleared \(\d+ downloaded objects/);
    server.resetRequests();
    const from = ui.shown.length;
    // Cancel is pressed on the reading notification, which starts after the last prompt.
    ui.answer((offered) => [...offered], () => {
      ui.cancelNextAfter(1);
      return 'last 7 days';
    });
    const opened = await vscode.commands.executeCommand<OpenedBucket | undefined>('cloudtrailInvestigator.openTrailBucket', `s3://${contents.bucket}/`);
    assert.ok(opened);
    assert.equal(opened.cancelled, true);
    assert.ok(opened.events > 0, 'the events read before Cancel are kept');
    assert.ok(opened.objectsRead < contents.logKeys.length, `${opened.objectsRead} of ${contents.logKeys.length} objects read`);
    assert.ok(server.requests.length > 0, 'the cleared cache had to be read again');
    assert.ok(ui.shownSince(from, 'warning').some((t) => /reading s3:\/\/trail-bucket\/ was cancelled; the [\d,]+ events read so far are shown/.test(t)), ui.shownSince(from).join(' | '));
    await views.settle();
    assert.ok(views.eventCount() > 0, 'the kept events are shown');
  });
});

describe('bucket: LookupEvents through the trail store (trailCache.lookups)', () => {
  const sample = useSampleEndpoint({ requestsPerSecond: 0 });
  const HOUR = 3_600_000;
  let api: Awaited<ReturnType<typeof getTestApi>>;

  before(async () => {
    api = await getTestApi();
    await updateSetting('trailCache.lookups', true);
    // The Events view then covers only the last hour: the look-ups below are its own windows.
    await updateSetting('lookbackHours', 1);
    // Loaded now, so its requests are not counted as the look-ups'.
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.focus');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await api.events.whenIdle();
  });

  after(async () => {
    await updateSetting('trailCache.lookups', undefined);
    await updateSetting('lookbackHours', undefined);
    await vscode.commands.executeCommand('cloudtrailInvestigator.clearTrailCache');
  });

  it('repeating a look-up over a window already fetched sends no request and shows the same events', async () => {
    const { story, endpoint } = sample();
    const lookup = {
      title: 'Deleted databases',
      filters: [{ key: 'EventName', value: 'DeleteDBInstance' }],
      start: story.times.deleteDbInstance - 24 * HOUR,
      end: story.times.deleteDbInstance + HOUR,
      regions: ['eu-west-1', 'us-east-1'],
    };
    await api.events.whenIdle();
    const before = endpoint.stats.requests;
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', lookup);
    const first = api.results.sets().at(0);
    await api.events.whenIdle();
    const fetched = endpoint.stats.requests - before;
    assert.ok(fetched > 0, 'the first look-up asks the endpoint');
    assert.ok(first && first.events > 0, 'the deleted database is found');
    await vscode.commands.executeCommand('_cloudtrailInvestigator.runLookup', { ...lookup, title: 'Deleted databases again' });
    await api.events.whenIdle();
    const again = api.results.sets().at(0);
    console.log(`      first look-up: ${fetched} requests; the same window again: ${endpoint.stats.requests - before - fetched}`);
    assert.equal(endpoint.stats.requests - before, fetched, 'the second look-up is answered from the store');
    assert.equal(again?.title, 'Deleted databases again');
    assert.equal(again.events, first.events);
  });
});
