// Trail log files on disk as the source of the Events view, inside a real extension host: open the
// nested fixture through the command (a Uri argument, as the explorer menu passes), its years-old
// events fill the tree in both groupings, bad files become listed problems while good records load,
// Back to AWS restores the API source (the local endpoint), and integrity validation of a generated
// digest chain shows a report with the right counts.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { ArchiveTestApi } from '../../src/host/testApi';
import { writeChain } from '../unit/archive/digestChain';
import { tempDir } from '../unit/archive/helpers';
import { getTestApi } from './extension';
import { useSampleEndpoint } from './sampleEndpoint';
import { Views, WorkbenchUi, type TreeSnapshotItem } from './workbench';

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

/** The report document the last command showed (a read-only virtual document). */
function shownReport(): vscode.TextDocument {
  const doc = vscode.window.activeTextEditor?.document;
  assert.ok(doc, 'a report is shown');
  assert.equal(doc.uri.scheme, 'cloudtrail-report');
  return doc;
}


/** A ListPublicKeys-shaped keys file in `dir` holding one public key (DER). */
function keysFile(dir: string, der: Buffer): string {
  const file = path.join(dir, 'keys.json');
  writeFileSync(file, JSON.stringify({ PublicKeyList: [{ Value: der.toString('base64'), Fingerprint: createHash('md5').update(der).digest('hex') }] }));
  return file;
}

