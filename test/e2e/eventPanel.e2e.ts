// The event panel in the real workbench: open an event from the tree, read its header and API
// reference link inside the webview iframes, follow "Open as JSON"; then open an event whose fields
// carry script and HTML payloads and prove nothing executed and the text shows literally.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConsoleMessage, FrameLocator, Locator } from 'playwright-core';
import { normalizeRecord } from '../../src/core/event';
import { loadApiDocIndex } from '../../src/data/loadApiDocs';
import { repoRoot } from '../../tools/vscode/paths';
import { getEnvironment, waitUntil, Workbench } from './harness';

const HOSTILE_IP = '203.0.113.66';

/** Whether an editor tab is the active one of its group. */
async function isActiveTab(tab: Locator): Promise<boolean> {
  return ((await tab.getAttribute('class')) ?? '').split(' ').includes('active');
}

/** The little of the DOM the in-frame callbacks use. */
interface FrameElement {
  getAttribute(name: string): string | null;
  readonly ownerDocument: { readonly title: string; readonly defaultView: Readonly<Record<string, unknown>> };
}

/** The hostile fixture, dated half an hour ago so it falls in the view's window. */
function hostileRecord(): Record<string, unknown> {
  const file = path.join(repoRoot, 'test', 'fixtures', 'hostile', 'eventPanelRecord.json');
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { ...record, eventTime: new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

describe('event panel', () => {
  let wb: Workbench;
  const consoleMessages: string[] = [];
  const dialogs: string[] = [];
  const hostile = hostileRecord();

  before(async () => {
    const env = getEnvironment();
    env.endpoint.setRecords([...env.records, hostile]);
    wb = await Workbench.open();
    // Console messages of every frame, webview iframes included, and any alert() a payload might raise.
    wb.page.on('console', (message: ConsoleMessage) => consoleMessages.push(message.text()));
    wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  after(async () => {
    await wb.close();
    const env = getEnvironment();
    env.endpoint.setRecords(env.records);
  });

  const row = (text: string | RegExp) => wb.treeRows().filter({ hasText: text }).first();

  /** The frame of the event panel showing `eventName` (other webviews, e.g. a results timeline, may be open). */
  async function eventPanelFrame(eventName: string): Promise<FrameLocator> {
    let found: FrameLocator | undefined;
    await waitUntil(async () => {
      const count = await wb.page.locator('iframe.webview.ready').count();
      for (let i = count - 1; i >= 0; i--) {
        const frame = wb.webviewFrame(i);
        const heading = frame.locator('h1.event-name');
        if ((await heading.count()) > 0 && (await heading.innerText()) === eventName && (await heading.isVisible())) {
          found = frame;
          return true;
        }
      }
      return false;
    }, `the event panel of ${eventName} shows`, 60_000);
    if (!found) throw new Error(`no event panel for ${eventName}`);
    return found;
  }

  /** Filters the tree, expands service → event name, clicks the event; returns the panel's frame. */
  async function openFromTree(filter: string, service: RegExp, eventName: string): Promise<FrameLocator> {
    await wb.runCommand('CloudTrail: Filter Events…');
    await wb.answerQuickInput(filter);
    await wb.expand(row(service));
    await wb.expand(row(new RegExp(`^${eventName} · \\d+`)));
    const event = wb.treeRows().filter({ hasText: eventName }).filter({ hasNotText: new RegExp(`${eventName} · \\d+`) }).first();
    const tab = wb.page.locator('.tabs-container .tab', { hasText: `${eventName} ·` });
    await wb.clickUntil(event, async () => (await tab.count()) > 0, `the ${eventName} event opens its panel`);
    return eventPanelFrame(eventName);
  }

  it('opens an event from the tree: header, API reference link, Open as JSON', async () => {
    const { story } = getEnvironment();
    await wb.openView();
    await wb.treeRows().filter({ hasText: / · \d+/ }).first().waitFor({ timeout: 60_000 });
    // The tree re-renders as pages arrive, and VS Code drops a click on a row that is being replaced
    // ("Actual command not found"): let the first load finish, and clicks are retried (expand, clickUntil).
    await wb.waitForEventsLoaded();
    const frame = await openFromTree('UpdateWebACL', /^WAF · \d+/, 'UpdateWebACL');

    assert.equal(await frame.locator('h1.event-name').innerText(), 'UpdateWebACL');
    const who = await frame.locator('[data-section="who"]').innerText();
    assert.match(who, /Principal/);
    const where = await frame.locator('[data-section="where"]').innerText();
    assert.match(where, /eu-west-1/);
    const onWhat = await frame.locator('[data-section="onWhat"]').innerText();
    assert.ok(onWhat.includes(story.webAclName) || onWhat.includes(story.webAclArn), `the web ACL is listed: ${onWhat}`);
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'UpdateWebACL ·' });
    await tab.waitFor({ timeout: 10_000 });

    const docs = await loadApiDocIndex(repoRoot);
    const expected = docs.apiReferenceUrl('wafv2.amazonaws.com', 'UpdateWebACL');
    assert.ok(expected, 'the index knows UpdateWebACL');
    const apiLink = frame.locator('.doc-links [data-url]').first();
    assert.equal(await apiLink.getAttribute('data-url'), expected.url);
    assert.match(await apiLink.innerText(), /API reference: UpdateWebACL/);
    assert.equal(await apiLink.getAttribute('href'), null, 'links are opened by the host, not navigated');
    assert.match((await frame.locator('.doc-links [data-url]').nth(1).getAttribute('data-url')) ?? '', /service-authorization\/latest\/reference\/list_/);
    await wb.screenshot('event-panel-update-web-acl');

    // A related lookup runs through the engine and lands in the Results view, titled by the query.
    await frame.locator('[data-lookup="principal"]').click();
    const resultSet = wb.page.locator('.sidebar .monaco-list-row', { hasText: '±1 h around UpdateWebACL' }).first();
    await resultSet.waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      await wb.screenshot('event-panel-related-lookup-failure');
      throw err;
    });

    // The lookup may open its own results panel: come back to the event's tab. Its webview reloads
    // (no retainContextWhenHidden) and must render the event again from the host.
    await wb.clickUntil(tab, () => isActiveTab(tab), 'the UpdateWebACL tab is active again');
    const again = await eventPanelFrame('UpdateWebACL');
    const jsonTab = wb.page.locator('.tabs-container .tab', { hasText: '.json' });
    await wb.clickUntil(again.locator('[data-action="openRawJson"]'), async () => (await jsonTab.count()) > 0, 'Open as JSON opens the document');
    const editorText = wb.page.locator('.editor-instance .monaco-editor .view-lines').first();
    // Monaco renders spaces as no-break spaces.
    await waitUntil(async () => (await editorText.innerText()).replace(/\u00a0/g, ' ').includes('"eventName": "UpdateWebACL"'), 'the JSON document shows the record');
    await wb.screenshot('event-panel-open-as-json');
  });

  it('shows hostile event fields literally and runs none of them', async () => {
    await wb.runCommand('CloudTrail: Clear Events Filter');
    const frame = await openFromTree(HOSTILE_IP, /^EC2 · \d+/, 'RunInstances');
    const app = frame.locator('#app');
    const record = hostile as { userAgent: string; errorMessage: string; requestParameters: Record<string, string> };

    const userAgent = frame.locator('[data-section="where"] dd').filter({ hasText: 'onerror' }).locator('.summary-value');
    assert.equal(await userAgent.innerText(), record.userAgent);
    const errorMessage = frame.locator('[data-section="what"] .summary-value.tone-error').filter({ hasText: 'not authorized' });
    assert.equal(await errorMessage.innerText(), record.errorMessage);
    const instanceType = frame.locator('.json-row[data-path="$.requestParameters.instanceType"] .json-value');
    assert.equal(await instanceType.innerText(), JSON.stringify(record.requestParameters.instanceType));
    const userData = frame.locator('.json-row[data-path="$.requestParameters.userData"] .json-value');
    assert.equal(await userData.innerText(), JSON.stringify(record.requestParameters.userData));
    // A very long string is shortened, with its size and "Show all" (the host sends the rest).
    const longRow = frame.locator('.json-row[data-path="$.requestParameters.tagSpecificationSet.items[0].tags[0].value"]');
    assert.ok((await longRow.locator('.json-value').innerText()).length < 2100, 'the very long string is shortened');
    assert.equal(await longRow.locator('.json-show-all').innerText(), 'Show all');

    // No element came from the payloads, nothing ran, no link points anywhere but AWS over https.
    assert.equal(await app.locator('img, svg, script, iframe, object, embed').count(), 0);
    // These callbacks run inside the webview frame (typed structurally: this file has no DOM library).
    // Sanity: this really is the webview's own window (it has the webview API).
    assert.equal(await app.evaluate((el: FrameElement) => typeof el.ownerDocument.defaultView.acquireVsCodeApi), 'function');
    const pwned = await app.evaluate((el: FrameElement) => el.ownerDocument.defaultView.__ctPwned);
    assert.equal(pwned, undefined, 'no payload set the global');
    assert.equal(await app.evaluate((el: FrameElement) => typeof el.ownerDocument.defaultView.__ctPwned), 'undefined');
    assert.notEqual(await app.evaluate((el: FrameElement) => el.ownerDocument.title), 'PWNED');
    assert.notEqual(await wb.page.title(), 'PWNED');
    const urls = await app.locator('[data-url]').evaluateAll((links: FrameElement[]) => links.map((a) => a.getAttribute('data-url') ?? ''));
    assert.ok(urls.length > 0);
    for (const url of urls) assert.match(url, /^https:\/\/[a-z0-9.-]+\.amazon\.com\//);
    assert.equal(await app.locator('[href]').count(), 0, 'no element carries an href');
    assert.deepEqual(consoleMessages.filter((m) => m.includes('PWNED')), [], 'no payload logged to the console');
    assert.deepEqual(dialogs, [], 'no payload opened a dialog');

    // The panel tab is titled by the action, not by anything the payload carries.
    const event = normalizeRecord(hostile);
    assert.ok(event.ok);
    await wb.page.locator('.tabs-container .tab', { hasText: 'RunInstances ·' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('event-panel-hostile');
    await wb.runCommand('CloudTrail: Clear Events Filter');
  });

  it('restores the open panel after a window reload (serializer + setState)', async () => {
    const event = normalizeRecord(hostile);
    assert.ok(event.ok);
    // The panel is the active editor, as a user would leave it before reloading.
    const runInstancesTab = wb.page.locator('.tabs-container .tab', { hasText: 'RunInstances ·' });
    await wb.clickUntil(runInstancesTab, () => isActiveTab(runInstancesTab), 'the RunInstances tab is active');
    // VS Code web persists open editors (with each webview's setState state) to IndexedDB every 5 s
    // and once more on unload, a write the browser may drop when the reload follows within seconds
    // (then the reload restores an older layout without this panel). What is under test is our
    // serializer reviving the panel from saved state, so reload once the workbench has saved it.
    const started = Date.now();
    let saved = '';
    await waitUntil(async () => {
      saved = (await wb.persistedWorkspaceState('memento/workbench.parts.editor')) ?? '';
      return saved.includes(event.event.id) && saved.includes('cloudtrailInvestigator.eventDetails');
    }, 'the workbench has saved the RunInstances panel with its state', 20_000).catch((err: unknown) => {
      console.log(`      saved editor state: ${saved.slice(0, 2000)}`);
      throw err;
    });
    console.log(`      the workbench saved the panel ${Date.now() - started} ms after the check began`);
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // VS Code revives the panel from the state the webview saved; the extension activates for it.
    const frame = await eventPanelFrame('RunInstances');
    assert.match(await frame.locator('[data-section="what"]').innerText(), /Client\.UnauthorizedOperation/);
    assert.equal(await frame.locator('#app img').count(), 0);
    await wb.page.locator('.tabs-container .tab', { hasText: 'RunInstances ·' }).waitFor({ timeout: 10_000 });
  });
});
