// The e2e harness: one local CloudTrail endpoint with sample data, one code-server with the extension
// loaded as a development folder, one headless Chromium — shared by every *.e2e.ts file. Each spec
// file opens its own workbench tab (its own extension host) with `openWorkbench()`.
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startLocalCloudTrail, type LocalCloudTrail } from '../../tools/local-cloudtrail/server';
import { generateSampleRecords } from '../../tools/sample-data/generate';
import type { SampleStory } from '../../tools/sample-data/story';
import { launchChromium, type ChromiumSession } from '../../tools/vscode/chromium';
import { ensureCodeServer, startCodeServer, type CodeServer } from '../../tools/vscode/codeServer';
import { fixtureWorkspace, repoRoot, testResultsDir } from '../../tools/vscode/paths';
import { testEnvironment, workbenchUrl } from '../../tools/vscode/workbench';

/** Where screenshots go (kept as CI artefacts). */
export const screenshotsDir = path.join(testResultsDir, 'screenshots');

/** The regions the sample data covers. */
export const SAMPLE_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

/** What the shared servers expose to spec files. */
export interface E2eEnvironment {
  readonly endpoint: LocalCloudTrail;
  readonly story: SampleStory;
  /** The raw records the endpoint serves. */
  readonly records: readonly unknown[];
  readonly server: CodeServer;
  readonly chromium: ChromiumSession;
}

let environment: E2eEnvironment | undefined;

/** The shared environment; started by the root hook in hooks.ts. */
export function getEnvironment(): E2eEnvironment {
  if (!environment) throw new Error('the e2e environment is not running (test/e2e/hooks.ts starts it)');
  return environment;
}

/** Starts the endpoint, code-server and Chromium once for the whole e2e run. */
export async function startEnvironment(): Promise<E2eEnvironment> {
  // Without the bundle the workbench still shows the manifest's contributions, which would mislead.
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  if (!existsSync(bundle)) throw new Error('dist/extension.js is missing: run npm run build first');
  const { records, story } = generateSampleRecords({ now: Date.now() });
  const endpoint = await startLocalCloudTrail({ records, requestsPerSecond: 0 });
  const stopAll: (() => Promise<void>)[] = [() => endpoint.close()];
  try {
    const codeServer = await ensureCodeServer();
    const server = await startCodeServer({
      codeServer,
      name: 'e2e',
      workspace: fixtureWorkspace,
      env: testEnvironment(),
      // Machine-scoped: in code-server's remote window only Machine settings keep it (see startCodeServer).
      machineSettings: { 'cloudtrailInvestigator.endpoint': endpoint.url },
      settings: {
        'cloudtrailInvestigator.regions': SAMPLE_REGIONS,
        'cloudtrailInvestigator.lookbackHours': 24 * 7,
        'workbench.colorTheme': 'Default Dark Modern',
        // Sticky scroll lines overlay the top of editors and swallow clicks aimed at the lines below.
        'editor.stickyScroll.enabled': false,
      },
    });
    stopAll.unshift(() => server.stop());
    const chromium = await launchChromium();
    stopAll.unshift(() => chromium.close());
    mkdirSync(screenshotsDir, { recursive: true });
    environment = { endpoint, story, records, server, chromium };
    return environment;
  } catch (err) {
    for (const stop of stopAll) await stop();
    throw err;
  }
}

/** Stops Chromium, code-server (its whole process group) and the endpoint. */
export async function stopEnvironment(): Promise<void> {
  const env = environment;
  environment = undefined;
  if (!env) return;
  await env.chromium.close();
  await env.server.stop();
  await env.endpoint.close();
}

/** One workbench tab with the extension loaded, and the helpers scenarios use. */
export class Workbench {
  private constructor(readonly page: Page) {}

