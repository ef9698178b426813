// Finds the Terraform state for a .tf file: a local-backend terraform.tfstate in the file's directory
// or a parent (the root module), else `terraform show -json` when the CLI is installed and the
// directory is initialized (.terraform exists). Never throws: no state is a normal answer.
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Where the state came from, and its parsed JSON. */
export interface FoundState {
  readonly state: unknown;
  readonly origin: string;
}

const SHOW_TIMEOUT_MS = 30_000;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function terraformShowJson(cwd: string): Promise<unknown> {
  return new Promise((resolve) => {
    execFile('terraform', ['show', '-json', '-no-color'], { cwd, timeout: SHOW_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (err, stdout) => {
      if (err) {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(stdout) as unknown);
      } catch {
        resolve(undefined);
      }
    });
  });
}

/**
 * The state for the module at `fileDir`, searching up to `stopAt` (the workspace folder). `log` hears
 * why a candidate was skipped (unreadable JSON, CLI missing).
 */
export async function findTerraformState(fileDir: string, stopAt: string | undefined, log: (message: string) => void): Promise<FoundState | undefined> {
  const dirs: string[] = [];
  for (let dir = path.resolve(fileDir); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if ((stopAt !== undefined && path.resolve(stopAt) === dir) || path.dirname(dir) === dir || dirs.length > 8) break;
  }
  for (const dir of dirs) {
    const file = path.join(dir, 'terraform.tfstate');
    if (!(await exists(file))) continue;
    try {
      return { state: JSON.parse(await readFile(file, 'utf8')) as unknown, origin: file };
    } catch (err) {
      log(`${file} is not readable JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const dir of dirs) {
    if (!(await exists(path.join(dir, '.terraform')))) continue;
    const state = await terraformShowJson(dir);
    if (state !== undefined) return { state, origin: `terraform show -json in ${dir}` };
    log(`terraform show -json failed in ${dir} (CLI missing or not initialized)`);
  }
  return undefined;
}
