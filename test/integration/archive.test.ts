// Trail log files on disk as the source of the Events view, inside a real extension host: open the
// nested fixture through the command (a Uri argument, as the explorer menu passes), its years-old
// events fill the tree in both groupings, bad files become listed problems while good records load,
// Back to AWS restores the API source (the local endpoint), and integrity validation of a generated
// digest chain shows a report with the right counts.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { ArchiveTestApi } from '../../src/commands/registerArchiveCommands';
import type { TreeSnapshotItem, ViewsTestApi } from '../../src/views/viewsTestApi';
import { writeChain } from '../unit/archive/digestChain';
import { tempDir } from '../unit/archive/helpers';
import { getTestApi } from './extension';
import { useSampleEndpoint } from './sampleEndpoint';

const EVENTS = 'cloudtrailInvestigator.events';
const fixtures = path.resolve(__dirname, '../../../test/fixtures/archive');

/** Events of test/fixtures/archive/nested (read-only included), de-duplicated by event id. */
const NESTED_EVENTS = 226;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('cloudtrailInvestigator');
}

function countOf(item: TreeSnapshotItem): number {
  const match = / · ([\d,]+)$/.exec(item.label);
  assert.ok(match, `group label without a count: ${item.label}`);
  return Number(match[1].replace(/,/g, ''));
}

/** Waits for the reload that a source change schedules, then for it to finish. */
async function settle(views: ViewsTestApi): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await views.whenIdle();
}