  /**
   * Opens a new tab on the fixture workspace, with none of the state earlier tabs persisted, and waits
   * for the workbench. `target` picks another code-server (one with workspace trust on) and folder.
   */
  static async open(target: { readonly server?: CodeServer; readonly folder?: string } = {}): Promise<Workbench> {
    const env = getEnvironment();
    const server = target.server ?? env.server;
    const page = await env.chromium.context.newPage();
    page.on('pageerror', (err) => { console.error(`      [workbench] ${err.message}`); });
    await forgetWorkbenchState(page, server.url);
    await page.goto(workbenchUrl(server.url, target.folder ?? fixtureWorkspace, { extensionDevelopmentPath: repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  /** Opens the CloudTrail view container from the activity bar; resolves when its Events view shows. */
  async openView(): Promise<Locator> {
    const item = this.page.locator('.activitybar li.action-item:has(> a[aria-label^="CloudTrail"])').first();
    await item.waitFor({ timeout: 30_000 });
    // The icon toggles the side bar, and a new tab restores the last layout of this workspace:
    // click only while the container is not the one showing (a click can be lost during start-up).
    const selected = async (): Promise<boolean> => (await item.getAttribute('aria-selected')) === 'true';
    if (!(await selected())) await retryUntil(() => item.click(), selected, 'the CloudTrail view container shows');
    const header = this.page.locator('.sidebar .pane-header[aria-label^="Events"]').first();
    await header.waitFor({ state: 'attached', timeout: 30_000 });
    // With several views in the container the Events section may have been left collapsed.
    const collapsed = async (): Promise<boolean> => (await header.isVisible()) && (await header.getAttribute('aria-expanded')) === 'false';
    if (await collapsed()) await retryUntil(() => header.click(), async () => !(await collapsed()), 'the Events section expands');
    const view = this.eventsView();
    await view.waitFor({ timeout: 30_000 });
    return view;
  }

  /** The Events view's body in the side bar. */
  eventsView(): Locator {
    return this.page.locator('.sidebar .pane:has(> .pane-header[aria-label^="Events"]) > .pane-body').first();
  }

  /** Tree rows of the Events view. */
  treeRows(): Locator {
    return this.eventsView().locator('.monaco-list-row');
  }

  /**
   * Waits until the Events view has finished loading, as a user sees it: no "Cancel Loading Events"
   * action in its title bar, no "Loading events…" row, and rows on screen.
   */
  async waitForEventsLoaded(timeoutMs = 60_000): Promise<void> {
    const cancel = this.page.locator('.sidebar .pane-header[aria-label^="Events"] .action-label[aria-label^="Cancel Loading Events"]');
    const loadingRow = this.treeRows().filter({ hasText: /^Loading events…/ });
    await waitUntil(async () => (await cancel.count()) === 0 && (await loadingRow.count()) === 0 && (await this.treeRows().count()) > 0,
      'the Events view finished loading', timeoutMs);
  }

  /**
   * Expands a collapsed tree row. The tree re-renders rows as data arrives and a click on a row being
   * replaced is lost: click again until the row says it is expanded.
   */
  async expand(row: Locator, timeoutMs = 30_000): Promise<void> {
    await row.waitFor({ timeout: timeoutMs });
    await retryUntil(
      () => row.click(),
      async () => (await row.getAttribute('aria-expanded')) === 'true',
      `${await row.innerText().catch(() => 'the row')} expands`,
      timeoutMs,
    );
  }

  /**
   * Waits until `row` is on screen under the expanded `parent`. The tree is a virtual list: a row below
   * the fold is not in the page at all, so scroll the list (down, then back from the top) until it is;
   * a reload that re-rendered the tree may also have collapsed `parent`, so expand it again.
   */
  async reveal(parent: Locator, row: Locator, what: string, timeoutMs = 30_000): Promise<void> {
    const list = this.eventsView().locator('.monaco-list').first();
    const deadline = Date.now() + timeoutMs;
    let direction = 1;
    let lastRows = '';
    while (Date.now() < deadline) {
      if (await row.isVisible().catch(() => false)) return;
      if ((await parent.isVisible().catch(() => false)) && (await parent.getAttribute('aria-expanded').catch(() => null)) === 'false') {
        await parent.click().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      await list.hover().catch(() => undefined);
      await this.page.mouse.wheel(0, direction * 120);
      await new Promise((resolve) => setTimeout(resolve, 250));
      const rows = (await this.treeRows().allInnerTexts().catch(() => [])).join('\n');
      if (rows === lastRows) direction = -direction; // the list did not move: an end, go the other way
      lastRows = rows;
    }
    await this.screenshot('reveal-not-on-screen').catch(() => undefined);
    const rows = await this.treeRows().allInnerTexts().catch(() => []);
    throw new Error(`timed out after ${timeoutMs} ms waiting until ${what} is on screen; rows shown: ${rows.map((r) => r.split('\n')[0]).join(' | ')}`);
  }

  /** The quick input box (command palette, quick open, quick picks, input boxes). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  /** Opens the quick input with `key` (F1: commands, Control+P: files), pressing it again if the key was lost. */
  private async openQuickInput(key: string): Promise<void> {
    const input = this.quickInput();
    await this.page.keyboard.press('Escape');
    await retryUntil(() => this.page.keyboard.press(key), () => input.isVisible(), `${key} opens the quick input`, 15_000);
  }

  /**
   * Opens the quick input with `key`, types `text`, waits until the list shows `pick` as the chosen
   * (focused) row and accepts it; when another row is focused (a recently used one), clicks `pick`
   * instead. Returns once the widget took it. The quick input closes when it loses the focus (an
   * editor that finishes opening takes it, as after Quick Open on a loaded machine): until `pick` is
   * listed, a closed input is opened and typed into again.
   */
  private async pickFromQuickInput(key: string, text: string, pick: string): Promise<void> {
    const input = this.quickInput();
    const exact = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(pick)}$`) }) }).first();
    let reopened = 0;
    await waitUntil(async () => {
      try {
        if (!(await input.isVisible())) {
          reopened++;
          await this.openQuickInput(key);
        }
        if ((await input.inputValue()) !== text) await input.fill(text, { timeout: 5_000 });
        return (await input.isVisible()) && (await input.inputValue()) === text && (await exact.isVisible());
      } catch {
        return false; // closed again in the middle: the next round opens it
      }
    }, `${key} lists ${JSON.stringify(pick)} for ${JSON.stringify(text)}`, 60_000);
    if (reopened > 0) console.log(`      [retry] the quick input closed before it listed ${JSON.stringify(pick)}: opened it again ${reopened} time(s)`);
    const focused = async (): Promise<boolean> => ((await exact.getAttribute('class')) ?? '').split(' ').includes('focused');
    if (await focused()) await this.pressEnterAndWaitForAcceptance(text, `the quick input runs ${JSON.stringify(pick)}`);
    else await retryUntil(() => exact.click(), async () => !(await input.isVisible()) || (await input.inputValue()) !== text, `the quick input runs ${JSON.stringify(pick)}`, 15_000);
  }

  /** Palette → Open Trail Logs… → Folder… → the path typed into code-server's dialog. */
  async openTrailFolder(folder: string, screenshot?: string): Promise<void> {
    await this.runCommand('CloudTrail: Open Trail Logs…');
    await this.answerQuickInput('Folder');
    // code-server has no native dialog: its "simple file dialog" is a quick input holding a path.
    const input = this.page.locator('.quick-input-widget input');
    const rowNamed = (name: string) => this.page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${name}$`) });
    await waitUntil(async () => (await input.inputValue()).startsWith('/'), 'the open dialog shows a path');
    // Enter before the dialog lists the typed folder would accept the folder it showed before:
    // list the parent first, then wait until the folder's own listing replaced it.
    // The dialog may still be settling on its own start folder (the last one used) and overwrite a
    // path typed too early: type again until the listing matches what was typed.
    // A dialog that took the path while busy may go on listing another folder with the typed path
    // shown (soak run 10 of 10 under load): after 5 s without the listing, type it afresh.
    const typeUntil = async (value: string, listed: () => Promise<boolean>, what: string): Promise<void> => {
      let typedAt = Date.now();
      let retyped = 0;
      await waitUntil(async () => {
        const stale = Date.now() - typedAt > 5_000;
        if ((await input.inputValue()) !== value || stale) {
          if (stale) {
            retyped++;
            await input.fill(value.slice(0, -1));
          }
          await input.fill(value);
          typedAt = Date.now();
        }
        return listed();
      }, what, 45_000).catch(async (err: unknown) => {
        const rows = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
        await this.screenshot('open-dialog-not-listed');
        throw new Error(`${err instanceof Error ? err.message : String(err)} (typed ${JSON.stringify(value)}, the input shows ${JSON.stringify(await input.inputValue())}, rows: ${rows.join(' | ')})`);
      });
      if (retyped > 0) console.log(`      [retry] the open dialog listed ${JSON.stringify(value)} after typing it ${retyped + 1} times`);
    };
    const name = path.basename(folder);
    await typeUntil(`${path.dirname(folder)}/`, async () => (await rowNamed(name).count()) > 0, `the dialog lists ${name} in its parent`);
    await typeUntil(`${folder}/`, async () => (await rowNamed(name).count()) === 0, `the dialog lists ${name}/`);
    if (screenshot) await this.screenshot(screenshot);
    await input.press('Enter');
  }

  /** Runs a command from the palette by its full title ("CloudTrail: Show Logs"). */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput('F1');
    await this.pickFromQuickInput('F1', `>${title}`, title);
  }

