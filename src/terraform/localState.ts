/**
 * Finds and reads the Terraform state of a `.tf` file's module from disk, without running
 * Terraform: the root module is the nearest directory (up to the workspace folder) with a state,
 * a backend record or an exported `terraform show -json`. Reads only files inside the workspace
 * folder (symlinks resolved), only up to a size cap, and never executes anything. Never throws.
 */
import { lstat, open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { classifyTerraformJson, parseBackendPointer, planStateRead, type ModuleDirFacts } from '../core/terraformStateLocation';

/** Options of {@link findLocalState}. */
export interface LocalStateOptions {
  /** The workspace folder: nothing above or outside it is read. */
  readonly stopAt: string;
  /** Largest file read, in bytes (default 200 MB). */
  readonly maxBytes?: number;
  /** `TF_WORKSPACE`, when the caller honours it (the extension passes its own environment's). */
  readonly envWorkspace?: string;
  /** Hears why a candidate was skipped; lines hold paths, never file content. */
  readonly log?: (message: string) => void;
}

/** The answer of {@link findLocalState}. */
export type LocalStateResult =
  | { readonly kind: 'found'; readonly state: unknown; readonly origin: string; readonly format: 'state' | 'show' | 'plan'; readonly workspace: string; readonly moduleDir: string }
  | { readonly kind: 'remote'; readonly backend: string; readonly endpoints: readonly string[]; readonly workspace: string; readonly moduleDir: string }
  | { readonly kind: 'none'; readonly reasons: readonly string[] };

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const MAX_EXPORT_CANDIDATES = 20;
const MAX_DEPTH = 12;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/** The real path of a regular file inside `root` and no larger than `maxBytes`, or why not. */
async function checkedFile(root: string, file: string, maxBytes: number): Promise<{ real: string } | { error: string }> {
  try {
    const real = await realpath(file);
    if (!inside(root, real)) return { error: `${file} leads outside the workspace folder (to ${real}); not read` };
    const info = await stat(real);
    if (!info.isFile()) return { error: `${file} is not a regular file` };
    if (info.size > maxBytes) return { error: `${file} is ${Math.round(info.size / 1048576)} MB, over the ${Math.round(maxBytes / 1048576)} MB limit` };
    return { real };
  } catch (err) {
    return { error: `${file}: ${messageOf(err)}` };
  }
}

/** JSON of a file inside `root`, or why not. */
async function readJsonInside(root: string, file: string, maxBytes: number): Promise<{ json: unknown } | { error: string }> {
  const checked = await checkedFile(root, file, maxBytes);
  if ('error' in checked) return checked;
  try {
    const text = (await readFile(checked.real, 'utf8')).replace(/^\uFEFF/, '');
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `${file}: ${messageOf(err)}` };
  }
}

