// Restricted Mode in the real workbench: a code-server with workspace trust on opens a copy of the
// hostile Terraform fixture untrusted. Its .vscode/settings.json picks a profile, regions and an
// endpoint, its backend record points at a local listener, a `terraform` inside it leaves a marker
// when run, and every string carries command links, markdown images, $(icon), HTML and bidi. The
// scenario clicks every link a notification or tooltip shows and checks that nothing ran: no terminal
// (its shell would write a marker file), no terraform, no request to the listener, the workspace
// profile unused — and no configured secret in any toast, status text or the extension's log.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { ensureCodeServer, startCodeServer, type CodeServer } from '../../tools/vscode/codeServer';
import { repoRoot } from '../../tools/vscode/paths';
import { testEnvironment } from '../../tools/vscode/workbench';
import { assertNoSecrets } from '../support/secrets';
import { retryUntil, waitUntil, Workbench } from './harness';

const HOSTILE = path.join(repoRoot, 'test', 'fixtures', 'hostile', 'terraform');
const HOSTILE_TRAIL = path.join(repoRoot, 'test', 'fixtures', 'hostile', 'trail');
const NOTICE = 'CloudTrail Investigator is in Restricted Mode: this folder is not trusted';

/** Every file below `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Stays true for `ms` (nothing may happen late: a click's effect can take a moment to arrive). */
async function staysTrue(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    assert.ok(check(), what);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(check(), what);
}

