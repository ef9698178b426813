import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync, createWriteStream } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_NODE_MAJOR, codeServerNode, withNodeOnPath, type NodeRuntime } from './nodeRuntime';
import { codeServerCacheRoot, runsDir } from './paths';
import { onInterrupt, runToCompletion, spawnGroup, type GroupProcess } from './processGroup';

/**
 * code-server 4.103.2: VS Code 1.103.2 on Node 22, the oldest code-server at or above engines.vscode
 * (^1.101), so the tiers test the floor users may run; see tools/vscode/README.md.
 */
export const CODE_SERVER_VERSION = '4.103.2';

/**
 * The @vscode/ripgrep that this code-server's VS Code pins (lib/vscode/npm-shrinkwrap.json) and the
 * ripgrep release it downloads (VERSION in its lib/postinstall.js): both name its download cache.
 */
const RIPGREP_PACKAGE_VERSION = '1.15.14';
const RIPGREP_RELEASE = 'v13.0.0-13';
const RIPGREP_CACHE = `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`;
const RIPGREP_TARBALL = `ripgrep-${RIPGREP_RELEASE}-x86_64-unknown-linux-musl.tar.gz`;

/**
 * The install folder: its name carries the code-server version and the Node major its native modules
 * were built for, so caches shared across clones (CI) never mix two of them.
 */
export function codeServerInstallDir(root = codeServerCacheRoot): string {
  return path.join(root, `code-server-${CODE_SERVER_VERSION}-node${CODE_SERVER_NODE_MAJOR}`);
}

/** An installed code-server and the Node 22 it runs on. */
export interface CodeServerBinary {
  readonly node: NodeRuntime;
  /** code-server's entry script (what its `bin` link points at). */
  readonly entry: string;
}

