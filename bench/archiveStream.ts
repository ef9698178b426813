/**
 * Benchmark for streaming trail files (issue 13): one real-shaped log file of about 200 MB
 * (CloudTrail's one-line `{"Records":[…]}`, gzipped; the documentation's real records cycled with
 * unique ids), ingested into the archive index
 *   - baseline: the whole-file reader this project had before (read, gunzip, JSON.parse the whole
 *     text, normalize, index) — rebuilt here from the same core functions,
 *   - streaming: today's archive source (`createArchiveEventSource(…, { indexAll: true })`).
 * Each runs in its own process so its peak RSS is its own. Then the same two readers over a folder of
 * many small log files (CloudTrail writes one every 5 minutes per region: mostly tens of KB), where
 * the per-file cost is what counts. Each reader runs 5 times per case (`--runs`), alternating; prints
 * the best times, peak RSS and the ratios (and the medians), and fails (exit 1) when
 * the streaming peak RSS is over 300 MB or either case ingests slower than baseline.
 *
 *   npm run bench:stream [-- --mb 200 --files 2000 --runs 5]   (--mb 0: only the small files)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createArchiveEventSource } from '../src/archive/archiveEventSource';
import { EventIndex } from '../src/archive/eventIndex';
import { normalizeRecord } from '../src/core/event';

const FIXTURE = resolve(__dirname, '../../test/fixtures/records.jsonl');
const MAX_RSS_MB = 300;

interface Measure {
  readonly events: number;
  readonly ms: number;
  /** CPU time of the process (user + system, every thread), less sensitive to other load than `ms`. */
  readonly cpuMs: number;
  /** CPU time of the main thread alone (Node ≥ 22 `process.threadCpuUsage`; else the process's). */
  readonly mainCpuMs: number;
  readonly peakRssMb: number;
}

function samples(): Record<string, unknown>[] {
  return readFileSync(FIXTURE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { record: Record<string, unknown> }).record);
}

/** The fixture's records cycled from record `from`, each with its own id and time, up to `targetBytes` of JSON. */
function records(from: number, targetBytes: number, pool: readonly Record<string, unknown>[]): string[] {
  const parts: string[] = [];
  let bytes = '{"Records":[]}'.length;
  for (let n = from; bytes < targetBytes; n++) {
    const base = pool[n % pool.length] ?? {};
    const record = { ...base, eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, eventTime: new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString().replace('.000', '') };
    const text = JSON.stringify(record);
    parts.push(text);
    bytes += text.length + 1;
  }
  return parts;
}

/** Writes the one big file. */
function generate(path: string, targetMb: number): { records: number; bytes: number } {
  const parts = records(0, targetMb * 1024 * 1024, samples());
  writeFileSync(path, gzipSync(`{"Records":[${parts.join(',')}]}`, { level: 6 }));
  return { records: parts.length, bytes: parts.reduce((n, p) => n + p.length + 1, 0) };
}

/** Writes `count` small log files of about 40 KB of JSON each, in the AWS layout. */
function generateSmall(dir: string, count: number): { records: number; gzBytes: number } {
  const pool = samples();
  const folder = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '01', '01');
  mkdirSync(folder, { recursive: true });
  let total = 0;
  let gzBytes = 0;
  for (let f = 0; f < count; f++) {
    const parts = records(total, 40 * 1024, pool);
    total += parts.length;
    const minute = String(f).padStart(5, '0');
    const body = gzipSync(`{"Records":[${parts.join(',')}]}`, { level: 6 });
    gzBytes += body.length;
    writeFileSync(join(folder, `111122223333_CloudTrail_us-east-1_20240101T0000Z_small${minute}.json.gz`), body);
  }
  return { records: total, gzBytes };
}

/** Every .json.gz under `path` (or the file itself). */
function logFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json.gz')).sort().map((f) => join(path, f));
}

/** The reader before streaming: each whole file in memory as one string, then one JSON.parse. */
function baseline(path: string): number {
  const index = new EventIndex();
  logFiles(path).forEach((file, fileId) => {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] };
    doc.Records.forEach((raw, i) => {
      const result = normalizeRecord(raw, i);
      if (result.ok) index.add(result.event, { fileId, recordIndex: i });
    });
  });
  return index.size;
}

async function streaming(path: string): Promise<number> {
  const source = await createArchiveEventSource([path], { indexAll: true });
  if (source.problems.length > 0) throw new Error(JSON.stringify(source.problems));
  return source.stats().events;
}