describe('Restricted Mode (workspace trust on, hostile folder untrusted)', () => {
  let root: string;
  let workspace: string;
  let trail: string;
  let terminalMarker: string;
  let pathTerraformMarker: string;
  let listener: Server;
  const requests: string[] = [];
  let server: CodeServer;
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    listener = createServer((req, res) => {
      requests.push(`${req.method ?? '?'} ${req.url ?? ''}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as AddressInfo).port;
    root = mkdtempSync(path.join(tmpdir(), 'cti-trust-'));
    workspace = path.join(root, 'hostile');
    terminalMarker = path.join(root, 'TERMINAL-RAN');
    pathTerraformMarker = path.join(root, 'PATH-TERRAFORM-RAN');
    // A terraform on PATH, outside the folder: the one an opted-in, trusted window would run. Untrusted, it must not run.
    const tools = path.join(root, 'tools');
    mkdirSync(tools);
    writeFileSync(path.join(tools, 'terraform'), `#!/bin/sh\ntouch '${pathTerraformMarker}'\necho '{}'\n`, { mode: 0o755 });
    cpSync(HOSTILE, workspace, { recursive: true });
    // Every planted URL and endpoint points at the listener, so any request it would cause is counted.
    for (const file of filesUnder(workspace)) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('127.0.0.1:9/')) writeFileSync(file, text.replaceAll('127.0.0.1:9/', `127.0.0.1:${port}/`), { mode: statSync(file).mode });
    }
    // The hostile trail file, outside the folder, with its planted URLs pointing at the listener too.
    trail = path.join(root, 'trail');
    cpSync(HOSTILE_TRAIL, trail, { recursive: true });
    for (const file of filesUnder(trail).filter((f) => f.endsWith('.json.gz'))) {
      writeFileSync(file, gzipSync(gunzipSync(readFileSync(file)).toString('utf8').replaceAll('127.0.0.1:9/', `127.0.0.1:${port}/`)));
    }
    // A resource in the module whose state only a remote backend holds: answering needs terraform.
    const backend = readFileSync(path.join(workspace, 'remote', 'main.tf'), 'utf8');
    rmSync(path.join(workspace, 'remote', 'main.tf'));
    // Only the remote module holds this resource: no other state in the folder may answer for it.
    rmSync(path.join(workspace, 'terraform.tfstate'));
    // The fixture's workspace name climbs out of the folder (refused, tested in the unit tier): use the default one here.
    writeFileSync(path.join(workspace, 'remote', '.terraform', 'environment'), 'default');
    writeFileSync(path.join(workspace, 'remote', 'backend.tf'), `${backend}\nresource "aws_s3_bucket" "held_remotely" {\n  bucket = "[x](command:workbench.action.terminal.new)"\n}\n`);
    server = await startCodeServer({
      codeServer: await ensureCodeServer(),
      name: 'e2e-trust',
      workspace,
      workspaceTrust: true,
      env: testEnvironment({ PATH: `${path.join(root, 'tools')}${path.delimiter}${process.env.PATH ?? ''}` }),
      settings: {
        // No start-up question: the folder simply opens in Restricted Mode, as for a user who said no.
        'security.workspace.trust.startupPrompt': 'never',
        'cloudtrailInvestigator.regions': ['us-east-1'],
        'editor.stickyScroll.enabled': false,
        // The command the planted links name opens a terminal; this terminal's shell writes a marker.
        'terminal.integrated.profiles.linux': { marker: { path: '/bin/sh', args: ['-c', `touch '${terminalMarker}'; sleep 30`] } },
        'terminal.integrated.defaultProfile.linux': 'marker',
      },
    });
    wb = await Workbench.open({ server, folder: workspace });
  });

  after(async () => {
    await wb.close();
    await server.stop();
    await new Promise((resolve) => listener.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  // The notification center lists every notification, also toasts already hidden again.
  const allNotifications = (): Locator => wb.page.locator('.notifications-center .notification-list-item');
  const notice = (): Locator => allNotifications().filter({ hasText: NOTICE });
  async function showNotificationCenter(): Promise<void> {
    if (await wb.page.locator('.notifications-center.visible').isVisible()) return;
    await wb.runCommand('Notifications: Show Notifications');
    await wb.page.locator('.notifications-center.visible').waitFor({ timeout: 15_000 });
  }
  const statusItem = (): Locator => wb.page.locator('.statusbar-item', { hasText: '@ us-east-1' }).first();

  /**
   * Clicks every link that text inside `scope` shows (notification messages, hover and tooltip
   * bodies; not the notification's own buttons and toolbar); returns how many there were.
   */
  async function clickEveryLink(scope: Locator): Promise<number> {
    const links = scope.locator('.notification-list-item-message a, .hover-contents a, .hover-row a, .rendered-markdown a');
    const count = await links.count();
    for (let i = 0; i < count; i++) await links.nth(i).click({ timeout: 5_000 });
    return count;
  }

  function nothingRan(): boolean {
    return !existsSync(terminalMarker) && !existsSync(pathTerraformMarker) && !existsSync(path.join(workspace, 'bin', 'RAN-workspace-terraform')) && requests.length === 0;
  }

  it('says once what Restricted Mode ignores, and the status bar uses the user profile, not the workspace one', async () => {
    await wb.openView();
    await waitUntil(async () => {
      await showNotificationCenter();
      return (await notice().count()) > 0;
    }, 'the Restricted Mode notice is shown', 60_000);
    assert.equal(await notice().count(), 1);
    assert.equal(await notice().locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).count(), 1);
    await clickEveryLink(allNotifications());
    await wb.page.keyboard.press('Escape');
    await statusItem().waitFor({ timeout: 30_000 });
    const text = await statusItem().innerText();
    assert.match(text, /default @ us-east-1/, 'the default chain and the user regions');
    assert.doesNotMatch(text, /\[x\]|command:/, 'not the workspace profile');
    // The tooltip: hover it, click whatever links it shows.
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /CloudTrail: profile/ }).first();
    // A hover that was dismissed (a toast or a re-render under the pointer) comes back only when the
    // pointer leaves and enters again.
    await retryUntil(async () => {
      await wb.page.mouse.move(0, 0);
      await statusItem().hover();
    }, () => hover.isVisible(), 'the status bar tooltip shows', 45_000, 5_000);
    assert.match(await hover.innerText(), /Restricted Mode|profile/);
    await clickEveryLink(hover);
    await wb.screenshot('trust-restricted-notice');
    await staysTrue(nothingRan, 'nothing ran after clicking the tooltip');
  });

  it('runs no terraform for a remote backend and no planted link runs a command', async () => {
    await wb.openFile('backend.tf');
    const header = wb.page.locator('.monaco-editor .view-line', { hasText: 'held_remotely' }).first();
    await header.waitFor({ timeout: 30_000 });
    await header.click();
    await showNotificationCenter();
    const before = await allNotifications().count();
    await wb.page.keyboard.press('Escape');
    await header.click();
    await wb.runCommand('CloudTrail: Who Changed This Resource?');
    // Whatever the answer (no state without terraform), it arrives as a notification or a quick input.
    await waitUntil(async () => (await wb.notifications().count()) > 0 || (await wb.quickInput().isVisible()), 'the command answers', 60_000);
    await wb.page.keyboard.press('Escape');
    // The lookup's progress comes first; wait for its answer (no change found: AWS is out of reach here).
    const answer = allNotifications().filter({ hasText: /No write events found|Last changed by|Nothing identifies|Cannot reach/ });
    await waitUntil(async () => {
      await showNotificationCenter();
      return (await allNotifications().count()) > before && (await answer.count()) > 0;
    }, 'the answer is in the notification center', 60_000);
    const links = await clickEveryLink(allNotifications());
    console.log(`      [trust] clicked ${links} link(s) in ${await allNotifications().count()} notification(s)`);
    await wb.screenshot('trust-who-changed-remote');
    await staysTrue(nothingRan, `nothing ran after clicking ${links} notification link(s)`);
    assert.equal(await wb.page.locator('.terminal-wrapper').count(), 0, 'no terminal opened');
    assert.deepEqual(requests, [], 'the listener behind the workspace endpoint and backend got no request');
  });

  it('shows and logs no configured secret', async () => {
    await wb.runCommand('CloudTrail: Show Logs');
    await showNotificationCenter();
    const toasts = await allNotifications().allInnerTexts();
    assert.ok(toasts.length >= 2, `${toasts.length} notifications`);
    assertNoSecrets(toasts.join('\n'), undefined, 'the notifications');
    assertNoSecrets(await statusItem().innerText(), undefined, 'the status bar');
    const logs = filesUnder(server.userDataDir).filter((f) => f.endsWith("CloudTrail Investigator.log"));
    assert.ok(logs.length > 0, 'the extension log file exists');
    const log = logs.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.match(log, /Restricted Mode/);
    assert.match(log, /terraform is not run in an untrusted workspace/);
    // No attempt to run terraform at all (before, `terraform show -json` was tried in the remote module).
    assert.doesNotMatch(log, /terraform show|terraform: running|state pull in/);
    assertNoSecrets(log, undefined, 'the extension log');
  });

  it('shows a hostile trail file literally in the untrusted window: tree rows, hovers and toasts run no link', async () => {
    await wb.openView();
    await wb.openTrailFolder(trail);
    await wb.page.locator('.statusbar-item', { hasText: 'trail/ (1 file' }).first().waitFor({ timeout: 60_000 });
    // The tree showed AWS (out of reach here) before: wait for the archive's groups to replace it.
    await wb.treeRows().filter({ hasText: /^S3 · \d+/ }).first().waitFor({ timeout: 60_000 });
    // Eight records, each from its own hostile service: all of them in the tree.
    await wb.waitForEventsLoaded();
    // Every group open, every row hovered (tree tooltips are built on hover), every link in them clicked.
    let links = 0;
    // Room for all 24 rows (8 services, 8 actions, 8 events): the Results pane folded away, so the
    // list never scrolls and a row's position stays its own while groups open.
    const results = wb.page.locator('.sidebar .pane-header[aria-label^="Results"]').first();
    await wb.clickUntil(results.locator('.twisty-container'), async () => !((await results.getAttribute('class')) ?? '').split(' ').includes('expanded'), 'the Results pane folds');
    // Open every group: click the first collapsed row (by list index: DOM order is not screen order
    // in a virtual list, and the tree may re-render between rounds), until none is left.
    interface Row { getAttribute(name: string): string | null }
    const collapsedIndexes = async (): Promise<number[]> => wb.treeRows().evaluateAll((rows: Row[]) => rows
      .filter((r) => r.getAttribute('aria-expanded') === 'false').map((r) => Number(r.getAttribute('data-index'))).sort((a, b) => a - b));
    await waitUntil(async () => {
      const first = (await collapsedIndexes()).at(0);
      if (first === undefined) return true;
      const row = wb.treeRows().and(wb.page.locator(`[data-index="${String(first)}"]`));
      if ((await row.getAttribute('aria-expanded').catch(() => null)) !== 'false') return false;
      await row.click({ timeout: 2_000 }).catch(() => undefined);
      // Give the click its effect before looking again (a second click would fold it back).
      await row.and(wb.page.locator('[aria-expanded="true"]')).waitFor({ timeout: 3_000 }).catch(() => undefined);
      return false;
    }, 'every group of the tree is open', 60_000);
    const rows = await wb.treeRows().count();
    const texts = (await wb.treeRows().allInnerTexts()).join('\n');
    await wb.screenshot('trust-hostile-trail-tree');
    assert.ok(rows >= 16, `${rows} rows: the groups and the eight hostile events:\n${texts}`);
    // The payloads are shown as text: the link syntax is visible, no element came from it.
    assert.match(texts, /COMMAND:workbench\.action\.terminal\.new/);
    assert.equal(await wb.eventsView().locator('img, a[href^="command:"]').count(), 0, 'no image or command link in the tree');
    // The events (leaves) carry markdown tooltips, built when hovered: each must appear, inert.
    const leaves = wb.treeRows().and(wb.page.locator(':not([aria-expanded])'));
    const leafCount = await leaves.count();
    assert.equal(leafCount, 8, `${leafCount} event rows`);
    let hovers = 0;
    for (let i = 0; i < leafCount; i++) {
      await leaves.nth(i).hover();
      const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /\S/ }).first();
      if (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
        hovers++;
        assert.equal(await hover.locator('img').count(), 0, 'no image in a tree tooltip');
        links += await clickEveryLink(hover);
      }
      await wb.page.keyboard.press('Escape');
      await wb.page.mouse.move(0, 0);
    }
    assert.equal(hovers, leafCount, `every event's tooltip was shown (${hovers} of ${leafCount})`);
    await showNotificationCenter();
    links += await clickEveryLink(allNotifications());
    await wb.page.keyboard.press('Escape');
    console.log(`      [trust] ${rows} tree rows, ${hovers} tooltip(s) shown, ${links} link(s) clicked`);
    await wb.screenshot('trust-hostile-trail');
    await staysTrue(nothingRan, `nothing ran after clicking ${links} link(s) from the hostile trail`);
    assert.equal(await wb.page.locator('.terminal-wrapper').count(), 0, 'no terminal opened');
    assert.deepEqual(requests, [], 'no planted image or link reached the listener');
  });
});
