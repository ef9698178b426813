// Cloud blame against the sample endpoint: the CodeLens above main.tf's resource blocks says who last
// changed each real resource and whether it was outside Terraform; reopening the file sends no
// request; the hover lists the changes with links to the event panel; the toggle and the language
// setting silence it; the Drift Suspects scan finds the hand-made changes and exports them as CSV.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createApiEventSource } from '../../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../../src/aws/rateLimiter';
import { BlameCache, type BlameScope } from '../../src/features/blame/blameCache';
import { BlameCodeLensProvider } from '../../src/features/blame/blameCodeLens';
import type { BlameContext } from '../../src/features/blame/blameContext';
import { BlameFileStore } from '../../src/features/blame/blameStore';
import { lensTitle } from '../../src/features/blame/blameText';
import { documentTargets } from '../../src/features/blame/documentTargets';
import { getTestApi } from './extension';
import { SAMPLE_REGIONS, useSampleEndpoint } from './sampleEndpoint';

const AGO = String.raw`\d+ (?:min|h|d) ago`;

function mainTf(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration workspace is not open');
  return vscode.Uri.joinPath(folder.uri, 'infra', 'main.tf');
}

async function setBlame(key: 'enabled' | 'languages', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('cloudtrailInvestigator').update(`blame.${key}`, value, vscode.ConfigurationTarget.Global);
}

/** The resolved lenses of main.tf by the header line they sit on. */
async function lenses(): Promise<Map<string, string>> {
  const doc = await vscode.workspace.openTextDocument(mainTf());
  await vscode.window.showTextDocument(doc);
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
  const out = new Map<string, string>();
  for (const lens of found) out.set(doc.lineAt(lens.range.start.line).text.trim(), lens.command?.title ?? '');
  return out;
}

interface DriftResultShape {
  readonly suspects: readonly { readonly address: string; readonly blame: { readonly label: string; readonly event: { readonly id: string } } }[];
  readonly scanned: number;
  readonly cancelled: boolean;
}