/**
 * This process's own peak RSS. Linux keeps `maxRSS` across exec, so a child's would include the
 * RSS its parent (this bench, holding the generated file) had when it spawned it; `VmHWM` is the
 * high-water mark of the child's own memory only.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: maxRSS below
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function child(mode: string, path: string): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const threadCpu = (process as { threadCpuUsage?: (since?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage?.bind(process) ?? ((since?: NodeJS.CpuUsage) => process.cpuUsage(since));
  const mainCpu = threadCpu();
  const events = mode === 'baseline' ? baseline(path) : await streaming(path);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const main = threadCpu(mainCpu);
  const measure: Measure = { events, ms, cpuMs: (used.user + used.system) / 1000, mainCpuMs: (main.user + main.system) / 1000, peakRssMb: peakRssMb() };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

function run(mode: string, path: string): Measure {
  const out = spawnSync(process.execPath, [__filename, '--child', mode, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`${mode} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await child(args[1] ?? '', args[2] ?? '');
    return 0;
  }
  const mbAt = args.indexOf('--mb');
  const mb = mbAt >= 0 ? Number(args[mbAt + 1]) : 200;
  const filesAt = args.indexOf('--files');
  const smallFiles = filesAt >= 0 ? Number(args[filesAt + 1]) : 2000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-stream-'));
  try {
    let big = { ok: true, rss: 0 };
    if (mb > 0) {
      const path = join(dir, '111122223333_CloudTrail_us-east-1_20240101T0000Z_bench.json.gz');
      const { records: count, bytes } = generate(path, mb);
      console.log(`one log file: ${count.toLocaleString('en-US')} records, ${(bytes / 1048576).toFixed(0)} MB of JSON, ${(statSync(path).size / 1048576).toFixed(0)} MB gzipped`);
      big = compare(path);
      rmSync(path);
    }
    const small = generateSmall(dir, smallFiles);
    console.log(`\n${smallFiles.toLocaleString('en-US')} small log files: ${small.records.toLocaleString('en-US')} records, ${(small.gzBytes / smallFiles / 1024).toFixed(0)} KB gzipped each`);
    const many = compare(dir);
    const ok = big.ok && many.ok && big.rss <= MAX_RSS_MB;
    console.log(`\npeak RSS of the one big file, streaming: ${big.rss.toFixed(0)} MB (must be ≤ ${MAX_RSS_MB} MB)`);
    console.log(ok ? 'PASS' : 'FAIL');
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of each reader per case (`--runs N`): the best of several is the readers' own cost, not the VM's moods. */
const RUNS = ((): number => {
  const at = process.argv.indexOf('--runs');
  return at >= 0 ? Math.max(1, Number(process.argv[at + 1])) : 5;
})();

/** The best (lowest) of each measure over several runs, and the median time. */
function best(runs: readonly Measure[]): { ms: number; medianMs: number; cpuMs: number; mainCpuMs: number; rss: number; events: number } {
  const min = (f: (m: Measure) => number): number => Math.min(...runs.map(f));
  const sorted = runs.map((m) => m.ms).sort((a, b) => a - b);
  return { ms: min((m) => m.ms), medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, cpuMs: min((m) => m.cpuMs), mainCpuMs: min((m) => m.mainCpuMs), rss: Math.max(...runs.map((m) => m.peakRssMb)), events: runs[0]?.events ?? 0 };
}

/**
 * Runs both readers {@link RUNS} times over `path`, alternating (baseline first, then streaming
 * first, …, so neither side always runs on a warm page cache or in the same phase of the machine),
 * and prints the best times side by side, and the medians.
 */
function compare(path: string): { ok: boolean; rss: number } {
  const baseRuns: Measure[] = [];
  const streamRuns: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      baseRuns.push(run('baseline', path));
      streamRuns.push(run('streaming', path));
    } else {
      streamRuns.push(run('streaming', path));
      baseRuns.push(run('baseline', path));
    }
  }
  const base = best(baseRuns);
  const stream = best(streamRuns);
  const row = (label: string, m: { ms: number; cpuMs: number; mainCpuMs: number; rss: number; events: number }): string =>
    `${label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(6)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s, main thread ${(m.mainCpuMs / 1000).toFixed(2)} s)  ${Math.round((m.events / m.ms) * 1000).toLocaleString('en-US').padStart(9)} events/s  peak RSS ${m.rss.toFixed(0).padStart(5)} MB`;
  console.log(row('baseline (whole file, JSON.parse)', base));
  console.log(row('streaming (archive source)', stream));
  const speed = base.ms / stream.ms;
  console.log(`ingest speed streaming/baseline, best of ${RUNS} runs each: ${speed.toFixed(2)}x (must be ≥ 1.00); time ${(stream.ms / base.ms).toFixed(2)}x, CPU ${(stream.cpuMs / base.cpuMs).toFixed(2)}x; medians ${(base.medianMs / stream.medianMs).toFixed(2)}x`);
  console.log(`  every run, baseline: ${baseRuns.map((m) => (m.ms / 1000).toFixed(2)).join(' ')} s; streaming: ${streamRuns.map((m) => (m.ms / 1000).toFixed(2)).join(' ')} s`);
  console.log(`peak RSS streaming/baseline: ${(stream.rss / base.rss).toFixed(2)}x`);
  if (stream.events !== base.events) console.error(`event counts differ: ${stream.events} vs ${base.events}`);
  return { ok: stream.events === base.events && speed >= 1, rss: stream.rss };
}

void main().then((code) => {
  process.exitCode = code;
});
