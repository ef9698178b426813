/**
 * Where a Terraform root module keeps its state, decided from facts about its directory without
 * running Terraform: the backend recorded by `terraform init` in `.terraform/terraform.tfstate`, the
 * selected workspace (`TF_WORKSPACE`, `.terraform/environment`) and the local backend's layout
 * (`terraform.tfstate`, `terraform.tfstate.d/<workspace>/terraform.tfstate`, or the `path` and
 * `workspace_dir` of a `backend "local"` block). Pure: the caller reads the files.
 */

/** What a JSON file found near Terraform code is. */
export type TerraformJsonKind = 'state' | 'show' | 'plan' | 'backendPointer' | 'legacyRemotePointer' | 'unknown';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Tells a state file (`version` + `resources`/`lineage`), `terraform show -json` output
 * (`format_version` + `values`), a saved plan's JSON (`planned_values`/`prior_state`) and the
 * backend record of `terraform init` apart.
 */
export function classifyTerraformJson(json: unknown): TerraformJsonKind {
  if (!isRecord(json)) return 'unknown';
  if (isRecord(json.backend)) return 'backendPointer';
  if (isRecord(json.remote) && json.resources === undefined) return 'legacyRemotePointer';
  if (typeof json.format_version === 'string' && (typeof json.terraform_version === 'string' || isRecord(json.values) || isRecord(json.planned_values))) {
    if ('planned_values' in json || 'prior_state' in json || 'resource_changes' in json) return 'plan';
    return 'show';
  }
  if (typeof json.version === 'number' && ('resources' in json || 'lineage' in json || 'modules' in json)) return 'state';
  return 'unknown';
}

/** The backend `terraform init` recorded. */
export interface BackendPointer {
  /** `local`, `s3`, `gcs`, `azurerm`, `remote`, `cloud`, `http`, … */
  readonly type: string;
  readonly local: boolean;
  /** `path` of a local backend (default workspace), as written. */
  readonly localPath?: string;
  /** `workspace_dir` of a local backend, as written. */
  readonly workspaceDir?: string;
  /**
   * Every URL or host the backend configuration names (`endpoint`, `endpoints.s3`, `address`,
   * `hostname`, …): where Terraform would send requests signed with the user's credentials.
   */
  readonly endpoints: readonly string[];
}

const ENDPOINT_KEY = /endpoint|address|hostname|host$|url/i;

function collectEndpoints(config: unknown, out: string[], depth = 0, underEndpoint = false): void {
  if (!isRecord(config) || depth > 4) return;
  for (const [key, value] of Object.entries(config)) {
    const named = underEndpoint || ENDPOINT_KEY.test(key);
    if (typeof value === 'string' && value !== '' && named) out.push(value);
    else if (isRecord(value)) collectEndpoints(value, out, depth + 1, named);
  }
}

/** Reads `.terraform/terraform.tfstate`; a reason when it is not a backend record. */
export function parseBackendPointer(json: unknown): BackendPointer | { readonly error: string } {
  const kind = classifyTerraformJson(json);
  if (kind === 'legacyRemotePointer') return { type: 'legacy-remote', local: false, endpoints: [] };
  if (kind !== 'backendPointer' || !isRecord(json) || !isRecord(json.backend)) return { error: 'it is not the backend record that terraform init writes' };
  const backend = json.backend;
  const type = typeof backend.type === 'string' && backend.type !== '' ? backend.type : 'local';
  const config = isRecord(backend.config) ? backend.config : {};
  const endpoints: string[] = [];
  collectEndpoints(config, endpoints);
  const local = type === 'local';
  return {
    type,
    local,
    ...(local && typeof config.path === 'string' && config.path !== '' ? { localPath: config.path } : {}),
    ...(local && typeof config.workspace_dir === 'string' && config.workspace_dir !== '' ? { workspaceDir: config.workspace_dir } : {}),
    endpoints: [...new Set(endpoints)],
  };
}

/**
 * A workspace name Terraform would accept and that stays one path segment: no separators, no
 * `..`, no control characters, at most 90 characters.
 */
export function isValidWorkspaceName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  return name !== '' && name !== '.' && name !== '..' && name.length <= 90 && !/[/\\\u0000-\u001F\u007F]/.test(name);
}

/** What the caller found in one directory. */
export interface ModuleDirFacts {
  /** Parsed `.terraform/terraform.tfstate`, when present. */
  readonly pointer?: BackendPointer | { readonly error: string };
  /** Content of `.terraform/environment`, when present. */
  readonly environment?: string;
  /** `TF_WORKSPACE` of the environment, when set. */
  readonly envWorkspace?: string;
}

/** Where to read the state of a directory, or why not. */
export type StatePlan =
  | { readonly kind: 'local'; readonly workspace: string; readonly statePath: string; readonly backend: 'local' }
  | { readonly kind: 'remote'; readonly workspace: string; readonly backend: string; readonly endpoints: readonly string[] }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * The state file of the selected workspace, relative to the module directory (with `/`), or the
 * remote backend that holds it. `TF_WORKSPACE` wins over `.terraform/environment`, as in Terraform.
 */
export function planStateRead(facts: ModuleDirFacts): StatePlan {
  const selected = (facts.envWorkspace ?? facts.environment ?? 'default').trim() || 'default';
  if (!isValidWorkspaceName(selected)) return { kind: 'invalid', reason: `the selected workspace ${JSON.stringify(selected.slice(0, 100))} is not a valid workspace name` };
  const pointer = facts.pointer;
  if (pointer !== undefined && 'error' in pointer) return { kind: 'invalid', reason: `.terraform/terraform.tfstate: ${pointer.error}` };
  if (pointer !== undefined && !pointer.local) return { kind: 'remote', workspace: selected, backend: pointer.type, endpoints: pointer.endpoints };
  const statePath =
    selected === 'default' ? (pointer?.localPath ?? 'terraform.tfstate') : `${(pointer?.workspaceDir ?? 'terraform.tfstate.d').replace(/[/\\]+$/, '')}/${selected}/terraform.tfstate`;
  return { kind: 'local', workspace: selected, statePath, backend: 'local' };
}
