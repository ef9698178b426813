// The event panel inside a real extension host: opened by command, re-revealed, its webview script
// running under the CSP (it sends `ready`), "Open as JSON" and "Compare with…" in native editors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { normalizeRecord } from '../../src/core/event';
import type { TrailEvent } from '../../src/core/model';
import type { EventPanelsTestApi } from '../../src/host/testApi';
import { getTestApi } from './extension';
import { waitFor } from './workbench';

const fixtures = path.resolve(__dirname, '../../../test/fixtures');
const records = JSON.parse(fs.readFileSync(path.join(fixtures, 'eventPanel', 'identityRecords.json'), 'utf8')) as Record<string, unknown>;
const hostileRecord: unknown = JSON.parse(fs.readFileSync(path.join(fixtures, 'hostile', 'eventPanelRecord.json'), 'utf8'));

function eventOf(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) throw new Error(result.error.error);
  return result.event;
}

function eventPanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('cloudtrailInvestigator.eventDetails'));
}

describe('event panel', () => {
  let panels: EventPanelsTestApi;

  before(async () => {
    panels = (await getTestApi()).eventPanel;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Let the editor area settle before the next test opens a webview in it.
    await waitFor(() => vscode.window.tabGroups.all.every((group) => group.tabs.length === 0), 'all editors are closed');
  });

  it('opens a panel for an event through the command; the webview script runs and asks for the event', async () => {
    const event = eventOf(records.AssumedRole);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', event);
    assert.ok(panels.openEventIds().includes(event.id));
    await waitFor(() => panels.isReady(event.id), 'the webview sent ready');
    const tabs = eventPanelTabs();
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0].label, 'Decrypt · 2018-02-14 16:42 UTC');
  });

  it('re-reveals the same panel when the event is opened again, also from a tree item shape', async () => {
    const first = eventOf(records.Role);
    const second = eventOf(records.IAMUser);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', first);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', second);
    await waitFor(() => eventPanelTabs().length === 2, 'two event panels are open');
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', { id: `event/${first.id}`, event: first });
    await waitFor(() => eventPanelTabs().find((t) => t.label.startsWith('StopInstances'))?.isActive === true, 'the first event panel is active again');
    const tabs = eventPanelTabs();
    assert.equal(tabs.length, 2, 'no second panel for the same event');
    assert.equal(tabs.filter((t) => t.label.startsWith('StopInstances')).length, 1);
    assert.deepEqual(panels.openEventIds().sort(), [first.id, second.id].sort());
  });

  it('forgets a panel when it is closed', async () => {
    const event = eventOf(records.Root);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', event);
    assert.ok(panels.openEventIds().includes(event.id));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => !panels.openEventIds().includes(event.id), 'the panel is forgotten');
  });

  it('Open as JSON shows a read-only document whose text parses to the raw record', async () => {
    const event = eventOf(records.Role);
    await vscode.commands.executeCommand('cloudtrailInvestigator.openRawEventJson', event);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor opened');
    assert.equal(editor.document.uri.scheme, 'cloudtrail-event');
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor.document.getText()), records.Role);
    assert.equal(editor.document.isDirty, false);
  });

  it('Open as JSON from the editor title uses the active event panel', async () => {
    const event = eventOf(records.FederatedUser);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', event);
    await waitFor(() => panels.isReady(event.id), 'the webview sent ready');
    await vscode.commands.executeCommand('cloudtrailInvestigator.openRawEventJson');
    assert.deepEqual(JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? 'null'), records.FederatedUser);
  });

  it('Compare with… opens both records in the diff editor', async () => {
    const left = eventOf(records.Role);
    const right = eventOf(records.IAMUser);
    await vscode.commands.executeCommand('cloudtrailInvestigator.compareEvents', left, right);
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff;
    const [original, modified] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
    assert.deepEqual(JSON.parse(original.getText()), records.Role);
    assert.deepEqual(JSON.parse(modified.getText()), records.IAMUser);
  });

  it('Compare with… offers the other events opened in this window', async () => {
    const left = eventOf(records.SAMLUser);
    const right = eventOf(records.WebIdentityUser);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', right);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', left);
    await waitFor(() => panels.isReady(left.id) && vscode.window.tabGroups.activeTabGroup.activeTab?.label.startsWith('AssumeRoleWithSAML') === true, 'the SAML event panel is active');
    const window = vscode.window as { showQuickPick: unknown };
    const original = window.showQuickPick;
    const offered: string[] = [];
    window.showQuickPick = (items: readonly (vscode.QuickPickItem & { detail?: string })[]) => {
      offered.push(...items.map((item) => item.detail ?? ''));
      return Promise.resolve(items.find((item) => item.detail === right.id));
    };
    try {
      await vscode.commands.executeCommand('cloudtrailInvestigator.compareEvents');
    } finally {
      window.showQuickPick = original;
    }
    assert.ok(offered.includes(right.id), 'the other open event is offered');
    assert.ok(!offered.includes(left.id), 'the event itself is not offered');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff;
    assert.deepEqual(JSON.parse((await vscode.workspace.openTextDocument(input.modified)).getText()), records.WebIdentityUser);
  });

  it('opens a panel for a hostile record and its webview still loads under the CSP', async () => {
    const { id } = eventOf(hostileRecord);
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', eventOf(hostileRecord));
    await waitFor(() => panels.isReady(id), 'the webview sent ready');
    await waitFor(() => eventPanelTabs().length === 1, 'its tab shows');
  });

  it('refuses to open a panel without an event, with a clear message', async () => {
    const before = panels.openEventIds().length;
    await vscode.commands.executeCommand('cloudtrailInvestigator.showEventDetails', { not: 'an event' });
    assert.equal(panels.openEventIds().length, before);
  });
});
