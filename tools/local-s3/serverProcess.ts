/**
 * The local S3 server in a child process of its own, filled with the sample trail bucket: a
 * benchmark's client then has its main thread to itself, as against real S3. Started by
 * {@link startLocalS3Process}; the parent asks for the request count and resets it over IPC.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { startLocalS3 } from './server';
import { fillTrailBucket, type TrailBucketFill } from './trailBucket';

/** What the child reports once the bucket is filled. */
export interface LocalS3ProcessInfo {
  readonly url: string;
  readonly bucket: string;
  readonly organizationId: string;
  readonly accounts: readonly string[];
  readonly logFiles: number;
  readonly records: number;
  /** The log files' JSON text, uncompressed (the size an archive's "500 MB" means). */
  readonly jsonBytes: number;
}

/** The running child. */
export interface LocalS3Process extends LocalS3ProcessInfo {
  /** Requests answered since the start or the last reset. */
  requests(): Promise<number>;
  /** The server process's CPU time (user + system, ms) since it started: it shares the machine's cores with the client. */
  cpuMs(): Promise<number>;
  resetRequests(): Promise<void>;
  close(): Promise<void>;
}

interface Reply { id: number; requests?: number; cpuMs?: number }

/** Forks the server (this compiled module is also the child's entry) and waits until it is filled. */
export async function startLocalS3Process(options: { latencyMs: number; fill: TrailBucketFill }): Promise<LocalS3Process> {
  const child = fork(join(__dirname, 'serverProcess.js'), ['--child', JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  const info = await new Promise<LocalS3ProcessInfo>((resolve, reject) => {
    child.once('message', (m) => { resolve(m as LocalS3ProcessInfo); });
    child.once('exit', (code) => { reject(new Error(`the local S3 process exited (${String(code)}) before it was ready`)); });
  });
  let next = 0;
  const ask = (command: string): Promise<Reply> =>
    new Promise((resolve) => {
      const id = next++;
      const onReply = (m: unknown): void => {
        if ((m as Reply).id !== id) return;
        child.off('message', onReply);
        resolve(m as Reply);
      };
      child.on('message', onReply);
      child.send({ id, command });
    });
  return {
    ...info,
    requests: async () => (await ask('requests')).requests ?? 0,
    cpuMs: async () => (await ask('cpu')).cpuMs ?? 0,
    resetRequests: async () => { await ask('reset'); },
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function child(options: { latencyMs: number; fill: TrailBucketFill }): Promise<void> {
  const server = await startLocalS3({ latencyMs: options.latencyMs });
  const contents = fillTrailBucket(server, options.fill);
  const records = [...contents.recordsByKey.values()].reduce((n, r) => n + r.length, 0);
  const jsonBytes = [...contents.recordsByKey.values()].reduce((n, r) => n + Buffer.byteLength(JSON.stringify({ Records: r })), 0);
  process.on('message', (m: { id: number; command: string }) => {
    if (m.command === 'reset') server.resetRequests();
    const cpu = process.cpuUsage();
    process.send?.({ id: m.id, requests: server.requests.length, cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
  const info: LocalS3ProcessInfo = { url: server.url, bucket: contents.bucket, organizationId: contents.organizationId, accounts: contents.accounts, logFiles: contents.logKeys.length, records, jsonBytes };
  process.send?.(info);
}

if (process.argv[2] === '--child' && process.send !== undefined) void child(JSON.parse(process.argv[3] ?? '{}') as { latencyMs: number; fill: TrailBucketFill });
