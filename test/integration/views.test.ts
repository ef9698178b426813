// The Events and Results views inside a real extension host, against the local endpoint with the
// sample data: tree shape per grouping, switching grouping, load more, refresh-merge, error items,
// throttling storms, the filter, the status-bar profile switch and the Results view.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { normalizeRecord } from '../../src/core/event';
import type { TrailEvent } from '../../src/core/model';
import type { EventQuery, QueryResult } from '../../src/core/query';
import { getTestApi } from './extension';
import { newestSetId, resultIds } from './lookupsHelpers';
import { SAMPLE_REGIONS, useSampleEndpoint } from './sampleEndpoint';
import { Views, WorkbenchUi, type TreeSnapshotItem, walkSnapshot } from './workbench';

const EVENTS = 'cloudtrailInvestigator.events';
const RESULTS = 'cloudtrailInvestigator.results';
const fixtures = path.resolve(__dirname, '../../../test/fixtures');

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('cloudtrailInvestigator');
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await config().update(key, value, vscode.ConfigurationTarget.Global);
}

function countOf(item: TreeSnapshotItem): number {
  const match = / · ([\d,]+)$/.exec(item.label);
  assert.ok(match, `group label without a count: ${item.label}`);
  return Number(match[1].replace(/,/g, ''));
}

function groups(items: readonly TreeSnapshotItem[]): TreeSnapshotItem[] {
  return items.filter((i) => i.contextValue?.startsWith('group:'));
}

