/**
 * Exporting 20,000 events: the console-column CSV (with formula neutralization and RFC 4180 quoting)
 * and the JSON records export, against a plain `JSON.stringify` of the raw records measured in the
 * same run. Also the results timeline (bucketing) and the CSV parser reading the export back.
 * Prints each as a ratio to the baseline (median of RUNS).
 */
import { eventsToConsoleCsv, eventsToRecordsJson, parseCsvRows } from '../src/core/csv';
import { normalizeRecord } from '../src/core/event';
import type { TrailEvent } from '../src/core/model';
import { buildTimeline } from '../src/core/timelineBuckets';
import { generateSampleRecords } from '../tools/sample-data/generate';

const COUNT = 20_000;
const RUNS = 9;
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

function sampleEvents(): TrailEvent[] {
  const { records } = generateSampleRecords({ now: NOW, seed: 5, backgroundEvents: COUNT });
  const events: TrailEvent[] = [];
  for (const record of records) {
    const result = normalizeRecord(record);
    if (result.ok) events.push(result.event);
  }
  return events.slice(-COUNT);
}

function median(work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] ?? 0;
}

const events = sampleEvents();
const csv = eventsToConsoleCsv(events);
const baseline = median(() => JSON.stringify(events.map((e) => e.raw)));
const rows: [string, number][] = [
  ['CSV export (console columns)', median(() => eventsToConsoleCsv(events))],
  ['JSON records export', median(() => eventsToRecordsJson(events))],
  ['CSV parse back', median(() => parseCsvRows(csv))],
  ['timeline (7 days, 60 bars)', median(() => buildTimeline(events, NOW - 7 * 86_400_000, NOW))],
];
console.log(`${events.length} events; baseline JSON.stringify(records) ${baseline.toFixed(1)} ms (median of ${RUNS})`);
for (const [name, ms] of rows) console.log(`  ${name.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms  ×${(ms / baseline).toFixed(2)} baseline`);
