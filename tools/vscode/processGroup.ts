import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A child started as the leader of its own process group, so stopping it also stops its descendants. */
export interface GroupProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the leader has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs` if the leader is still alive. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `command` detached (a new process group); code-server leaves extension hosts behind otherwise. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => { resolve(code ?? signal ?? 'unknown'); });
    child.once('error', (err) => { resolve(err.message); });
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 3000): Promise<void> => {
    stopping ??= (async () => {
      signalGroup(child, 'SIGTERM');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => { resolve('timeout'); }, graceMs).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') signalGroup(child, 'SIGKILL');
      // Descendants may outlive the leader (extension hosts): make sure the group is gone.
      signalGroup(child, 'SIGKILL');
      await exited;
    })();
    return stopping;
  };
  return { child, exited, stop };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Runs a command to completion with inherited output; rejects with a clear message on failure. */
export async function runToCompletion(command: string, args: readonly string[], options: SpawnOptions): Promise<void> {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const code = await new Promise<number | string>((resolve) => {
    child.once('exit', (c, s) => { resolve(c ?? s ?? 'unknown'); });
    child.once('error', (err) => { resolve(err.message); });
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(code)})`);
}

const cleanups: (() => Promise<void>)[] = [];
let handlerInstalled = false;

/**
 * Registers `cleanup` to run (newest first) when this process gets Ctrl-C, SIGTERM or SIGHUP, before it
 * exits with 130. Returns a function that unregisters it. Needed because the servers we start live in
 * their own process groups, out of reach of the terminal's signal.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  if (!handlerInstalled) {
    handlerInstalled = true;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        console.error(`\n[${signal}] stopping what this run started …`);
        void (async () => {
          for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
        })().finally(() => process.exit(130));
      });
    }
  }
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}