  /** Opens a workspace file by name through quick open (Control+P). */
  async openFile(name: string): Promise<void> {
    await this.openQuickInput('Control+P');
    await this.pickFromQuickInput('Control+P', name, name);
  }

  /**
   * Right-clicks `target` and chooses `label` from the context menu, both retried until their effect
   * shows. The menu may open without the item (the extension's context key for the cursor had not
   * arrived yet): close it and ask again. And VS Code arms a menu item's mouse-up handler only 100 ms
   * after the menu renders ("to avoid accidental clicks", base/browser/ui/menu/menu.ts): a click that
   * comes sooner — likelier on a loaded machine, where that timer fires late — is absorbed and the
   * menu stays open. So click until the menu closes.
   */
  async chooseFromContextMenu(target: Locator, label: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = this.page.locator('.context-view .action-item', { hasText: label }).first();
    await retryUntil(async () => {
      if (await menu.isVisible()) await this.page.keyboard.press('Escape');
      await target.click({ button: 'right' });
    }, () => item.isVisible(), `the context menu offers ${JSON.stringify(label)}`, 30_000);
    // The effect below is the menu closing: make sure the selector does see it open.
    if (!(await menu.isVisible())) throw new Error('the open context menu is not matched by .context-view .monaco-menu');
    await retryUntil(() => item.click(), async () => !(await menu.isVisible()), `the context menu takes the click on ${JSON.stringify(label)}`, 15_000, 1000);
  }