describe('archive: trail logs in the Events view', () => {
  // Back to AWS lands on this endpoint instead of the real AWS.
  const sample = useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;
  let archive: ArchiveTestApi;

  before(async () => {
    const api = await getTestApi();
    views = new Views(api, ui.install());
    archive = api.archive;
    await config().update('includeReadOnly', true, vscode.ConfigurationTarget.Global);
    await views.setGroupBy('service');
  });

  after(async () => {
    ui.restore();
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await config().update('includeReadOnly', undefined, vscode.ConfigurationTarget.Global);
    await config().update('groupBy', undefined, vscode.ConfigurationTarget.Global);
  });

  it('opens the nested AWSLogs folder from a Uri: years-old events fill the tree, grouped by service', async () => {
    const started = Date.now();
    const opened = await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.openTrailLogs', vscode.Uri.file(path.join(fixtures, 'nested')));
    assert.equal(opened, true);
    await views.settle();
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
    await views.settle();
    const active = archive.active();
    assert.ok(active);
    const problemFiles = [...new Set(active.problems.map((p) => path.basename(p.path)))].sort();
    assert.deepEqual(problemFiles, ['111122223333_CloudTrail_us-east-1_20221110T1630Z_Truncated0000001.json.gz', 'invalid.json', 'not-cloudtrail.json', 'one-bad-record.json']);
    assert.equal(ui.shown.at(-1)?.text, 'CloudTrail: 4 files could not be read; every good record was loaded.');
    assert.equal(views.eventCount(), 4, 'good.json, the good records of one-bad-record.json and those before the gzip damage');
    await vscode.commands.executeCommand('cloudtrailInvestigator.showTrailLogProblems');
    const text = shownReport().getText();
    assert.match(text, /^4 files could not be read/m);
    assert.match(text, /invalid\.json\n {4}File ends in the middle of a record: the file is truncated/);
    assert.match(text, /not-cloudtrail\.json\n {4}File is JSON but not CloudTrail records/);
  });

  it('Back to AWS Event History restores the API source', async () => {
    const { endpoint } = sample();
    const requestsBefore = endpoint.stats.requests;
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
    await views.settle();
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
  const ui = new WorkbenchUi();
  before(async () => {
    await getTestApi();
    ui.install();
  });
  after(() => {
    ui.restore();
  });
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('reports an intact generated chain as verified, headline first', async () => {
    const chain = writeChain(tmp, 3);
    const text = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.validateTrailLogs', { paths: [path.join(tmp.dir, 'AWSLogs')], keysFile: keysFile(tmp.dir, chain.publicDer) });
    assert.match(text, /^CloudTrail log file integrity report\n/);
    assert.match(text, /^Verdict: +VERIFIED — /m);
    assert.match(text, /Digest files +3 +verified 3/);
    assert.match(text, /Log files here +6 +verified 6 · altered 0 · unverified 0 · not yet covered 0/);
    assert.match(text, /^Verified\n {2}DIGEST AWSLogs\//m);
    assert.equal(ui.shown.at(-1)?.text, 'Trail log integrity: verified — 3 digests and 6 log files verified.');
  });

  it('finds the altered and the missing log file and the broken link, each on its own line, in a read-only report', async () => {
    const chain = writeChain(tmp, 4, (i, digest) => {
      if (i === 2) digest.previousDigestHashValue = '0'.repeat(64);
    });
    writeFileSync(chain.logPaths[1], gzipSync(JSON.stringify({ Records: [{ eventID: 'forged' }] })));
    rmSync(chain.logPaths[4]);
    const text = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.validateTrailLogs', { paths: [tmp.dir], keysFile: keysFile(tmp.dir, chain.publicDer) });
    assert.match(text, /^Verdict: +FAILED/m);
    assert.match(text, /^ {2}ALTERED +AWSLogs\/.*\.json\.gz$/m);
    assert.match(text, /^ {2}MISSING +trail-bucket\/AWSLogs\/.*_Log20000000000000\.json\.gz$/m);
    assert.match(text, /^ {2}CHAIN HASH MISMATCH +/m);
    assert.match(ui.shown.at(-1)?.text ?? '', /^Trail log integrity: FAILED — \d+ of \d+ log files verified; 1 altered, 1 missing, .*1 chain issue\.$/);
    // A virtual document (read-only in the editor), not an untitled one that asks to be saved.
    const report = shownReport();
    assert.equal(report.isUntitled, false);
    assert.equal(report.getText(), text);
  });

  it('a forged file copied under another folder is not verified, whatever its name', async () => {
    const chain = writeChain(tmp, 2);
    const copy = path.join(tmp.dir, 'elsewhere', path.basename(chain.logPaths[0]));
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, gzipSync(JSON.stringify({ Records: [{ eventID: 'forged' }] })));
    const text = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.validateTrailLogs', { paths: [tmp.dir], keysFile: keysFile(tmp.dir, chain.publicDer) });
    assert.doesNotMatch(text, /^Verdict: +VERIFIED/m);
    assert.match(text, new RegExp(`elsewhere[\\\\/]${path.basename(copy).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('says integrity cannot be checked when there are no digest files', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>('cloudtrailInvestigator.validateTrailLogs', { paths: [path.join(fixtures, 'flat')], keysFile: path.join(fixtures, 'flat', 'misc-regions.json') });
    assert.equal(text, undefined);
    assert.match(ui.shown.at(-1)?.text ?? '', /^CloudTrail: No digest files \(CloudTrail-Digest\/…\) in .*flat: integrity cannot be checked/);
  });
});

describe('archive: integrity of the open trail logs and Export Evidence', () => {
  let tmp: ReturnType<typeof tempDir>;
  const ui = new WorkbenchUi();
  let archive: ArchiveTestApi;
  before(async () => {
    archive = (await getTestApi()).archive;
    ui.install();
  });
  after(async () => {
    ui.restore();
    await vscode.commands.executeCommand('cloudtrailInvestigator.backToAws');
  });
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('validating the open trail logs marks their files; Export Evidence writes a bundle whose manifest re-hashes', async () => {
    const chain = writeChain(tmp, 3);
    const keys = keysFile(tmp.dir, chain.publicDer);
    assert.equal(await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.openTrailLogs', vscode.Uri.file(path.join(tmp.dir, 'AWSLogs'))), true);
    assert.deepEqual(archive.active()?.integrity, {}, 'nothing is marked before a validation');
    const text = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.validateTrailLogs', { useActive: true, keysFile: keys });
    assert.match(text, /^Verdict: +VERIFIED/m);
    assert.deepEqual(archive.active()?.integrity, { verified: 6 }, 'each file of the open trail logs carries its verdict');
    const out = path.join(tmp.dir, 'bundle');
    const written = await vscode.commands.executeCommand<{ events: number; verifiedEvents: number; logFiles: number; digests: number } | undefined>('cloudtrailInvestigator.exportEvidence', { out });
    assert.ok(written, 'a bundle was written');
    assert.equal(written.events, archive.active()?.events);
    assert.equal(written.verifiedEvents, written.events);
    assert.equal(written.logFiles, 6);
    assert.equal(written.digests, 3);
    assert.match(ui.shown.at(-1)?.text ?? '', /^CloudTrail: evidence for \d+ events written to .* — every event is verified\.$/);
    // Every line of SHA256SUMS names a file of the bundle with its SHA-256, as `sha256sum -c` checks it.
    const lines = readFileSync(path.join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
    assert.ok(lines.length >= 6 + 3 + 2, lines.join('\n'));
    for (const line of lines) {
      const [hash, file] = [line.slice(0, 64), line.slice(66)];
      assert.equal(createHash('sha256').update(readFileSync(path.join(out, file))).digest('hex'), hash, file);
    }
    assert.ok(readdirSync(out).includes('report.txt'));
    assert.match(readFileSync(path.join(out, 'report.txt'), 'utf8'), /^Verdict: +VERIFIED/m);
  });

  it('Export Evidence validates first when needed and writes a .zip; an altered file is named as not verified', async () => {
    const chain = writeChain(tmp, 2);
    writeFileSync(chain.logPaths[0], gzipSync(JSON.stringify({ Records: [{ eventID: 'forged', eventTime: '2020-01-01T00:00:00Z', eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1' }] })));
    assert.equal(await vscode.commands.executeCommand<boolean>('cloudtrailInvestigator.openTrailLogs', vscode.Uri.file(path.join(tmp.dir, 'AWSLogs'))), true);
    const out = path.join(tmp.dir, 'evidence.zip');
    const written = await vscode.commands.executeCommand<{ events: number; verifiedEvents: number } | undefined>('cloudtrailInvestigator.exportEvidence', { out, keysFile: keysFile(tmp.dir, chain.publicDer) });
    assert.ok(written);
    assert.ok(existsSync(out));
    assert.equal(readFileSync(out).subarray(0, 4).toString('hex'), '504b0304', 'a zip file');
    assert.ok(written.verifiedEvents < written.events, JSON.stringify(written));
    assert.equal(archive.active()?.integrity.altered, 1);
    assert.match(ui.shown.at(-1)?.text ?? '', /NOT verified \(the bundle marks which\)\.$/);
  });
});
