// One region fails mid-scan inside a real extension host (issue 13): the local endpoint answers
// eu-west-1 with HTTP 500 from its second page on while the other regions answer. The Events view
// keeps every event of the good regions and eu-west-1's first page, names the failed region and why,
// and offers "Retry the failed regions"; once the fault is cleared, Retry brings the missing events
// without losing or duplicating the others. Everything is read from the tree items the user sees.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getTestApi } from './extension';
import { SAMPLE_REGIONS, useSampleEndpoint } from './sampleEndpoint';
import { Views, WorkbenchUi, type TreeSnapshotItem, walkSnapshot } from './workbench';

const EVENTS = 'cloudtrailInvestigator.events';
const FAILING = 'eu-west-1';

/** Region group → its count, from the labels "eu-west-1 · 123". */
function regionCounts(root: readonly TreeSnapshotItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of root.filter((i) => i.contextValue?.startsWith('group:'))) {
    const match = /^(.+) · ([\d,]+)$/.exec(item.label);
    assert.ok(match, `group label without a count: ${item.label}`);
    counts[match[1]] = Number(match[2].replace(/,/g, ''));
  }
  return counts;
}

/** Event ids shown in the tree (each event row once per place it appears). */
function eventIds(root: readonly TreeSnapshotItem[]): string[] {
  return walkSnapshot(root).filter((i) => i.contextValue?.startsWith('event')).map((i) => i.id.split('/event/')[1] ?? i.id);
}

function messages(root: readonly TreeSnapshotItem[]): TreeSnapshotItem[] {
  return root.filter((i) => i.contextValue?.startsWith('message'));
}

describe('faults: a region that fails mid-scan', () => {
  const sample = useSampleEndpoint({ requestsPerSecond: 0 });
  const ui = new WorkbenchUi();
  let views: Views;
  let baseline: { counts: Record<string, number>; ids: string[] };

  before(async () => {
    views = new Views(await getTestApi(), ui.install());
    await views.setGroupBy('region');
    // The view loads when first shown (run alone, no earlier suite showed it).
    await views.getTreeSnapshot(EVENTS);
    await views.settle();
    await views.reloadEvents();
    const root = await views.getTreeSnapshot(EVENTS, 5);
    baseline = { counts: regionCounts(root), ids: eventIds(root).sort() };
  });

  after(async () => {
    ui.restore();
    await vscode.workspace.getConfiguration('cloudtrailInvestigator').update('groupBy', undefined, vscode.ConfigurationTarget.Global);
  });

  it('keeps the good regions, names the failed one with Retry, and Retry fills the gap without duplicates', async () => {
    assert.deepEqual(Object.keys(baseline.counts).sort(), [...SAMPLE_REGIONS].sort(), `region groups: ${JSON.stringify(baseline.counts)}`);
    assert.ok((baseline.counts[FAILING] ?? 0) > 50, `${FAILING} needs more than one page (has ${baseline.counts[FAILING] ?? 0})`);
    assert.equal(new Set(baseline.ids).size, baseline.ids.length, 'each event once before the fault');
    const { endpoint } = sample();
    endpoint.setOptions({ faults: { regionFaults: { [FAILING]: { afterPages: 1, kind: 'serverError' } } } });
    try {
      await views.reloadEvents();

      const failed = await views.getTreeSnapshot(EVENTS, 5);
      const counts = regionCounts(failed);
      for (const region of SAMPLE_REGIONS.filter((r) => r !== FAILING)) assert.equal(counts[region], baseline.counts[region], `${region} is whole`);
      assert.equal(counts[FAILING], 50, `${FAILING} keeps its first page`);
      const shown = messages(failed);
      const warning = shown.find((i) => i.label.startsWith(`${FAILING}: `));
      assert.ok(warning, `a message names ${FAILING}: ${shown.map((i) => i.label).join(' | ')}`);
      assert.match(warning.label, /Kept the 50 events received before\.$/);
      assert.match(warning.label, /500|InternalFailure|unknown error/i, 'it says why');
      const retry = shown.find((i) => i.label === 'Retry the failed regions');
      assert.ok(retry, 'offers Retry');
      assert.equal(retry.command, 'cloudtrailInvestigator.events.retry');
      assert.deepEqual(eventIds(failed).filter((id) => !baseline.ids.includes(id)), [], 'nothing new or odd is shown');
    } finally {
      endpoint.setOptions({ faults: {} });
    }
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.retry');
    await views.whenIdle();

    const healed = await views.getTreeSnapshot(EVENTS, 5);
    assert.deepEqual(messages(healed).map((i) => i.label), [], 'no failure and no Retry left');
    assert.deepEqual(regionCounts(healed), baseline.counts);
    assert.deepEqual(eventIds(healed).sort(), baseline.ids, 'every event once: nothing lost, nothing twice');
  });
});