describe('views: Events tree', () => {
  const sample = useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;
  let total = 0;

  before(async () => {
    views = new Views(await getTestApi(), ui.install());
    // The view loads once it is shown: open it (an earlier suite may have, or not), then group it.
    await views.openEvents();
    await views.setGroupBy('service');
    await views.settle();
    await views.reloadEvents();
    total = views.eventCount();
  });

  afterEach(async () => {
    await views.setFilter({ text: '', errorsOnly: false });
  });

  after(async () => {
    ui.restore();
    await setSetting('groupBy', undefined);
  });

  it('groups by service → event name → events, counts on labels, the incident UpdateWebACL inside', async () => {
    assert.ok(total > 50, `only ${total} events loaded`);
    const root = await views.getTreeSnapshot(EVENTS, 3);
    assert.ok(root.every((i) => i.contextValue === 'group:service'), `unexpected root items: ${root.map((i) => i.label).join(', ')}`);
    assert.equal(root.reduce((sum, g) => sum + countOf(g), 0), total, 'service groups partition the events');
    const names = root.flatMap((g) => g.children ?? []);
    assert.ok(names.every((n) => n.contextValue === 'group:eventName'));
    const update = names.find((n) => n.label.startsWith('UpdateWebACL · '));
    assert.ok(update, 'an UpdateWebACL group under a service');
    const item = update.children?.[0];
    assert.ok(item);
    assert.equal(item.label, 'UpdateWebACL');
    assert.match(item.description ?? '', /eu-west-1$/);
    assert.match(item.contextValue ?? '', /^event/);
    assert.equal(item.command, 'cloudtrailInvestigator.showEventDetails');
    for (const row of ['| Who |', '| When |', '| Where |', '| Source IP |', '| User agent |', '| Result |']) assert.ok(item.tooltip?.includes(row), `tooltip lacks ${row}`);
  });

  it('marks failed calls with the error icon and why they failed (error code, or the sign-in failure)', async () => {
    const all = walkSnapshot(await views.getTreeSnapshot(EVENTS, 3)).filter((i) => i.contextValue?.startsWith('event'));
    const failed = all.filter((i) => i.contextValue?.startsWith('event:error'));
    assert.ok(failed.length > 0, 'the sample has failed calls (the brute-forced ConsoleLogin)');
    for (const f of failed) {
      assert.equal(f.icon, 'error');
      // A failed console sign-in carries no errorCode, only errorMessage "Failed authentication".
      assert.match(f.description ?? '', /^([A-Za-z.]+|Failed authentication) · /, `no failure first in "${f.description ?? ''}"`);
    }
  });

  it('switches to principal grouping: principal → service → events, and to region and resource', async () => {
    const { story } = sample();
    await views.setGroupBy('principal');
    const byPrincipal = await views.getTreeSnapshot(EVENTS, 2);
    assert.ok(byPrincipal.every((i) => i.contextValue === 'group:principal'));
    assert.equal(byPrincipal.reduce((sum, g) => sum + countOf(g), 0), total);
    assert.ok(byPrincipal.some((g) => g.label.startsWith(`${story.iamUserName} (IAMUser) · `)), `no group for ${story.iamUserName}`);
    assert.ok(byPrincipal.every((g) => (g.children ?? []).every((c) => c.contextValue === 'group:service')));

    await views.setGroupBy('region');
    const byRegion = await views.getTreeSnapshot(EVENTS, 2);
    assert.deepEqual(byRegion.map((g) => g.label.split(' · ')[0]).sort(), [...SAMPLE_REGIONS].sort());
    assert.ok(byRegion.every((g) => (g.children ?? []).every((c) => c.contextValue === 'group:service')));

    await views.setGroupBy('resource');
    const byResource = await views.getTreeSnapshot(EVENTS, 2);
    assert.ok(groups(byResource).length > 1);
    assert.ok(byResource.every((g) => (g.children ?? []).every((c) => c.contextValue?.startsWith('event') === true || c.label.startsWith('Show more'))));
    await views.setGroupBy('service');
  });

  it('groups by resource with one group per real resource (the web ACL by id, name and ARN is one group, by its name)', async () => {
    const { story } = sample();
    await views.setGroupBy('resource');
    const byResource = groups(await views.getTreeSnapshot(EVENTS, 1));
    const acl = byResource.filter((g) => [story.webAclName, story.webAclId, story.webAclArn].some((form) => g.label.includes(form)));
    assert.equal(acl.length, 1, acl.map((g) => g.label).join(' | '));
    assert.ok(acl[0]?.label.startsWith(`${story.webAclName} · `), acl[0]?.label);
    await views.setGroupBy('service');
  });

  it('groups by change channel and by the person behind the session, each → service → events', async () => {
    await views.setGroupBy('channel');
    const byChannel = await views.getTreeSnapshot(EVENTS, 2);
    assert.ok(byChannel.every((i) => i.contextValue === 'group:channel'), byChannel.map((i) => i.label).join(' | '));
    assert.equal(byChannel.reduce((sum, g) => sum + countOf(g), 0), total);
    const labels = byChannel.map((g) => g.label.split(' · ')[0]);
    assert.ok(labels.includes('Terraform') && labels.includes('AWS console'), labels.join(', '));
    assert.ok(byChannel.every((g) => (g.children ?? []).every((c) => c.contextValue === 'group:service')));

    await views.setGroupBy('human');
    const byHuman = await views.getTreeSnapshot(EVENTS, 2);
    assert.ok(byHuman.every((i) => i.contextValue === 'group:human'));
    assert.equal(byHuman.reduce((sum, g) => sum + countOf(g), 0), total);
    assert.ok(byHuman.length > 1);
    await views.setGroupBy('service');
  });

  it('"Show Only Changes Outside IaC" hides Terraform, CloudFormation and AWS-service calls, and says so', async () => {
    await views.setGroupBy('channel');
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.toggleOutsideIac');
    try {
      const shown = await views.getTreeSnapshot(EVENTS, 1);
      const labels = groups(shown).map((g) => g.label.split(' · ')[0]);
      assert.ok(labels.length > 0 && labels.includes('AWS console'), labels.join(', '));
      for (const hidden of ['Terraform', 'CloudFormation', 'Crossplane', 'Pulumi', 'AWS CDK', 'AWS service']) assert.ok(!labels.includes(hidden), `${hidden} shown`);
      assert.ok(groups(shown).reduce((sum, g) => sum + countOf(g), 0) < total);
    } finally {
      await vscode.commands.executeCommand('cloudtrailInvestigator.events.toggleOutsideIac');
      await views.setGroupBy('service');
    }
    assert.equal(groups(await views.getTreeSnapshot(EVENTS, 1)).reduce((sum, g) => sum + countOf(g), 0), total, 'toggling again shows everything');
  });

  it('narrows the tree with the filter box and the errors-only toggle', async () => {
    const { story } = sample();
    await views.setFilter({ text: story.attackerIp });
    const filtered = await views.getTreeSnapshot(EVENTS, 3);
    const shown = filtered.reduce((sum, g) => sum + countOf(g), 0);
    assert.ok(shown > 0 && shown < total, `filter by ${story.attackerIp} showed ${shown} of ${total}`);
    await views.setFilter({ text: '', errorsOnly: true });
    const events = walkSnapshot(await views.getTreeSnapshot(EVENTS, 3)).filter((i) => i.contextValue?.startsWith('event'));
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => e.contextValue?.startsWith('event:error')));
    await views.setFilter({ text: 'no-such-thing-anywhere', errorsOnly: false });
    const none = await views.getTreeSnapshot(EVENTS);
    assert.match(none[0]?.label ?? '', /^No events match the filter/);
  });

  it('caps a load, then "Load more…" continues once even when clicked twice', async () => {
    await setSetting('maxEvents', 50);
    await views.settle();
    try {
      assert.equal(views.eventCount(), 50);
      const root = await views.getTreeSnapshot(EVENTS);
      const last = root[root.length - 1];
      assert.equal(last.label, 'Load more…');
      assert.equal(last.command, 'cloudtrailInvestigator.events.loadMore');
      await Promise.all([views.loadMore(), views.loadMore(), vscode.commands.executeCommand('cloudtrailInvestigator.events.loadMore')]);
      assert.equal(views.eventCount(), 100);
      const ids = walkSnapshot(await views.getTreeSnapshot(EVENTS, 3)).filter((i) => i.contextValue?.startsWith('event')).map((i) => i.id);
      assert.equal(new Set(ids.map((id) => id.split('/event/')[1])).size, 100, 'no duplicate events after load more');
    } finally {
      await setSetting('maxEvents', undefined);
      await views.settle();
    }
    assert.equal(views.eventCount(), total);
  });

  it('refresh fetches newer events and merges them without duplicates', async () => {
    const { endpoint, records } = sample();
    const template = records.find((r) => (r as { eventName?: string }).eventName === 'UpdateWebACL') as Record<string, unknown>;
    const fresh = { ...template, eventID: '00000000-aaaa-4bbb-8ccc-000000000001', eventName: 'UpdateWebACL', eventTime: new Date(Date.now() - 30_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    const before = endpoint.stats.requests;
    endpoint.setRecords([...records, fresh]);
    try {
      await views.refreshEvents();
      assert.equal(views.eventCount(), total + 1);
      const root = await views.getTreeSnapshot(EVENTS, 3);
      const ids = walkSnapshot(root).filter((i) => i.contextValue?.startsWith('event')).map((i) => i.id.split('/event/')[1]);
      assert.ok(ids.includes('00000000-aaaa-4bbb-8ccc-000000000001'));
      assert.equal(new Set(ids).size, ids.length);
      // Only the newest slice is fetched: one page per region, not the whole window again.
      assert.ok(endpoint.stats.requests - before <= SAMPLE_REGIONS.length, `refresh made ${endpoint.stats.requests - before} requests`);
      await views.refreshEvents();
      assert.equal(views.eventCount(), total + 1, 'a second refresh adds nothing');
    } finally {
      endpoint.setRecords(records);
      await views.reloadEvents();
    }
  });

  it('keeps loading through a throttling storm without showing an error', async () => {
    const { endpoint } = sample();
    endpoint.setOptions({ throttleEveryOther: true });
    try {
      const throttledBefore = endpoint.stats.throttled;
      await views.reloadEvents();
      assert.ok(endpoint.stats.throttled > throttledBefore, 'the endpoint throttled');
      assert.equal(views.eventCount(), total);
      const root = await views.getTreeSnapshot(EVENTS);
      assert.deepEqual(root.filter((i) => i.contextValue?.startsWith('message')).map((i) => i.label), []);
    } finally {
      endpoint.setOptions({ throttleEveryOther: false });
    }
  });

  it('shows an actionable error item for expired credentials, with Retry and Show Logs', async () => {
    const { endpoint } = sample();
    const key = process.env.AWS_ACCESS_KEY_ID;
    assert.ok(key, 'the test tier sets dummy AWS keys');
    endpoint.setOptions({ expiredAccessKeys: [key] });
    try {
      await views.reloadEvents();
      const root = await views.getTreeSnapshot(EVENTS);
      assert.equal(root[0]?.contextValue, 'message:error');
      assert.match(root[0].label, /expired/i);
      assert.equal(root[0].icon, 'error');
      const labels = root.map((i) => i.label);
      assert.ok(labels.includes('Retry') && labels.includes('Show Logs'), labels.join(' | '));
      assert.equal(root.find((i) => i.label === 'Show Logs')?.command, 'cloudtrailInvestigator.showLogs');
    } finally {
      endpoint.setOptions({ expiredAccessKeys: [] });
      await views.reloadEvents();
    }
    assert.equal(views.eventCount(), total);
  });

  it('cancels a slow load and keeps the events that arrived', async () => {
    const { endpoint } = sample();
    endpoint.setOptions({ pageDelayMs: 400 });
    try {
      const loading = views.reloadEvents();
      // The reload empties the view, then pages arrive slowly: cancel once some have.
      const until = async (done: () => boolean): Promise<void> => {
        const deadline = Date.now() + 20_000;
        while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      await until(() => views.eventCount() === 0);
      await until(() => views.eventCount() > 0);
      await vscode.commands.executeCommand('cloudtrailInvestigator.events.cancel');
      await loading;
      const kept = views.eventCount();
      assert.ok(kept > 0 && kept < total, `kept ${kept} of ${total}`);
      const root = await views.getTreeSnapshot(EVENTS);
      assert.equal(root[0]?.label, `Loading was cancelled: showing ${kept} events.`);
      assert.equal(root[0].command, 'cloudtrailInvestigator.events.refresh');
    } finally {
      endpoint.setOptions({ pageDelayMs: 0 });
      await views.reloadEvents();
    }
    assert.equal(views.eventCount(), total);
  });

  it('auto-refreshes on the configured interval, merging newer events', async () => {
    const { endpoint, records } = sample();
    const template = records.find((r) => (r as { eventName?: string }).eventName === 'UpdateWebACL') as Record<string, unknown>;
    const fresh = { ...template, eventID: '00000000-aaaa-4bbb-8ccc-000000000002', eventTime: new Date(Date.now() - 20_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    endpoint.setRecords([...records, fresh]);
    await setSetting('autoRefreshMinutes', 0.02);
    try {
      const deadline = Date.now() + 20_000;
      while (views.eventCount() === total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      await views.whenIdle();
      assert.equal(views.eventCount(), total + 1, 'the timer fetched the newer event');
    } finally {
      await setSetting('autoRefreshMinutes', undefined);
      endpoint.setRecords(records);
      await views.reloadEvents();
    }
  });

  it('explains an empty window: what was searched and that global events live in us-east-1', async () => {
    await setSetting('regions', ['ap-south-1']);
    await views.settle();
    try {
      const labels = (await views.getTreeSnapshot(EVENTS)).map((i) => i.label);
      assert.equal(labels[0], 'No events in the last 7 days in ap-south-1 (write events only).');
      assert.ok(labels.includes('IAM, STS, CloudFront and console sign-in events live in us-east-1.'));
    } finally {
      await setSetting('regions', SAMPLE_REGIONS);
      await views.settle();
    }
  });
});

describe('views: status bar', () => {
  useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;
  const savedEnv = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

  before(async () => {
    views = new Views(await getTestApi(), ui.install());
    process.env.AWS_CONFIG_FILE = path.join(fixtures, 'aws-config', 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(fixtures, 'aws-config', 'credentials');
  });

  after(async () => {
    ui.restore();
    await setSetting('profile', undefined);
    for (const [key, value] of [['AWS_CONFIG_FILE', savedEnv.config], ['AWS_SHARED_CREDENTIALS_FILE', savedEnv.credentials]] as const) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
    await views.whenIdle();
  });

  it('switches profile from the local profiles and regions from the standard list, persisted in settings', async () => {
    assert.equal(await views.getStatusBarText(), '$(cloud) default @ 3 regions');
    ui.answer('$(account) Switch Profile…', 'static-dev');
    await vscode.commands.executeCommand('cloudtrailInvestigator.switchProfileOrRegions');
    const offered = ui.offered;
    for (const name of ['default', 'static-dev', 'assume-admin', 'sso-new', 'session-only']) assert.ok(offered.includes(name), `profile ${name} not offered: ${offered.join(', ')}`);
    assert.equal(config().get('profile'), 'static-dev');
    assert.equal(await views.getStatusBarText(), '$(cloud) static-dev @ 3 regions');

    ui.answer('$(globe) Choose Regions…', ['eu-west-1', 'us-east-1']);
    await vscode.commands.executeCommand('cloudtrailInvestigator.switchProfileOrRegions');
    assert.ok(ui.offered.includes('ap-southeast-2'));
    assert.deepEqual(config().get('regions'), ['us-east-1', 'eu-west-1']);
    assert.equal(await views.getStatusBarText(), '$(cloud) static-dev @ us-east-1, eu-west-1');

    // Without a regions setting the status bar shows the profile's own region.
    await setSetting('regions', []);
    assert.equal(await views.getStatusBarText(), '$(cloud) static-dev @ eu-west-1');
    await setSetting('regions', SAMPLE_REGIONS);
  });
});

describe('views: expired SSO session', () => {
  useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

  before(async () => {
    views = new Views(await getTestApi(), ui.install());
    process.env.AWS_CONFIG_FILE = path.join(fixtures, 'aws-config', 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(fixtures, 'aws-config', 'credentials');
    await setSetting('profile', 'sso-new');
    await views.settle();
    // The view loads (and shows the failure) once it is shown: open it, as an earlier suite may not have.
    await views.openEvents();
  });

  after(async () => {
    ui.restore();
    await setSetting('profile', undefined);
    for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
    await views.settle();
  });

  it('offers a button that runs aws sso login for the profile', async () => {
    await views.reloadEvents();
    const root = await views.getTreeSnapshot(EVENTS);
    assert.equal(root[0]?.contextValue, 'message:error');
    assert.match(root[0].label, /SSO/);
    const login = root.find((i) => i.label === 'Run aws sso login --profile sso-new');
    assert.ok(login, root.map((i) => i.label).join(' | '));
    assert.equal(login.command, 'cloudtrailInvestigator.runSsoLogin');
  });
});

describe('views: Results', () => {
  const sample = useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;

  before(async () => {
    views = new Views(await getTestApi(), ui.install());
  });

  after(() => {
    ui.restore();
  });

  it('shows a result set titled by its query, with the plan, grouped like Events, and closes it', async () => {
    const { records, story } = sample();
    const events = records
      .map((r) => normalizeRecord(r))
      .flatMap((r): TrailEvent[] => (r.ok && r.event.principal.userName === story.iamUserName ? [r.event] : []))
      .sort((a, b) => b.time - a.time);
    assert.ok(events.length > 0);
    const query: EventQuery = { regions: SAMPLE_REGIONS, filters: [{ key: 'Username', value: story.iamUserName }], start: 0, end: Date.now(), includeReadOnly: true, maxEvents: 1000 };
    const result: QueryResult = {
      query,
      events,
      errors: [],
      plan: { server: { key: 'Username', value: story.iamUserName }, local: [] },
      stats: { events: events.length, pages: 3, requests: 3, throttlesRetried: 0, badRecords: 0, elapsedMs: 420 },
      cancelled: false,
      regionErrors: [{ region: 'us-west-2', message: 'Access denied in us-west-2' }],
    };
    const title = `Username = ${story.iamUserName}`;
    const id = await vscode.commands.executeCommand<string>('_cloudtrailInvestigator.showResults', { title, query, result });
    assert.equal(typeof id, 'string');
    const root = await views.getTreeSnapshot(RESULTS, 2);
    const set = root.find((i) => i.label === title);
    assert.ok(set, `no result set titled ${title}`);
    assert.match(set.description ?? '', new RegExp(`^${events.length} events? · 3 regions$`));
    const children = set.children ?? [];
    assert.equal(children[0]?.label, `Server: Username = ${story.iamUserName} · nothing filtered locally`);
    assert.equal(children[1]?.label, 'us-west-2: Access denied in us-west-2');
    assert.equal(groups(children).reduce((sum, g) => sum + countOf(g), 0), events.length);

    await vscode.commands.executeCommand('cloudtrailInvestigator.results.close', { kind: 'resultSet', id: `results/${id}`, setId: id });
    assert.equal((await views.getTreeSnapshot(RESULTS)).find((i) => i.label === title), undefined);
  });

  it('"Look Up More by This Access Key" from an eu-west-1 item also searches us-east-1: the IAM changes and StopLogging', async () => {
    const { records, story } = sample();
    const del = records.map((r) => normalizeRecord(r)).find((r) => r.ok && r.event.id === story.eventIds.deleteDbInstance);
    assert.ok(del?.ok);
    assert.notEqual(del.event.region, 'us-east-1', 'the clicked event is outside the global region');
    await vscode.commands.executeCommand('cloudtrailInvestigator.lookupByAccessKey', del.event);
    const ids = await resultIds(newestSetId(await getTestApi()));
    for (const id of [story.eventIds.deleteDbInstance, story.eventIds.createUser, story.eventIds.attachUserPolicy, story.eventIds.stopLogging]) assert.ok(ids.includes(id), id);
  });
});