function entryScript(installDir: string): string {
  return path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function installedVersion(binary: CodeServerBinary): string | undefined {
  if (!existsSync(binary.entry)) return undefined;
  const home = mkdtempSync(path.join(os.tmpdir(), 'cti-code-server-home-'));
  try {
    // A first run writes a config file under HOME and logs that before the version: keep both out of the way.
    const output = execFileSync(binary.node.bin, [binary.entry, '--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: withNodeOnPath(binary.node, { ...process.env, HOME: home }) });
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

/**
 * Fails with the apt-get line to run when a Debian prerequisite of the code-server install is absent
 * (tools/vscode/prerequisites.mjs installs them first in every npm entry point; this is the backstop).
 */
function checkInstallPrerequisites(): string {
  const rg = which('rg');
  const missing: string[] = [];
  if (!rg) missing.push('ripgrep');
  for (const [bin, pkg] of [['make', 'make'], ['g++', 'g++'], ['python3', 'python3'], ['pkg-config', 'pkg-config']] as const) if (!which(bin)) missing.push(pkg);
  if (!which('krb5-config') && !existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length > 0 || !rg) {
    throw new Error(`code-server install needs Debian packages: apt-get install -y ${missing.join(' ')}`);
  }
  return rg;
}

/**
 * Installs code-server into its versioned folder under the cache unless that exact version is already
 * there, with Node 22 running npm and its headers for the native modules, and returns it. The
 * workarounds for this machine are documented in tools/vscode/README.md.
 */
export async function ensureCodeServer(installDir = codeServerInstallDir()): Promise<CodeServerBinary> {
  const node = codeServerNode();
  const binary: CodeServerBinary = { node, entry: entryScript(installDir) };
  if (installedVersion(binary) === CODE_SERVER_VERSION) return binary;
  const rg = checkInstallPrerequisites();
  mkdirSync(installDir, { recursive: true });
  const tmp = mkdtempSync(path.join(installDir, 'install-tmp-'));
  try {
    // @vscode/ripgrep downloads from GitHub unless its cache already holds the tarball: give it Debian's rg.
    const rgDir = path.join(tmp, 'rg');
    mkdirSync(rgDir);
    copyFileSync(rg, path.join(rgDir, 'rg'));
    mkdirSync(path.join(tmp, RIPGREP_CACHE));
    execFileSync('tar', ['czf', path.join(tmp, RIPGREP_CACHE, RIPGREP_TARBALL), '-C', rgDir, 'rg']);
    const started = Date.now();
    console.log(`[code-server] installing ${CODE_SERVER_VERSION} on Node ${node.version} into ${installDir} …`);
    // npm itself must run on Node 22: code-server's postinstall reads the Node version from npm's user agent.
    await runToCompletion('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', installDir, `code-server@${CODE_SERVER_VERSION}`], {
      env: withNodeOnPath(node, {
        ...process.env,
        TMPDIR: tmp,
        npm_config_unsafe_perm: 'true', // postinstall.sh refuses to run as root otherwise
        npm_config_yes: 'true', // node-pty runs `npx node-gyp`
        npm_config_nodedir: node.nodedir, // Node 22's own headers, no download
      }),
    });
    const version = installedVersion(binary);
    if (version !== CODE_SERVER_VERSION) throw new Error(`code-server install finished but reports version ${String(version)}`);
    console.log(`[code-server] installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return binary;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Options for one code-server run; every folder it writes to lives in a fresh per-run directory. */
export interface CodeServerOptions {
  readonly codeServer: CodeServerBinary;
  /** Folder opened in the workbench. */
  readonly workspace: string;
  /** A label for the run directory and logs. */
  readonly name: string;
  /** User settings, written to `<user-data-dir>/User/settings.json` before start. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * Settings of the machine the extension host runs on, written to `<user-data-dir>/Machine/settings.json`.
   * Machine-scoped settings (cloudtrailInvestigator.endpoint) belong here: in code-server's remote
   * window a machine-scoped value in User settings is dropped as soon as any setting is written.
   */
  readonly machineSettings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server and its extension hosts. */
  readonly env?: Readonly<Record<string, string>>;
  /** A .vsix installed into the run's extensions folder before start. */
  readonly vsix?: string;
  /** 0 or absent picks a free port; a port in use fails before start. */
  readonly port?: number;
  /** Keep the run directory after stop (for debugging). */
  readonly keepRunDir?: boolean;
  /** Echo the server's output to this process's stdout. */
  readonly echo?: boolean;
  /** How long start-up may take (default 60 s). */
  readonly startTimeoutMs?: number;
  /**
   * Run with workspace trust on (no `--disable-workspace-trust`): the folder opens untrusted, in
   * Restricted Mode, until the user trusts it. Every other run keeps trust off.
   */
  readonly workspaceTrust?: boolean;
}

/** A running code-server. */
export interface CodeServer {
  readonly url: string;
  readonly runDir: string;
  readonly logFile: string;
  readonly userDataDir: string;
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

/**
 * Settings of a run with workspace trust on: trust enabled, the start-up prompt shown once per folder
 * (the scenario answers it), the Restricted Mode banner always shown.
 */
const TRUST_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'once',
  'security.workspace.trust.banner': 'always',
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Machine settings of every run: no automatic port forwarding, whose "Your application running on
 * port … is available" toasts would greet the user for the local endpoint.
 */
const BASE_MACHINE_SETTINGS: Readonly<Record<string, unknown>> = {
  'remote.autoForwardPorts': false,
};

function writeSettings(file: string, settings: Readonly<Record<string, unknown>>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Starts code-server with per-run HOME, TMPDIR, user data and extensions; resolves once it serves HTTP on its port. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  // A busy port would let another server answer in its place: refuse it before starting anything.
  const port = options.port && options.port > 0 ? await assertPortFree(options.port) : await freePort();
  mkdirSync(runsDir, { recursive: true });
  const runDir = mkdtempSync(path.join(runsDir, `${options.name}-`));
  const dirs = { home: path.join(runDir, 'home'), tmp: path.join(runDir, 'tmp'), userData: path.join(runDir, 'user-data'), extensions: path.join(runDir, 'extensions') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const trust = options.workspaceTrust === true ? TRUST_SETTINGS : {};
  writeSettings(path.join(dirs.userData, 'User', 'settings.json'), { ...BASE_SETTINGS, ...trust, ...options.settings });
  writeSettings(path.join(dirs.userData, 'Machine', 'settings.json'), { ...BASE_MACHINE_SETTINGS, ...options.machineSettings });

  const { node, entry } = options.codeServer;
  const env = withNodeOnPath(node, { ...process.env, ...options.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_DATA_HOME: path.join(dirs.home, '.local', 'share') });
  // The user's own VS Code / code-server variables must not leak into the run.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.PASSWORD;
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.vsix) {
    await runToCompletion(node.bin, [entry, ...common, '--install-extension', options.vsix], { env, stdio: options.echo ? 'inherit' : 'ignore' });
  }

  const logFile = path.join(runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  // Extension hosts are forked from the server with its Node: Node 22 all the way down.
  const server = spawnGroup(node.bin, [
    entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...common,
    '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    options.workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  const { listening, output } = serverListening(server, url, (chunk) => {
    log.write(chunk);
    if (options.echo) process.stdout.write(chunk);
  });
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
    await withTimeout(listening, options.startTimeoutMs ?? 60_000, `code-server did not report listening on ${url}`);
    await waitForHttp(url, server.exited, 30_000);
  } catch (err) {
    // From memory, not the log file: its writes may not have reached the disk yet.
    const tail = output().split('\n').slice(-30).join('\n');
    await stop();
    throw new Error(`code-server did not start: ${err instanceof Error ? err.message : String(err)}\n${tail}`);
  }
  return { url, runDir, logFile, userDataDir: dirs.userData, process: server, stop };
}

/**
 * `listening` resolves when the server's own output says it listens on `url` (so another server
 * answering on that port is never mistaken for it) and rejects when it exits first, once its output
 * is drained (or 1 s later, if a descendant still holds the pipes). Every chunk goes to `sink`;
 * `output()` is what it printed so far.
 */
function serverListening(server: GroupProcess, url: string, sink: (chunk: Buffer) => void): { listening: Promise<void>; output: () => string } {
  let text = '';
  const listening = new Promise<void>((resolve, reject) => {
    const expected = `server listening on ${url}`;
    for (const stream of [server.child.stdout, server.child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        sink(chunk);
        if (text.length < 1_000_000) text += chunk.toString('utf8');
        if (text.includes(expected)) resolve();
      });
    }
    const drained = new Promise<void>((done) => { server.child.once('close', () => { done(); }); });
    void server.exited.then(async (how) => {
      await Promise.race([drained, new Promise((done) => setTimeout(done, 1000).unref())]);
      reject(new Error(`the server exited during start-up (${String(how)})`));
    });
  });
  return { listening, output: () => text };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => { reject(new Error(`${what} within ${ms} ms`)); }, ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves with `port` when nothing listens on 127.0.0.1:`port`; otherwise fails saying so. */
export async function assertPortFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(new Error(err.code === 'EADDRINUSE'
        ? `port ${port} on 127.0.0.1 is already in use by another program; choose another port or leave it out to get a free one`
        : `cannot use port ${port} on 127.0.0.1: ${err.message}`));
    });
    probe.listen(port, '127.0.0.1', () => { probe.close(() => { resolve(port); }); });
  });
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
