/**
 * Archive queries that return ALL matches (issue 20), side by side in one run over the same
 * generated archive (≥ 500 MB of JSON as gzipped files in the AWS layout, deleted afterwards):
 *
 * - first query over a never-opened folder, each of the five shapes below: the persisted store (a
 *   text search when the filters give a literal, else the index; then the answer) vs DuckDB reading
 *   the same .json.gz files directly — target ≤ 1.5×;
 * - repeat queries on the five shapes (EventName, Username, EventSource + ReadOnly, ResourceName,
 *   wildcard + errors only): the store vs `zcat | jq` (target ≥ 50× faster) and vs a DuckDB
 *   in-memory table (target ≤ 2× its time);
 * - reopening the archive with the persisted store vs today's full re-index — target ≤ 2 s.
 *
 * Every engine returns the same answer for each shape: every matching event's id, time, name,
 * source, region, user, read-only flag and error code (jq prints the whole records). The run fails
 * when two engines disagree on the matching ids.
 *
 *   npm run bench:archive [-- --mb 500]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createArchiveEventSource } from '../src/archive/archiveEventSource';
import { folderLocator, openStoredFolder } from '../src/archive/store/storedFolderSource';
import { queryColumns } from '../src/archive/store/storeColumns';
import { TrailStore } from '../src/archive/store/trailStore';
import type { EventQuery } from '../src/core/query';
import { generate } from './trailArchiveData';
import { runMain } from './runMain';

interface Shape {
  readonly name: string;
  readonly query: Partial<EventQuery>;
  readonly jq: string;
  readonly sql: string;
}

const DB_ARN = 'arn:aws:rds:eu-west-1:111122223333:db:db-7';
const SHAPES: readonly Shape[] = [
  { name: 'EventName', query: { filters: [{ key: 'EventName', value: 'DeleteDBInstance' }] }, jq: '.eventName == "DeleteDBInstance"', sql: "eventName = 'DeleteDBInstance'" },
  { name: 'Username', query: { filters: [{ key: 'Username', value: 'mallory' }] }, jq: '.userIdentity.userName == "mallory"', sql: "userIdentity.userName = 'mallory'" },
  {
    name: 'EventSource + ReadOnly',
    query: { filters: [{ key: 'EventSource', value: 'iam.amazonaws.com' }, { key: 'ReadOnly', value: 'false' }] },
    jq: '.eventSource == "iam.amazonaws.com" and .readOnly == false',
    sql: "eventSource = 'iam.amazonaws.com' AND readOnly = false",
  },
  { name: 'ResourceName', query: { filters: [{ key: 'ResourceName', value: DB_ARN }] }, jq: `any(.resources[]?; .ARN == "${DB_ARN}")`, sql: `list_contains(list_transform(resources, r -> r.ARN), '${DB_ARN}')` },
  { name: 'wildcard + errors only', query: { filters: [{ key: 'EventName', value: 'Delete*' }], errorsOnly: true }, jq: '(.eventName | startswith("Delete")) and .errorCode != null', sql: "eventName LIKE 'Delete%' AND errorCode IS NOT NULL" },
];

const everything = (shape: Shape): EventQuery => ({ regions: [], filters: [], start: 0, end: Date.UTC(2100, 0, 1), includeReadOnly: true, maxEvents: 1_000_000, ...shape.query });
const COLUMNS = 'eventID, eventTime, eventName, eventSource, awsRegion, userIdentity.userName AS userName, readOnly, errorCode';

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function jqIds(root: string, filter: string): { ms: number; ids: string[] } {
  const started = performance.now();
  const run = spawnSync('bash', ['-c', `set -o pipefail; find "$1" -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -c '.Records[] | select(${filter})'`, 'jq-bench', root], { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`jq pipeline failed: ${run.stderr}`);
  const ids = run.stdout.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { eventID: string }).eventID);
  return { ms: performance.now() - started, ids };
}

const sortedIds = (ids: Iterable<string>): string => [...ids].sort().join(',');
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const x = (r: number): string => `${r.toFixed(r < 10 ? 2 : 0)}×`;

async function main(): Promise<number> {
  const mbArg = process.argv.indexOf('--mb');
  const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 500;
  if (spawnSync('jq', ['--version']).status !== 0) {
    console.error('FAIL: jq is not installed; the baseline cannot be measured.');
    return 1;
  }
  const root = mkdtempSync(join(tmpdir(), 'ct-archive-bench-'));
  const storePath = join(root, 'store.sqlite');
  const logs = join(root, 'logs');
  const misses: string[] = [];
  const check = (what: string, ok: boolean): void => {
    if (!ok) misses.push(what);
    console.log(`  ${ok ? 'ok  ' : 'MISS'} ${what}`);
  };
  try {
    const gen = generate(logs, targetMb * 1024 * 1024);
    console.log(`archive: ${gen.files} files, ${gen.records.toLocaleString('en-US')} records, ${(gen.bytes / 2 ** 20).toFixed(0)} MB of JSON (${(gen.gzBytes / 2 ** 20).toFixed(0)} MB gzipped)`);
    const glob = join(logs, '**', '*.json.gz');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const readJson = `read_json('${glob}', maximum_object_size = 1073741824)`;
    const first = SHAPES[0];

    // First query over a never-opened folder, each shape: a store of its own (the first one's is kept for
    // the reopen and the repeat queries), DuckDB's direct read of the files just before it.
    console.log('\nfirst query over a never-opened folder, all matches (store: text search when the filters give a literal, then index behind)');
    for (const [i, shape] of SHAPES.entries()) {
      const duckDirect = await timed(async () => (await duck.runAndReadAll(`SELECT ${COLUMNS} FROM (SELECT unnest(Records, max_depth := 2) FROM ${readJson}) WHERE ${shape.sql} ORDER BY eventTime DESC`)).getRows());
      const firstStore = TrailStore.open(i === 0 ? storePath : join(root, `first-${i}.sqlite`));
      const firstSource = await openStoredFolder([logs], { store: firstStore });
      const ours = await timed(async () => (await firstSource.query(everything(shape))).events);
      // The index behind the answer finishes before the next shape is timed.
      const indexing = await timed(() => firstSource.indexAll());
      firstStore.close();
      console.log(`  ${shape.name.padEnd(24)} ${String(ours.value.length).padStart(6)} matches: store ${s(ours.ms)}, DuckDB read_json of the .gz files ${s(duckDirect.ms)}, ratio ${x(ours.ms / duckDirect.ms)} (target ≤ 1.5×); indexing behind took ${s(indexing.ms)} more`);
      check(`${shape.name}: first query ≤ 1.5× DuckDB direct read`, ours.ms <= 1.5 * duckDirect.ms);
      if (sortedIds(ours.value.map((r) => r.id)) !== sortedIds(duckDirect.value.map((r) => String(r[0])))) throw new Error(`${shape.name}: the store and DuckDB disagree on the first query`);
    }

    // Reopen with the persisted store vs today's full re-index.
    // What a view does on reopen: open the folder and load its first 1,000 events.
    const reopen = await timed(async () => {
      const store = TrailStore.open(storePath);
      const source = await openStoredFolder([logs], { store });
      const result = await source.query({ ...everything(first), maxEvents: 1000 });
      const opened = source.openedPaths.size;
      store.close();
      return { events: result.events.length, opened };
    });
    const reindex = await timed(async () => {
      const source = await createArchiveEventSource([logs], { indexAll: true });
      return (await source.query({ ...everything(first), maxEvents: 1000 })).events.length;
    });
    console.log(`\nreopen the ${(gen.bytes / 2 ** 20).toFixed(0)} MB archive and show the first ${reopen.value.events} ${first.name} events (${reopen.value.opened} files read)`);
    console.log(`  store ${s(reopen.ms)}; today's full re-index ${s(reindex.ms)}; ratio ${x(reindex.ms / reopen.ms)} faster (target ≤ 2 s)`);
    check('reopen ≤ 2 s', reopen.ms <= 2000 && reopen.value.opened === 0);

    // Repeat queries: every shape, all matches.
    await duck.run(`CREATE TABLE trail AS SELECT unnest(Records, max_depth := 2) FROM ${readJson}`);
    const store = TrailStore.open(storePath);
    const sourceId = store.sourceId(folderLocator([logs]), 'folder');
    console.log('\nrepeat queries, all matches (median of 5 runs; jq once)');
    for (const shape of SHAPES) {
      const runs: number[] = [];
      const duckRuns: number[] = [];
      let ids: string[] = [];
      let duckIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = await timed(() => queryColumns(store, sourceId, everything(shape)));
        const b = await timed(async () => (await duck.runAndReadAll(`SELECT ${COLUMNS} FROM trail WHERE ${shape.sql} ORDER BY eventTime DESC`)).getRows());
        runs.push(a.ms);
        duckRuns.push(b.ms);
        ids = a.value.map((r) => r.id);
        duckIds = b.value.map((r) => String(r[0]));
      }
      const jq = jqIds(logs, shape.jq);
      if (sortedIds(ids) !== sortedIds(jq.ids) || sortedIds(ids) !== sortedIds(duckIds)) throw new Error(`${shape.name}: store ${ids.length}, jq ${jq.ids.length}, DuckDB ${duckIds.length} matches`);
      const median = (v: number[]): number => [...v].sort((p, q) => p - q)[2] ?? 0;
      const [m, d] = [median(runs), median(duckRuns)];
      console.log(`  ${shape.name.padEnd(24)} ${String(ids.length).padStart(6)} matches: store ${m.toFixed(1)} ms, DuckDB table ${d.toFixed(1)} ms (${x(m / d)}, target ≤ 2×), zcat | jq ${s(jq.ms)} (${x(jq.ms / m)} faster, target ≥ 50×)`);
      check(`${shape.name}: ≥ 50× jq`, jq.ms / m >= 50);
      check(`${shape.name}: ≤ 2× DuckDB table`, m <= 2 * d);
    }
    // The product path: the same answers as normalized events through the source API.
    const source = await openStoredFolder([logs], { store });
    const events = await timed(() => source.query(everything(first)));
    console.log(`\n  (the source API builds full events for all ${events.value.events.length} ${first.name} matches in ${events.ms.toFixed(0)} ms; views ask for 1000 at a time)`);
    store.close();
    return misses.length > 0 ? 1 : 0;
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

runMain(main);