describe('archive: trail logs in the Events view', () => {
  // Back to AWS lands on this endpoint instead of the real AWS.
  const sample = useSampleEndpoint({ requestsPerSecond: 0 });
  let views: ViewsTestApi;
  let archive: ArchiveTestApi;

  before(async () => {
    const api = await getTestApi();
    assert.ok(api.views && api.archive, 'the TestApi exposes the views and the archive');
    views = api.views;
    archive = api.archive;
    await config().update('includeReadOnly', true, vscode.ConfigurationTarget.Global);
    await views.setGroupBy('service');
  });

  after(async () => {
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await config().update('includeReadOnly', undefined, vscode.ConfigurationTarget.Global);
    await config().update('groupBy', undefined, vscode.ConfigurationTarget.Global);
  });

  it('opens the nested AWSLogs folder from a Uri: years-old events fill the tree, grouped by service', async () => {
    const started = Date.now();
    const opened = await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.openTrailLogs', vscode.Uri.file(path.join(fixtures, 'nested')));
    assert.equal(opened, true);
    await settle(views);
    const active = archive.active();
    assert.ok(active, 'an archive is the source');
    console.log(`      opened and indexed ${active.files} files (${active.events} records) in ${active.openMs} ms; tree loaded ${Date.now() - started} ms after the command started`);
    assert.equal(active.files, 36);
    assert.deepEqual(active.problems, []);
    assert.equal(views.eventCount(), NESTED_EVENTS, 'every event of the files, 2014 to 2023, not the last 24 hours');
    assert.equal(await views.getStatusBarText(), '$(archive) nested/ (36 files)');
    const root = await views.getTreeSnapshot(EVENTS, 2);
    assert.ok(root.every((g) => g.contextValue === 'group:service'), root.map((g) => g.label).join(', '));
    assert.equal(root.reduce((sum, g) => sum + countOf(g), 0), NESTED_EVENTS);
    const kms = root.find((g) => g.label.startsWith('KMS · '));
    assert.ok(kms, 'a KMS group');
    assert.ok(kms.children?.some((n) => n.label === 'DeleteKey · 4'), `KMS children: ${kms.children?.map((n) => n.label).join(', ')}`);
    const signIn = root.find((g) => g.label.startsWith('Console sign-in · '));
    assert.ok(signIn?.children?.some((n) => n.label === 'ConsoleLogin · 9'), 'nine console sign-ins');
  });

  it('regroups the archive by principal', async () => {
    await views.setGroupBy('principal');
    const root = await views.getTreeSnapshot(EVENTS, 1);
    assert.ok(root.length > 3);
    assert.ok(root.every((g) => g.contextValue === 'group:principal'), root.map((g) => g.label).join(', '));
    assert.equal(root.reduce((sum, g) => sum + countOf(g), 0), NESTED_EVENTS);
    await views.setGroupBy('service');
  });

  it('lists the bad files of a folder as problems while its good records load', async () => {
    const bad = path.join(fixtures, 'bad');
    assert.equal(await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.openTrailLogs', vscode.Uri.file(bad)), true);
    await settle(views);
    const active = archive.active();
    assert.ok(active);
    const problemFiles = [...new Set(active.problems.map((p) => path.basename(p.path)))].sort();
    assert.deepEqual(problemFiles, ['111122223333_CloudTrail_us-east-1_20221110T1630Z_Truncated0000001.json.gz', 'invalid.json', 'not-cloudtrail.json', 'one-bad-record.json']);
    assert.equal(archive.notices().at(-1), '4 files could not be read; every good record was loaded.');
    assert.equal(views.eventCount(), 4, 'good.json, the good records of one-bad-record.json and those before the gzip damage');
    await vscode.commands.executeCommand('cloudtrailInvestigator.showTrailLogProblems');
    const report = archive.lastReport();
    assert.ok(report);
    assert.match(report.uri, /^cloudtrail-report:/);
    assert.match(report.text, /^4 files could not be read/m);
    assert.match(report.text, /invalid\.json\n {4}File is not valid JSON/);
    assert.match(report.text, /not-cloudtrail\.json\n {4}File is JSON but not CloudTrail records/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === report.uri);
    assert.ok(doc, 'the problems are open as a document');
    assert.equal(doc.getText(), report.text);
  });

  it('Back to AWS Event History restores the API source', async () => {
    const { endpoint } = sample();
    const requestsBefore = endpoint.stats.requests;
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await settle(views);
    assert.equal(archive.active(), undefined);
    assert.match(await views.getStatusBarText(), /^\$\(cloud\) /);
    assert.ok(endpoint.stats.requests > requestsBefore, 'the view reloaded from the endpoint by itself');
    assert.ok(views.eventCount() > 0, 'sample events from the endpoint');
    const root = await views.getTreeSnapshot(EVENTS, 2);
    assert.ok(!root.some((g) => g.label.startsWith('Console sign-in · ') && g.children?.some((n) => n.label === 'ConsoleLogin · 9')), 'the archive events are gone');
  });
});

describe('archive: Validate Trail Log Integrity', () => {
  let tmp: ReturnType<typeof tempDir>;
  let archive: ArchiveTestApi;
  before(async () => {
    const api = await getTestApi();
    assert.ok(api.archive);
    archive = api.archive;
  });
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  function keysFile(der: Buffer): string {
    const file = path.join(tmp.dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ PublicKeyList: [{ Value: der.toString('base64'), Fingerprint: createHash('md5').update(der).digest('hex') }] }));
    return file;
  }

  it('reports an intact generated chain as valid', async () => {
    const chain = writeChain(tmp, 3);
    const text = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.validateTrailLogs', { paths: [path.join(tmp.dir, 'AWSLogs')], keysFile: keysFile(chain.publicDer) });
    assert.match(text, /^Result: +VALID/m);
    assert.match(text, /Digest files +3 +valid 3 · bad signature 0 · unsigned 0/);
    assert.match(text, /Log files +6 +valid 6 · altered 0 · missing 0/);
    assert.equal(archive.notices().at(-1), 'Trail log integrity: valid — 3 digests and 6 log files verified.');
  });

  it('finds the altered and the missing log file and the broken link, in a read-only report', async () => {
    const chain = writeChain(tmp, 4, (i, digest) => {
      if (i === 2) digest.previousDigestHashValue = '0'.repeat(64);
    });
    writeFileSync(chain.logPaths[1], gzipSync(JSON.stringify({ Records: [{ eventID: 'forged' }] })));
    rmSync(chain.logPaths[4]);
    const text = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.validateTrailLogs', { paths: [tmp.dir], keysFile: keysFile(chain.publicDer) });
    assert.match(text, /^Result: +NOT VERIFIED/m);
    assert.match(text, /Log files +8 +valid 6 · altered 1 · missing 1 · unreadable 0/);
    assert.match(text, /Chain issues +1/);
    assert.match(text, new RegExp(`ALTERED +${chain.logPaths[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(text, /MISSING +trail-bucket\/AWSLogs\/.*_Log20000000000000\.json\.gz/);
    assert.equal(archive.notices().at(-1), 'Trail log integrity: NOT verified — 1 altered, 1 missing, 1 chain issue.');
    const report = archive.lastReport();
    assert.ok(report);
    assert.equal(report.text, text);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === report.uri);
    assert.ok(editor, 'the report is shown');
    // A virtual document (read-only in the editor), not an untitled one that asks to be saved.
    assert.equal(editor.document.uri.scheme, 'cloudtrail-report');
    assert.equal(editor.document.isUntitled, false);
    assert.equal(editor.document.getText(), text);
  });

  it('says integrity cannot be checked when there are no digest files', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>('cloudtrailInvestigator.validateTrailLogs', { paths: [path.join(fixtures, 'flat')], keysFile: path.join(fixtures, 'flat', 'misc-regions.json') });
    assert.equal(text, undefined);
    assert.match(archive.notices().at(-1) ?? '', /^No digest files \(CloudTrail-Digest\/…\) in .*flat: integrity cannot be checked/);
  });
});
