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
    const bin = await ensureCodeServer();
    const server = await startCodeServer({
      bin,
      name: 'e2e',
      workspace: fixtureWorkspace,
      env: testEnvironment(),
      settings: {
        'cloudtrailInvestigator.endpoint': endpoint.url,
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
   * for the workbench.
   */
  static async open(): Promise<Workbench> {
    const env = getEnvironment();
    const page = await env.chromium.context.newPage();
    page.on('pageerror', (err) => { console.error(`      [workbench] ${err.message}`); });
    await forgetWorkbenchState(page, env.server.url);
    await page.goto(workbenchUrl(env.server.url, fixtureWorkspace, { extensionDevelopmentPath: repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  /** Opens the CloudTrail view container from the activity bar; resolves when its Events view shows. */
  async openView(): Promise<Locator> {
    const item = this.page.locator('.activitybar li.action-item:has(> a[aria-label^="CloudTrail"])').first();
    await item.waitFor({ timeout: 30_000 });
    // The icon toggles the side bar, and a new tab restores the last layout of this workspace:
    // click only when the container is not already the one showing.
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    const header = this.page.locator('.sidebar .pane-header[aria-label^="Events"]').first();
    await header.waitFor({ state: 'attached', timeout: 30_000 });
    // With several views in the container the Events section may have been left collapsed.
    if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) === 'false') await header.click();
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

  /** Runs a command from the palette by its full title ("CloudTrail: Show Logs"). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 15_000 });
    await input.press('Enter');
  }

  /**
   * Answers an open quick pick / input box: types `text`, presses Enter and returns once the widget
   * took the answer (so a following answer cannot land in this same box).
   */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(text);
    await this.pressEnterAndWaitForAcceptance(text, `the quick input accepts ${JSON.stringify(text)}`);
  }

  /**
   * Enter in the quick input holding `typed`, then waits until the widget has closed or shows another
   * step (other title or value). The next prompt arrives from the extension host a little later, and
   * until then the old box is still on screen: text typed meanwhile would go into it.
   */
  private async pressEnterAndWaitForAcceptance(typed: string, what: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const title = this.page.locator('.quick-input-widget .quick-input-title');
    const titleBefore = (await title.isVisible()) ? await title.innerText() : '';
    await input.press('Enter');
    await waitUntil(async () => {
      if (!(await input.isVisible())) return true;
      const titleNow = (await title.isVisible()) ? await title.innerText() : '';
      return titleNow !== titleBefore || (await input.inputValue()) !== typed;
    }, what, 15_000).catch(async (err: unknown) => {
      const message = this.page.locator('.quick-input-widget .quick-input-message');
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

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}