describe('Cloud blame (sample endpoint, Terraform fixture)', () => {
  const sample = useSampleEndpoint();

  before(async () => {
    await getTestApi();
  });
  afterEach(async () => {
    await setBlame('enabled', undefined);
    await setBlame('languages', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the CodeLens says who changed each resource and whether it was outside Terraform; reopening sends no request', async () => {
    const { story, endpoint } = sample();
    const titles = await lenses();
    const user = story.drift.consoleUserName.replace(/\./g, '\\.');
    assert.match(titles.get('resource "aws_security_group" "web" {') ?? '', new RegExp(`^changed ${AGO} by ${user} · console — outside Terraform$`));
    assert.match(titles.get('resource "aws_route" "private_default" {') ?? '', new RegExp(`^last applied by Terraform · .+ · ${AGO}$`));
    assert.match(titles.get('resource "aws_security_group" "orders_db" {') ?? '', /^changed .* by dave\.ops · /);
    // Newer changes of the bucket (Terraform's re-tagging, background activity) are not its policy's: the console edit is.
    assert.match(titles.get('resource "aws_s3_bucket_policy" "artifacts" {') ?? '', new RegExp(`^changed ${AGO} by ${user} · console — outside Terraform$`));
    assert.ok(![...titles.keys()].some((line) => line.startsWith('data ')), 'no lens on data sources');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The Events view's own load (not blame) may still be talking to the endpoint: count from when it is idle.
    await (await getTestApi()).events.whenIdle();
    const sent = endpoint.stats.requests;
    const again = await lenses();
    // The same lines; only a relative time may have moved on ("23 min ago" → "24 min ago") meanwhile.
    const settled = (lines: Map<string, string>): Record<string, string> => Object.fromEntries([...lines].map(([line, title]) => [line, title.replace(/\bjust now\b|\b\d+ (?:min|h|d) ago\b/g, '… ago')]));
    assert.deepEqual(settled(again), settled(titles));
    assert.equal(endpoint.stats.requests, sent, 'the second open is served from the cache');
  });

  it('the blame cache survives a restart: the cache re-created from the same storage shows the same lenses with 0 requests', async () => {
    const { endpoint } = sample();
    const file = mainTf().fsPath;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const { targets } = await documentTargets(readFileSync(file, 'utf8'), file, folder, () => undefined);
    const storage = mkdtempSync(path.join(tmpdir(), 'cti-blame-storage-'));
    const now = Date.now();
    const scope = (): BlameScope => ({
      source: createApiEventSource({ regions: SAMPLE_REGIONS, endpoint: endpoint.url, credentials: { accessKeyId: 'AKIAINTEGRATIONBLAME', secretAccessKey: 'integrationBlameSecretKey000000000000000' }, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }) }),
      regions: SAMPLE_REGIONS,
      start: now - 90 * 86_400_000,
      end: now - 30 * 60_000, // a window that ended (the last 15 min before a lookup count as not yet settled)
    });
    const titles = async (cache: BlameCache, s: BlameScope): Promise<string[]> => Promise.all(targets.map(async (t) => `${t.address}: ${lensTitle(await cache.historyOf(t, s), now)}`));
    const first = new BlameCache(new BlameFileStore(storage));
    const before = await titles(first, scope());
    first.flush(); // what the feature does on dispose
    assert.ok(before.some((t) => t.includes('outside Terraform')), before.join('\n'));
    const sent = endpoint.stats.requests;
    const restarted = new BlameCache(new BlameFileStore(storage));
    assert.deepEqual(await titles(restarted, scope()), before);
    assert.equal(endpoint.stats.requests, sent, 'no request after the restart');
  });

  it('a lens whose resolution VS Code cancels (the user scrolled on) stays unresolved, so it is asked again and shows its answer, not "looking up…" for ever', async () => {
    // VS Code's extension host never calls resolveCodeLens again for a lens that has a command, and the
    // workbench cancels resolutions whenever the viewport moves: a lens given a "pending" command on a
    // cancel stayed "CloudTrail: looking up who changed this…" (seen in e2e under load).
    const { endpoint } = sample();
    const doc = await vscode.workspace.openTextDocument(mainTf());
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const now = Date.now();
    const scope: BlameScope = {
      source: createApiEventSource({ regions: SAMPLE_REGIONS, endpoint: endpoint.url, credentials: { accessKeyId: 'AKIAINTEGRATIONBLAME', secretAccessKey: 'integrationBlameSecretKey000000000000000' }, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }) }),
      regions: SAMPLE_REGIONS,
      start: now - 90 * 86_400_000,
      end: now,
    };
    // The feature's own provider over a real cache and the sample endpoint; only the settings-bound context is replaced.
    const context = {
      appliesTo: () => true,
      targetsOf: () => documentTargets(doc.getText(), doc.uri.fsPath, folder, () => undefined),
      scope: () => Promise.resolve(scope),
      now: () => Date.now(),
    } as unknown as BlameContext;
    const provider = new BlameCodeLensProvider(context, new BlameCache(new BlameFileStore(mkdtempSync(path.join(tmpdir(), 'cti-blame-cancel-')))));
    try {
      const found = await provider.provideCodeLenses(doc);
      const line = doc.getText().split('\n').findIndex((l) => l.startsWith('resource "aws_security_group" "web"'));
      const lens = found.find((l) => l.range.start.line === line);
      assert.ok(lens, 'a lens on the security group');
      const cancelled = new vscode.CancellationTokenSource();
      cancelled.cancel();
      await provider.resolveCodeLens(lens, cancelled.token);
      const title = (): string | undefined => lens.command?.title;
      assert.equal(title(), undefined, 'a cancelled resolution leaves the lens unresolved');
      assert.equal(lens.isResolved, false);
      const again = new vscode.CancellationTokenSource();
      await provider.resolveCodeLens(lens, again.token);
      assert.match(title() ?? '', new RegExp(`^changed ${AGO} by .+ · console — outside Terraform$`));
    } finally {
      provider.dispose();
    }
  });

  it('the hover on a resource header lists its changes with links to the event panel, trusting only that command', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('resource "aws_security_group" "web"'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Cloud blame'));
    assert.ok(md, 'the cloud blame hover');
    assert.ok((md.value.match(/command:cloudtrailInvestigator\.showEventDetails\?/g) ?? []).length >= 2, md.value);
    assert.match(md.value, /AuthorizeSecurityGroupIngress/);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['cloudtrailInvestigator.showEventDetails'] });
  });

  it('the toggle and the language setting turn it off; on again it shows the cached lines', async () => {
    assert.ok((await lenses()).size > 0);
    await vscode.commands.executeCommand('cloudtrailInvestigator.blame.toggle');
    assert.equal(vscode.workspace.getConfiguration('cloudtrailInvestigator').get('blame.enabled'), false);
    assert.equal((await lenses()).size, 0, 'off');
    await vscode.commands.executeCommand('cloudtrailInvestigator.blame.toggle');
    assert.ok((await lenses()).size > 0, 'on again');
    const doc = await vscode.workspace.openTextDocument(mainTf());
    await setBlame('languages', ['terraform']);
    assert.notEqual(doc.languageId, 'terraform');
    assert.equal((await lenses()).size, 0, `not for language ${doc.languageId}`);
  });

  it('Drift Suspects: the resources changed by hand since the last apply, newest first, exported as CSV', async () => {
    const { story } = sample();
    const result = await vscode.commands.executeCommand<DriftResultShape>('cloudtrailInvestigator.drift.scan');
    assert.equal(result.cancelled, false);
    assert.ok(result.scanned >= 10, String(result.scanned));
    const addresses = result.suspects.map((s) => s.address);
    assert.ok(addresses.includes('aws_security_group.web'), addresses.join());
    assert.ok(addresses.includes('aws_security_group.orders_db'), addresses.join());
    assert.ok(!addresses.includes('aws_route.private_default'), 'Terraform made its newest change');
    const sg = result.suspects.find((s) => s.address === 'aws_security_group.web');
    assert.equal(sg?.blame.event.id, story.eventIds.manualIngress);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cti-drift-')), 'drift.csv');
    await vscode.commands.executeCommand('cloudtrailInvestigator.drift.exportCsv', file);
    const csv = readFileSync(file, 'utf8').split('\r\n');
    assert.match(csv[0] ?? '', /^Resource,File,Line,/);
    assert.ok(csv.some((row) => row.startsWith('aws_security_group.web,infra/main.tf,') && row.includes(story.eventIds.manualIngress)), csv.join('\n'));
  });
});