  /** Moves the active editor's cursor to `line` (1-based) with Go to Line, which scrolls it into view. */
  async goToLine(line: number): Promise<void> {
    await this.runCommand('Go to Line/Column...');
    await this.answerQuickInput(`:${String(line)}`);
  }

  /** Clicks `target` until `effect` shows (a click on an element being re-rendered is lost). */
  async clickUntil(target: Locator, effect: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    await target.waitFor({ timeout: timeoutMs });
    await retryUntil(() => target.click(), effect, what, timeoutMs);
  }

  /**
   * Answers an open quick pick / input box: types `text`, presses Enter and returns once the widget
   * took the answer (so a following answer cannot land in this same box).
   */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.quickInput();
    await input.waitFor({ timeout: 15_000 });
    await input.fill(text);
    await this.pressEnterAndWaitForAcceptance(text, `the quick input accepts ${JSON.stringify(text)}`);
  }

  /**
   * Enter in the quick input holding `typed`, then waits until the widget has closed or shows another
   * step (other title or value). The next prompt arrives from the extension host a little later, and
   * until then the old box is still on screen: text typed meanwhile would go into it. An Enter the
   * widget dropped (still the same box, no validation message) is pressed again.
   */
  private async pressEnterAndWaitForAcceptance(typed: string, what: string): Promise<void> {
    const input = this.quickInput();
    const title = this.page.locator('.quick-input-widget .quick-input-title');
    const message = this.page.locator('.quick-input-widget .quick-input-message');
    const titleBefore = (await title.isVisible()) ? await title.innerText() : '';
    const accepted = async (): Promise<boolean> => {
      if (!(await input.isVisible())) return true;
      const titleNow = (await title.isVisible()) ? await title.innerText() : '';
      return titleNow !== titleBefore || (await input.inputValue()) !== typed;
    };
    await retryUntil(() => input.press('Enter'), accepted, what, 15_000).catch(async (err: unknown) => {
      const shown = (await message.isVisible()) ? await message.innerText() : '';
      throw shown ? new Error(`${what}: it says ${JSON.stringify(shown)}`) : err;
    });
  }

  /**
   * The content frame of a webview: by default the last visible one (the workbench keeps the iframes
   * of background tabs in the DOM, hidden), or the nth ready one in DOM order.
   */
  webviewFrame(index = -1): FrameLocator {
    const frames = this.page.locator('iframe.webview.ready');
    const frame = index < 0 ? frames.filter({ visible: true }).last() : frames.nth(index);
    return frame.contentFrame().frameLocator('#active-frame');
  }

  /** Notification toasts currently shown. */
  notifications(): Locator {
    return this.page.locator('.notification-toast');
  }

  /** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * What the workbench has persisted of one workspace-storage key (e.g. `memento/workbench.parts.editor`,
   * the open editors with their webview state), read from the IndexedDB database VS Code web keeps per
   * workspace. The workbench writes it every 5 s while idle and tries again on unload, where the browser
   * may drop the write: a scenario that reloads waits until what it needs is in here.
   */
  async persistedWorkspaceState(key: string): Promise<string | undefined> {
    // A string expression: this project compiles tests without the DOM library.
    const script = `(async () => {
      const prefix = 'vscode-web-state-db-';
      const names = (await indexedDB.databases()).map((d) => d.name || '')
        .filter((n) => n.startsWith(prefix) && !n.startsWith(prefix + 'global'));
      for (const name of names) {
        const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        try {
          if (!db.objectStoreNames.contains('ItemTable')) continue;
          const value = await new Promise((resolve, reject) => { const r = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get(${JSON.stringify(key)}); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
          if (typeof value === 'string') return value;
        } finally { db.close(); }
      }
      return undefined;
    })()`;
    const value: unknown = await this.page.evaluate(script);
    return typeof value === 'string' ? value : undefined;
  }

  /** Closes the tab (its extension host ends with the server). */
  async close(): Promise<void> {
    await this.page.close();
  }
}

