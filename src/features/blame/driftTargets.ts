// What the drift view scans: every `resource "aws_*"` block of the workspace's `.tf` files (each
// resolved with its module and state), or every managed resource of one state file. Unresolved
// blocks are reported, not dropped silently.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSiblingModule } from '../../terraform/moduleFiles';
import { stateTargets, type UnresolvedBlock } from './blameTargets';
import type { DriftTarget } from './driftScan';
import { documentTargets } from './documentTargets';

/** The targets found, and the blocks that could not be identified. */
export interface DriftTargets {
  readonly targets: readonly DriftTarget[];
  readonly unresolved: readonly (UnresolvedBlock & { readonly file?: string })[];
  /** What was read, for the view's message: `14 .tf files` or `terraform.tfstate`. */
  readonly origin: string;
}

/** Most `.tf` files a workspace scan reads. */
const MAX_FILES = 2000;

/** Every managed resource of the workspace's Terraform files. */
export async function workspaceTargets(log: (message: string) => void, signal?: AbortSignal): Promise<DriftTargets> {
  const files = await vscode.workspace.findFiles('**/*.tf', '{**/.terraform/**,**/node_modules/**}', MAX_FILES);
  const targets: DriftTarget[] = [];
  const unresolved: (UnresolvedBlock & { file?: string })[] = [];
  for (const uri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (signal?.aborted === true) break;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open?.getText() ?? (await readFile(uri.fsPath, 'utf8'));
    } catch (err) {
      log(`${uri.fsPath} is not readable: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const found = await documentTargets(text, uri.fsPath, folder, log);
    const file = folder === undefined ? uri.fsPath : path.relative(folder, uri.fsPath);
    targets.push(...found.targets.map((t) => ({ ...t, file })));
    unresolved.push(...found.unresolved.map((u) => ({ ...u, file })));
  }
  return { targets, unresolved, origin: `${files.length} .tf file${files.length === 1 ? '' : 's'}` };
}

/** Every managed resource of the state file at `file` (with its directory's `.tf` files for regions). */
export async function stateFileTargets(file: string): Promise<DriftTargets> {
  let state: unknown;
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`${path.basename(file)} is not readable Terraform state: ${err instanceof Error ? err.message : String(err)}`);
  }
  const found = stateTargets(state, await readSiblingModule(path.dirname(file)));
  if ('error' in found) throw new Error(`${path.basename(file)}: ${found.error}`);
  const name = path.basename(file);
  return { targets: found.targets.map((t) => ({ ...t, file: name })), unresolved: found.unresolved.map((u) => ({ ...u, file: name })), origin: name };
}
