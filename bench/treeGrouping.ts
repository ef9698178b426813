/**
 * The Events tree with 20,000 events: building the root items and expanding one group (down to
 * rendered event items: label, description, Markdown tooltip, screen-reader label) for each
 * grouping, against a plain `Array.prototype.sort` of the same events measured in the same run.
 * Prints the ratio tree / sort; the tree is lazy (groups built per expanded node, at most
 * GROUP_PAGE_SIZE event items per group, tooltips on hover), so it stays within a small multiple.
 */
import { normalizeRecord } from '../src/core/event';
import type { TrailEvent } from '../src/core/model';
import type { GroupByKey } from '../src/host/settingsTypes';
import { compareNewestFirst } from '../src/core/eventOrder';
import { eventAccessibilityLabel, eventDescription, eventTooltipMarkdown, groupLabel } from '../src/core/presentation';
import { buildLevel, groupChildren, GROUPING_LEVELS, type EventNode, type GroupNode, type MessageNode } from '../src/host/tree/treeNodes';
import { applyViewFilter, NO_FILTER } from '../src/core/viewFilter';
import { generateSampleRecords } from '../tools/sample-data/generate';

const COUNT = 20_000;
const RUNS = 15;
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

function sampleEvents(): TrailEvent[] {
  const { records } = generateSampleRecords({ now: NOW, seed: 3, backgroundEvents: COUNT });
  const events: TrailEvent[] = [];
  for (const record of records) {
    const result = normalizeRecord(record);
    if (result.ok) events.push(result.event);
  }
  return events.slice(-COUNT).sort(compareNewestFirst);
}

/** A deterministic shuffle, so the sort baseline does real work. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

let sink = 0;

// What getTreeItem computes per event; the tooltip is resolved on hover only, so one per level.
function renderEvent(node: EventNode, hovered: boolean): void {
  sink += node.event.name.length + eventDescription(node.event, node.shown, NOW).length + eventAccessibilityLabel(node.event, NOW).length;
  if (hovered) sink += eventTooltipMarkdown(node.event, NOW).length;
}

function renderGroup(node: GroupNode): void {
  sink += groupLabel(node).length + node.id.length;
}

/** Root items, then the biggest group opened level by level down to its event items. */
function buildAndExpand(events: readonly TrailEvent[], groupBy: GroupByKey): number {
  const visible = applyViewFilter(events, NO_FILTER);
  let level: (GroupNode | EventNode | MessageNode)[] = buildLevel(visible, GROUPING_LEVELS[groupBy], 0, '');
  let rendered = 0;
  let total = 0;
  for (;;) {
    let biggest: GroupNode | undefined;
    rendered = 0;
    for (const node of level) {
      rendered++;
      if (node.kind === 'event') renderEvent(node, rendered === 1);
      else if (node.kind === 'message') sink += node.label.length;
      else {
        renderGroup(node);
        if (!biggest || node.count > biggest.count) biggest = node;
      }
    }
    total += rendered;
    if (!biggest) return total;
    level = groupChildren(biggest);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const events = sampleEvents();
  const unsorted = shuffled(events);
  console.log(`treeGrouping: ${events.length.toLocaleString('en-US')} events, median of ${RUNS} runs`);
  const baseline: number[] = [];
  const perGrouping = new Map<GroupByKey, number[]>(Object.keys(GROUPING_LEVELS).map((k) => [k as GroupByKey, []]));
  let rendered = new Map<GroupByKey, number>();
  // Interleave the runs so machine noise hits baseline and tree alike.
  for (let run = 0; run < RUNS + 2; run++) {
    const sortMs = time(() => {
      sink += [...unsorted].sort((a, b) => b.time - a.time).length;
    });
    if (run >= 2) baseline.push(sortMs);
    for (const [key, samples] of perGrouping) {
      let count = 0;
      const ms = time(() => {
        count = buildAndExpand(events, key);
      });
      if (run >= 2) samples.push(ms);
      rendered = rendered.set(key, count);
    }
  }
  const base = median(baseline);
  console.log(`  baseline Array.prototype.sort: ${base.toFixed(2)} ms`);
  for (const [key, samples] of perGrouping) {
    const ms = median(samples);
    console.log(`  group by ${key.padEnd(9)} root + one group expanded (${String(rendered.get(key)).padStart(5)} items rendered): ${ms.toFixed(2)} ms = ${(ms / base).toFixed(2)}× the sort`);
  }
  if (sink === 0) console.log('(unreachable)');
}

main();
