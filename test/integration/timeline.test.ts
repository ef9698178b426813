// The results timeline panel inside a real extension host: a result set opens it beside the editor,
// its bundled client runs under the CSP and asks for the model (`ready`), and the tab is titled by
// the set. Restoring it after a window reload is covered by the e2e tier (a real reload).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { normalizeRecord } from '../../src/core/event';
import type { TrailEvent } from '../../src/core/model';
import type { EventQuery, QueryResult } from '../../src/core/query';
import type { TestApi } from '../../src/host/testApi';
import { getTestApi } from './extension';
import { waitFor, WorkbenchUi } from './workbench';

function timelineTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('cloudtrailInvestigator.timeline'));
}

describe('results timeline panel', () => {
  const ui = new WorkbenchUi();
  let api: TestApi;

  before(async () => {
    api = await getTestApi();
    ui.install();
    // A fresh panel: an earlier suite's timeline may still be open (and ready).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => timelineTabs().length === 0 && !api.timeline.isReady(), 'no timeline is open');
  });

  after(async () => {
    ui.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens beside the editor for a result set; its bundled client runs under the CSP and gets the model', async () => {
    const t = Date.UTC(2026, 0, 2, 3, 4, 5);
    const record = { eventVersion: '1.08', eventID: 'tl-1', eventName: '<img src=x onerror=alert(1)>', eventSource: 's3.amazonaws.com', eventTime: new Date(t).toISOString(), awsRegion: 'eu-west-1', userIdentity: { type: 'IAMUser', userName: 'alice' }, errorCode: 'AccessDenied' };
    const normalized = normalizeRecord(record);
    assert.ok(normalized.ok);
    const events: TrailEvent[] = [normalized.event];
    const query: EventQuery = { regions: ['eu-west-1'], filters: [], start: t - 3_600_000, end: t + 60_000, includeReadOnly: true, maxEvents: 1000 };
    const result: QueryResult = { query, events, errors: [], plan: { local: [] }, stats: { events: 1, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 1 }, cancelled: false, regionErrors: [] };
    await vscode.commands.executeCommand('_cloudtrailInvestigator.showResults', { title: 'Timeline test', query, result }, 'Last changed by alice');
    await waitFor(() => api.timeline.isReady(), 'the timeline client sent ready');
    const model = api.timeline.model();
    assert.ok(model);
    assert.equal(model.headline, 'Last changed by alice');
    assert.deepEqual(model.events.map((e) => [e.id, e.name, e.error]), [['tl-1', '<img src=x onerror=alert(1)>', 'AccessDenied']]);
    await waitFor(() => timelineTabs().length === 1 && timelineTabs()[0]?.label === 'CloudTrail: Timeline test', 'one timeline tab, titled by the set');
  });
});
