/**
 * Runs Terraform to read a remote backend's state — the one case where local files cannot answer.
 * Only on the user's opt-in and in a trusted workspace (the caller checks both): the backend
 * configuration comes from the workspace, and Terraform signs requests to it with the user's
 * credentials. The binary comes from PATH and is refused when it lies inside a workspace folder;
 * the run has a timeout, stops on an AbortSignal (the whole process group is killed) and is
 * logged. Its output is parsed, never shown: stderr can carry credentials.
 */
import { spawn } from 'node:child_process';
import { access, constants, realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** What to run: `terraform state pull` (raw state; loads no provider plugin) or `terraform show -json`. */
export type TerraformReadCommand = 'statePull' | 'showJson';

/** Options of {@link runTerraformJson}. */
export interface TerraformRunOptions {
  /** The root module directory (where `terraform init` ran). */
  readonly cwd: string;
  /** Every workspace folder: a binary inside any of them is never run. */
  readonly workspaceFolders: readonly string[];
  readonly command?: TerraformReadCommand;
  readonly signal?: AbortSignal;
  /** Default 60 s. */
  readonly timeoutMs?: number;
  /** Largest output accepted, in bytes (default 256 MB). */
  readonly maxOutputBytes?: number;
  /** The environment to run with and to search PATH in (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** One line per step: which binary, where, how it ended. */
  readonly log: (message: string) => void;
}

/** The answer of {@link runTerraformJson}. */
export type TerraformRunResult =
  | { readonly ok: true; readonly json: unknown; readonly binary: string; readonly elapsedMs: number }
  | { readonly ok: false; readonly reason: string; readonly cancelled?: true; readonly timedOut?: true };

/** The answer of {@link resolveTerraformBinary}. */
export type BinaryResult = { readonly ok: true; readonly binary: string } | { readonly ok: false; readonly reason: string; readonly refused: readonly string[] };

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;
const KILL_GRACE_MS = 2_000;

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The first `terraform` on PATH that is executable and, symlinks resolved, outside every workspace
 * folder. Empty and relative PATH entries are skipped (they would resolve inside the module).
 */
export async function resolveTerraformBinary(env: NodeJS.ProcessEnv, workspaceFolders: readonly string[], platform: NodeJS.Platform = process.platform): Promise<BinaryResult> {
  const pathValue = env.PATH ?? env.Path ?? '';
  const names = platform === 'win32' ? ['terraform.exe', 'terraform.cmd', 'terraform.bat'] : ['terraform'];
  const roots = await Promise.all(workspaceFolders.map((f) => realpath(f).catch(() => path.resolve(f))));
  const refused: string[] = [];
  for (const entry of pathValue.split(path.delimiter)) {
    if (entry === '' || !path.isAbsolute(entry)) continue;
    for (const name of names) {
      const candidate = path.join(entry, name);
      const ok = await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK).then(
        () => true,
        () => false,
      );
      if (!ok) continue;
      const real = await realpath(candidate).catch(() => candidate);
      if (roots.some((root) => inside(root, real) || inside(root, path.resolve(entry)))) {
        refused.push(candidate);
        continue;
      }
      return { ok: true, binary: real };
    }
  }
  if (refused.length > 0) return { ok: false, reason: `the only terraform on PATH is inside the workspace (${refused.join(', ')}); it is never run`, refused };
  return { ok: false, reason: 'terraform is not on PATH', refused };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid, signal);
    else process.kill(-pid, signal); // the child leads its own group: this reaches providers and helpers too
  } catch {
    // already gone
  }
}

const ARGS: Readonly<Record<TerraformReadCommand, readonly string[]>> = {
  statePull: ['state', 'pull'],
  showJson: ['show', '-json', '-no-color'],
};

/** Runs Terraform to print state as JSON, and parses it. Never throws. */
export async function runTerraformJson(options: TerraformRunOptions): Promise<TerraformRunResult> {
  const env = options.env ?? process.env;
  const command = options.command ?? 'statePull';
  if (options.signal?.aborted === true) return { ok: false, reason: 'cancelled', cancelled: true };
  const resolved = await resolveTerraformBinary(env, options.workspaceFolders);
  if (!resolved.ok) {
    options.log(`terraform: ${resolved.reason}`);
    return { ok: false, reason: resolved.reason };
  }
  const args = ARGS[command];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  options.log(`terraform: running ${resolved.binary} ${args.join(' ')} in ${options.cwd} (timeout ${Math.round(timeoutMs / 1000)} s)`);
  const started = Date.now();
  return new Promise<TerraformRunResult>((resolve) => {
    const child = spawn(resolved.binary, args, {
      cwd: options.cwd,
      env: { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderrBytes = 0;
    let stop: { reason: string; cancelled?: true; timedOut?: true } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const terminate = (why: NonNullable<typeof stop>): void => {
      if (stop !== undefined) return;
      stop = why;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        killGroup(child.pid, 'SIGKILL');
      }, KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      terminate({ reason: `terraform ${args.join(' ')} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`, timedOut: true });
    }, timeoutMs);
    const onAbort = (): void => {
      terminate({ reason: 'cancelled', cancelled: true });
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) terminate({ reason: `terraform printed more than ${Math.round(maxOutput / 1048576)} MB` });
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrBytes += chunk.length;
    });
    const finish = (result: TerraformRunResult, note: string): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Helpers the run started (provider plugins) must not outlive it.
      killGroup(child.pid, 'SIGKILL');
      if (killTimer) clearTimeout(killTimer);
      options.log(`terraform: ${note} after ${Date.now() - started} ms (${size} bytes of output, ${stderrBytes} bytes on stderr, not shown: it can contain credentials)`);
      resolve(result);
    };
    child.on('error', (err) => {
      finish({ ok: false, reason: `terraform could not be started: ${err.message}` }, 'failed to start');
    });
    child.on('exit', () => {
      // A helper that inherited stdout would hold 'close' back; after a short wait it is stopped.
      setTimeout(() => {
        killGroup(child.pid, 'SIGKILL');
      }, 1_000).unref();
    });
    child.on('close', (code, signal) => {
      if (stop !== undefined) {
        finish({ ok: false, ...stop }, stop.cancelled ? 'cancelled' : 'stopped');
        return;
      }
      if (code !== 0) {
        finish({ ok: false, reason: `terraform ${args.join(' ')} failed with ${code === null ? `signal ${signal ?? '?'}` : `exit ${code}`}` }, `exit ${code ?? signal ?? '?'}`);
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') {
        finish({ ok: false, reason: 'terraform printed no state (nothing applied yet?)' }, 'exit 0, empty');
        return;
      }
      try {
        finish({ ok: true, json: JSON.parse(text) as unknown, binary: resolved.binary, elapsedMs: Date.now() - started }, 'exit 0');
      } catch {
        finish({ ok: false, reason: 'terraform printed something that is not JSON' }, 'exit 0, not JSON');
      }
    });
  });
}
