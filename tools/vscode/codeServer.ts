import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, createWriteStream } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerCacheDir, runsDir } from './paths';
import { onInterrupt, runToCompletion, spawnGroup, type GroupProcess } from './processGroup';

/** The newest code-server that runs on Node 20 (VS Code 1.100); see docs in tools/vscode/README.md. */
export const CODE_SERVER_VERSION = '4.100.3';

const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function codeServerBin(cacheDir: string): string {
  return path.join(cacheDir, 'node_modules', '.bin', 'code-server');
}

function installedVersion(cacheDir: string): string | undefined {
  const bin = codeServerBin(cacheDir);
  if (!existsSync(bin)) return undefined;
  const home = mkdtempSync(path.join(os.tmpdir(), 'cti-code-server-home-'));
  try {
    // A first run writes a config file under HOME and logs that before the version: keep both out of the way.
    const output = execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: home } });
    return /^(\d+\.\d+\.\d+) /m.exec(output)?.[1];
  } catch {
    return undefined;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Fails with the apt-get line to run when a Debian prerequisite of the code-server install is absent. */
function checkInstallPrerequisites(): string {
  const rg = which('rg');
  const missing: string[] = [];
  if (!rg) missing.push('ripgrep');
  if (!which('pkg-config')) missing.push('pkg-config');
  if (!which('krb5-config') && !existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length > 0 || !rg) {
    throw new Error(`code-server install needs Debian packages: apt-get install -y ${missing.join(' ')}`);
  }
  return rg;
}

/**
 * Installs code-server into `cacheDir` unless that exact version is already there, and returns the
 * path of its launcher. The five workarounds for this machine are documented in tools/vscode/README.md.
 */
export async function ensureCodeServer(cacheDir = codeServerCacheDir): Promise<string> {
  const bin = codeServerBin(cacheDir);
  if (installedVersion(cacheDir) === CODE_SERVER_VERSION) return bin;
  const rg = checkInstallPrerequisites();
  mkdirSync(cacheDir, { recursive: true });
  const tmp = mkdtempSync(path.join(cacheDir, 'install-tmp-'));
  try {
    // @vscode/ripgrep downloads from GitHub unless its cache already holds the tarball: give it Debian's rg.
    const rgDir = path.join(tmp, 'rg');
    mkdirSync(rgDir);
    copyFileSync(rg, path.join(rgDir, 'rg'));
    mkdirSync(path.join(tmp, RIPGREP_CACHE));
    execFileSync('tar', ['czf', path.join(tmp, RIPGREP_CACHE, RIPGREP_TARBALL), '-C', rgDir, 'rg']);
    const started = Date.now();
    console.log(`[code-server] installing ${CODE_SERVER_VERSION} into ${cacheDir} …`);
    await runToCompletion('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', cacheDir, `code-server@${CODE_SERVER_VERSION}`], {
      env: {
        ...process.env,
        TMPDIR: tmp,
        npm_config_unsafe_perm: 'true', // postinstall.sh refuses to run as root otherwise
        npm_config_yes: 'true', // node-pty runs `npx node-gyp`
        npm_config_nodedir: path.dirname(path.dirname(process.execPath)), // local Node headers, no download
      },
    });
    const version = installedVersion(cacheDir);
    if (version !== CODE_SERVER_VERSION) throw new Error(`code-server install finished but reports version ${String(version)}`);
    console.log(`[code-server] installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return bin;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Options for one code-server run; every folder it writes to lives in a fresh per-run directory. */
export interface CodeServerOptions {
  readonly bin: string;
  /** Folder opened in the workbench. */
  readonly workspace: string;
  /** A label for the run directory and logs. */
  readonly name: string;
  /** User settings written to settings.json before start. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server and its extension hosts. */
  readonly env?: Readonly<Record<string, string>>;
  /** A .vsix installed into the run's extensions folder before start. */
  readonly vsix?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Keep the run directory after stop (for debugging). */
  readonly keepRunDir?: boolean;
  /** Echo the server's output to this process's stdout. */
  readonly echo?: boolean;
}

/** A running code-server. */
export interface CodeServer {
  readonly url: string;
  readonly runDir: string;
  readonly logFile: string;
  readonly process: GroupProcess;
  /** Stops the server's whole process group and removes the run directory unless asked to keep it. */
  stop(options?: { keepRunDir?: boolean }): Promise<void>;
}

/** Settings that keep the workbench quiet and cheap on a 2-core machine. */
const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
};

/** Starts code-server with per-run HOME, TMPDIR, user data and extensions; resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  mkdirSync(runsDir, { recursive: true });
  const runDir = mkdtempSync(path.join(runsDir, `${options.name}-`));
  const dirs = { home: path.join(runDir, 'home'), tmp: path.join(runDir, 'tmp'), userData: path.join(runDir, 'user-data'), extensions: path.join(runDir, 'extensions') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2));

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_DATA_HOME: path.join(dirs.home, '.local', 'share') };
  // The user's own VS Code / code-server variables must not leak into the run.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.PASSWORD;
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.vsix) {
    await runToCompletion(options.bin, [...common, '--install-extension', options.vsix], { env, stdio: options.echo ? 'inherit' : 'ignore' });
  }

  const port = options.port && options.port > 0 ? options.port : await freePort();
  const logFile = path.join(runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const server = spawnGroup(options.bin, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...common,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    options.workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [server.child.stdout, server.child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (options.echo) process.stdout.write(chunk);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const forget = onInterrupt(() => stop());
  const stop = async (stopOptions: { keepRunDir?: boolean } = {}): Promise<void> => {
    forget();
    await server.stop();
    log.end();
    if (!existsSync(runDir)) return; // stopped twice (Ctrl-C while the runner was finishing)
    if (stopOptions.keepRunDir || options.keepRunDir || process.env.KEEP_RUN_DIR) console.log(`[code-server] run directory kept: ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    await waitForHttp(url, server.exited, 60_000);
  } catch (err) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    await stop();
    throw new Error(`code-server did not start: ${err instanceof Error ? err.message : String(err)}\n${tail}`);
  }
  return { url, runDir, logFile, process: server, stop };
}

/** A free TCP port on 127.0.0.1 (released before use; the race is acceptable for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => { if (address && typeof address === 'object') resolve(address.port); else reject(new Error('no port')); });
    });
  });
}

async function waitForHttp(url: string, exited: Promise<unknown>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const state = { gone: false };
  void exited.then(() => { state.gone = true; });
  while (Date.now() < deadline) {
    if (state.gone) throw new Error('the server exited during start-up');
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(true); });
    req.on('error', () => { resolve(false); });
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}