/** The first `bytes` bytes of a checked file, as text. */
async function head(real: string, bytes: number): Promise<string> {
  const handle = await open(real, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function dirFacts(root: string, dir: string, options: LocalStateOptions, reasons: string[]): Promise<ModuleDirFacts | undefined> {
  const pointerFile = path.join(dir, '.terraform', 'terraform.tfstate');
  const envFile = path.join(dir, '.terraform', 'environment');
  const hasPointer = await exists(pointerFile);
  let environment: string | undefined;
  if (await exists(envFile)) {
    const read = await readFile(envFile, 'utf8').catch(() => undefined);
    environment = read?.slice(0, 200).trim();
  }
  if (!hasPointer && environment === undefined) return options.envWorkspace === undefined ? {} : { envWorkspace: options.envWorkspace };
  let pointer: ModuleDirFacts['pointer'];
  if (hasPointer) {
    const read = await readJsonInside(root, pointerFile, 1024 * 1024);
    if ('error' in read) reasons.push(read.error);
    pointer = 'error' in read ? { error: read.error } : parseBackendPointer(read.json);
  }
  return { ...(pointer ? { pointer } : {}), ...(environment !== undefined ? { environment } : {}), ...(options.envWorkspace !== undefined ? { envWorkspace: options.envWorkspace } : {}) };
}

/** `terraform show -json` (or plan JSON) files saved in `dir`, cheapest check first. */
async function exportedState(root: string, dir: string, maxBytes: number, reasons: string[]): Promise<{ state: unknown; origin: string; format: 'show' | 'plan' } | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const candidates = names.filter((n) => n.toLowerCase().endsWith('.json')).sort().slice(0, MAX_EXPORT_CANDIDATES);
  for (const name of candidates) {
    const file = path.join(dir, name);
    const checked = await checkedFile(root, file, maxBytes);
    if ('error' in checked) {
      reasons.push(checked.error);
      continue;
    }
    const start = await head(checked.real, 4096).catch(() => '');
    if (!start.includes('"format_version"')) continue;
    const read = await readJsonInside(root, file, maxBytes);
    if ('error' in read) {
      reasons.push(read.error);
      continue;
    }
    const kind = classifyTerraformJson(read.json);
    if (kind === 'show') return { state: read.json, origin: file, format: 'show' };
    if (kind === 'plan') {
      const prior = (read.json as { prior_state?: unknown }).prior_state;
      if (prior !== undefined) return { state: prior, origin: file, format: 'plan' };
    }
  }
  return undefined;
}

/**
 * The state of the module that `fileDir` belongs to. Walks up from `fileDir` to `options.stopAt`;
 * the first directory with a local state, a backend record or an export decides.
 */
export async function findLocalState(fileDir: string, options: LocalStateOptions): Promise<LocalStateResult> {
  const reasons: string[] = [];
  const result = await search(fileDir, options, reasons);
  for (const reason of reasons) options.log?.(reason);
  return result;
}

async function search(fileDir: string, options: LocalStateOptions, reasons: string[]): Promise<LocalStateResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let root: string;
  try {
    root = await realpath(options.stopAt);
  } catch (err) {
    return { kind: 'none', reasons: [`the workspace folder cannot be read: ${messageOf(err)}`] };
  }
  let dir = await realpath(fileDir).catch(() => path.resolve(fileDir));
  if (!inside(root, dir)) return { kind: 'none', reasons: [`${fileDir} is outside the workspace folder`] };
  for (let depth = 0; depth < MAX_DEPTH && inside(root, dir); depth++) {
    const facts = await dirFacts(root, dir, options, reasons);
    const plan = facts === undefined ? undefined : planStateRead(facts);
    if (plan?.kind === 'invalid') {
      // An initialized module with a broken record is still the root: its parents' state is not its state.
      reasons.push(`${dir}: ${plan.reason}`);
      return { kind: 'none', reasons };
    } else if (plan?.kind === 'remote') {
      const exported = await exportedState(root, dir, maxBytes, reasons);
      if (exported) return { kind: 'found', ...exported, workspace: plan.workspace, moduleDir: dir };
      return { kind: 'remote', backend: plan.backend, endpoints: plan.endpoints, workspace: plan.workspace, moduleDir: dir };
    } else if (plan?.kind === 'local') {
      const file = path.resolve(dir, plan.statePath);
      if (await exists(file)) {
        const read = await readJsonInside(root, file, maxBytes);
        if ('json' in read && classifyTerraformJson(read.json) === 'state') return { kind: 'found', state: read.json, origin: file, format: 'state', workspace: plan.workspace, moduleDir: dir };
        reasons.push('error' in read ? read.error : `${file} is not a Terraform state file`);
      }
      const exported = await exportedState(root, dir, maxBytes, reasons);
      if (exported) return { kind: 'found', ...exported, workspace: plan.workspace, moduleDir: dir };
      if (facts !== undefined && (facts.pointer !== undefined || facts.environment !== undefined)) {
        reasons.push(`${dir} is initialized but has no state for workspace ${plan.workspace} (nothing applied yet?)`);
        return { kind: 'none', reasons };
      }
    }
    if (dir === root) break;
    dir = path.dirname(dir);
  }
  return { kind: 'none', reasons };
}
