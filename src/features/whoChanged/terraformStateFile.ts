// Finds the Terraform state for a .tf file without running anything first: a local state file, a
// `.terraform/terraform.tfstate` backend record pointing at one, or saved `terraform show -json`
// output (src/terraform findLocalState). Only when the module keeps its state in a remote backend,
// the workspace is trusted AND the user opted in (`terraform.readRemoteState`) does it run
// `terraform state pull` — from PATH, never a binary inside the workspace, with a timeout, cancellable,
// logged. No `vscode` import (the host passes trust and the setting in). Never throws.
import * as path from 'node:path';
import type { TerraformAccess } from '../../host/restrictedMode';
import { findLocalState } from '../../terraform/localState';
import { runTerraformJson } from '../../terraform/terraformRunner';

/** Where the state came from, and its parsed JSON. */
export interface FoundState {
  readonly state: unknown;
  readonly origin: string;
}

/** What the state search may do (trust, opt-in, folders, progress: the host's {@link TerraformAccess}). */
export interface TerraformStateOptions extends TerraformAccess {
  /** The workspace folder of the file: nothing outside it is read. Without one, only the file's directory. */
  readonly stopAt: string | undefined;
  readonly timeoutMs?: number;
  /** Environment terraform runs with and PATH is searched in (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** One line per decision: paths, backends and outcomes, never state content. */
  readonly log: (message: string) => void;
}

/** The state for the module that `fileDir` belongs to, or undefined (no state is a normal answer). */
export async function findTerraformState(fileDir: string, options: TerraformStateOptions): Promise<FoundState | undefined> {
  const { log } = options;
  const local = await findLocalState(fileDir, { stopAt: options.stopAt ?? fileDir, log });
  if (local.kind === 'found') return { state: local.state, origin: local.origin };
  if (local.kind === 'none') {
    log(`no Terraform state found for ${fileDir}${local.reasons.length > 0 ? `: ${local.reasons.join('; ')}` : ''}`);
    return undefined;
  }
  const where = `${local.backend} backend of ${local.moduleDir}${local.endpoints.length > 0 ? ` (endpoints ${local.endpoints.join(', ')})` : ''}`;
  if (!options.trusted) {
    log(`Restricted Mode: the state is in the ${where}; terraform is not run in an untrusted workspace`);
    options.onRestricted?.();
    return undefined;
  }
  if (!options.readRemoteState) {
    log(`the state is in the ${where}; terraform is not run (turn on cloudtrailInvestigator.terraform.readRemoteState to read remote state)`);
    return undefined;
  }
  const run = (signal: AbortSignal | undefined): ReturnType<typeof runTerraformJson> =>
    runTerraformJson({
      cwd: local.moduleDir,
      workspaceFolders: options.workspaceFolders,
      command: 'statePull',
      ...(signal ? { signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.env ? { env: options.env } : {}),
      log,
    });
  const result = await (options.withProgress ? options.withProgress(run) : run(undefined));
  if (!result.ok) {
    log(`remote Terraform state not read: ${result.reason}`);
    return undefined;
  }
  return { state: result.json, origin: `terraform state pull in ${path.basename(local.moduleDir)} (${local.backend} backend)` };
}