/**
 * Deletes the IndexedDB databases in which VS Code web keeps its state for this server's origin (open
 * editors, layout, view state, the extension's workspaceState and globalState). All tabs share them,
 * and a closed tab leaves whatever its last periodic save caught (it is closed without the unload
 * save), so each spec file would otherwise start from a random moment of the previous one's. Call with
 * no other workbench tab open: an open connection blocks the deletion.
 */
async function forgetWorkbenchState(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/healthz`); // same origin as the workbench, without starting one
  const script = `(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name || '').filter((n) => n.startsWith('vscode-web-state-db-'));
    for (const name of names) {
      await new Promise((resolve, reject) => {
        const r = indexedDB.deleteDatabase(name);
        r.onsuccess = () => resolve(undefined);
        r.onerror = () => reject(r.error);
        r.onblocked = () => reject(new Error(name + ' is still open in another tab'));
      });
    }
    return names.length;
  })()`;
  await page.evaluate(script);
}

/**
 * Performs `action`, then gives its effect `settleMs` to show; when the workbench dropped it (a busy
 * renderer loses clicks on re-rendered elements), performs it again, until `effect` holds or
 * `timeoutMs` passed. Only for actions that are harmless to repeat once their effect is absent.
 */
export async function retryUntil(action: () => Promise<unknown>, effect: () => Promise<boolean>, what: string, timeoutMs = 30_000, settleMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  while (Date.now() < deadline) {
    if (attempts > 0 && (await effect())) return;
    attempts++;
    await action().catch(() => undefined); // the element may be gone in the middle of a re-render
    const settle = Math.min(deadline, Date.now() + settleMs);
    while (Date.now() < settle) {
      if (await effect()) {
        if (attempts > 1) console.log(`      [retry] ${what}: took ${attempts} attempts`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`timed out after ${timeoutMs} ms (${attempts} attempts) waiting until ${what}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}
