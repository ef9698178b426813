/**
 * Finds resource instances in Terraform state: the `terraform.tfstate` v4 file of a local backend
 * and the JSON printed by `terraform show -json`. Root and nested modules, `count` (numeric
 * `index_key`) and `for_each` (string `index_key`) instances. Input is parsed JSON of unknown shape;
 * anything unexpected gives a message, never a throw.
 */

/** One resource instance found in state. */
export interface StateInstance {
  /** Full address, e.g. `module.net.aws_security_group.web[0]`, `aws_iam_user.ops["alice"]`. */
  readonly address: string;
  /** `count` index or `for_each` key, when the resource is repeated. */
  readonly indexKey?: string | number;
  readonly arn?: string;
  readonly id?: string;
  /** The instance's top-level string attributes (arn, id, name, bucket, identifier, …). */
  readonly attributes: Readonly<Partial<Record<string, string>>>;
}

/** The result of {@link findStateInstances}. */
export type StateLookupResult = { readonly ok: true; readonly instances: readonly StateInstance[] } | { readonly ok: false; readonly reason: string };

/** A parsed resource address: `module.a["x"].module.b.data.aws_x.name[0]`. */
export interface ResourceAddress {
  /** `module.a["x"].module.b`, or empty for the root module. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly indexKey?: string | number;
}

/** Options for {@link findStateInstances}. */
export interface StateLookupOptions {
  /**
   * Match the resource in any module when the address has no `module.` prefix (for a `.tf` file in a
   * child module directory whose module address the caller does not know).
   */
  readonly anyModule?: boolean;
}

const MODULE_STEP = String.raw`module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?`;
const ADDRESS = new RegExp(String.raw`^((?:${MODULE_STEP}\.)*)(data\.)?([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?$`);

/** Parses a resource address; undefined when it is not one. */
export function parseResourceAddress(address: string): ResourceAddress | undefined {
  const match = ADDRESS.exec(address.trim());
  if (match === null) return undefined;
  // Optional groups are undefined at run time even though the type says string.
  const [, modulePart = '', data, type = '', name = '', index] = match as (string | undefined)[];
  let indexKey: string | number | undefined;
  if (index !== undefined) {
    try {
      indexKey = index.startsWith('"') ? (JSON.parse(index) as string) : Number(index);
    } catch {
      return undefined; // an escape JSON does not know, e.g. ["\x"]
    }
  }
  return { module: modulePart.replace(/\.$/, ''), mode: data === undefined ? 'managed' : 'data', type, name, ...(indexKey !== undefined ? { indexKey } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAttributes(values: unknown): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  if (!isRecord(values)) return out;
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value !== '') out[key] = value;
    else if (typeof value === 'number') out[key] = String(value);
  }
  return out;
}

function formatIndex(indexKey: string | number | undefined): string {
  if (indexKey === undefined) return '';
  return typeof indexKey === 'number' ? `[${indexKey}]` : `[${JSON.stringify(indexKey)}]`;
}

function makeInstance(module: string, mode: string, type: string, name: string, indexKey: unknown, values: unknown): StateInstance {
  const key = typeof indexKey === 'string' || typeof indexKey === 'number' ? indexKey : undefined;
  const attributes = stringAttributes(values);
  const base = `${module === '' ? '' : `${module}.`}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  return {
    address: base + formatIndex(key),
    ...(key !== undefined ? { indexKey: key } : {}),
    ...(attributes.arn !== undefined ? { arn: attributes.arn } : {}),
    ...(attributes.id !== undefined ? { id: attributes.id } : {}),
    attributes,
  };
}

interface Candidate {
  readonly module: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly indexKey: unknown;
  readonly values: unknown;
}

/** Every resource instance of a v4 state file. */
function fromStateV4(state: Record<string, unknown>): Candidate[] | string {
  if (state.version !== 4) return `Unsupported state format version ${JSON.stringify(state.version)}; only version 4 (Terraform 0.12 and later) is read.`;
  const resources = state.resources;
  if (resources === undefined) return [];
  if (!Array.isArray(resources)) return 'The state file has no resources list.';
  const out: Candidate[] = [];
  for (const resource of resources as unknown[]) {
    if (!isRecord(resource) || typeof resource.type !== 'string' || typeof resource.name !== 'string') continue;
    const module = typeof resource.module === 'string' ? resource.module : '';
    const mode = resource.mode === 'data' ? 'data' : 'managed';
    const instances = Array.isArray(resource.instances) ? (resource.instances as unknown[]) : [];
    for (const instance of instances) {
      if (!isRecord(instance)) continue;
      out.push({ module, mode, type: resource.type, name: resource.name, indexKey: instance.index_key, values: instance.attributes });
    }
  }
  return out;
}

/** Every resource instance of `terraform show -json` output (`values.root_module` and its children). */
function fromShowJson(show: Record<string, unknown>): Candidate[] | string {
  const values = show.values;
  if (values === undefined || values === null) return []; // an empty state prints no values
  if (!isRecord(values) || !isRecord(values.root_module)) return 'The `terraform show -json` output has no values.root_module.';
  const out: Candidate[] = [];
  const visit = (module: Record<string, unknown>, depth: number): void => {
    if (depth > 64) return;
    const address = typeof module.address === 'string' ? module.address : '';
    for (const resource of Array.isArray(module.resources) ? (module.resources as unknown[]) : []) {
      if (!isRecord(resource) || typeof resource.type !== 'string' || typeof resource.name !== 'string') continue;
      out.push({ module: address, mode: resource.mode === 'data' ? 'data' : 'managed', type: resource.type, name: resource.name, indexKey: resource.index, values: resource.values });
    }
    for (const child of Array.isArray(module.child_modules) ? (module.child_modules as unknown[]) : []) {
      if (isRecord(child)) visit(child, depth + 1);
    }
  };
  visit(values.root_module, 0);
  return out;
}

/** Every instance in state, whichever of the two formats it is in. */
export function listStateInstances(state: unknown): StateLookupResult {
  if (!isRecord(state)) return { ok: false, reason: 'The state is not a JSON object.' };
  const candidates = 'format_version' in state ? fromShowJson(state) : fromStateV4(state);
  if (typeof candidates === 'string') return { ok: false, reason: candidates };
  return { ok: true, instances: candidates.map((c) => makeInstance(c.module, c.mode, c.type, c.name, c.indexKey, c.values)) };
}

/**
 * The instances of the resource at `address` (`aws_s3_bucket.logs`, `module.net.aws_vpc.main`,
 * `aws_iam_user.ops["alice"]`, `data.aws_iam_role.deploy`). Without an index in the address, every
 * `count`/`for_each` instance is returned. `ok: false` with a reason when the state cannot be read,
 * the address is malformed, or nothing matches (the reason then names the addresses that exist).
 */
export function findStateInstances(state: unknown, address: string, options: StateLookupOptions = {}): StateLookupResult {
  const wanted = parseResourceAddress(address);
  if (wanted === undefined) return { ok: false, reason: `"${address}" is not a Terraform resource address like aws_s3_bucket.logs.` };
  const all = listStateInstances(state);
  if (!all.ok) return all;
  const matches = all.instances.filter((instance) => {
    const have = parseResourceAddress(instance.address);
    if (have === undefined) return false;
    if (have.type !== wanted.type || have.name !== wanted.name || have.mode !== wanted.mode) return false;
    if (have.module !== wanted.module && !(options.anyModule === true && wanted.module === '')) return false;
    return wanted.indexKey === undefined || have.indexKey === wanted.indexKey;
  });
  if (matches.length > 0) return { ok: true, instances: matches };
  const sameType = all.instances.filter((i) => parseResourceAddress(i.address)?.type === wanted.type).map((i) => i.address);
  const hint = sameType.length > 0 ? ` State has ${sameType.slice(0, 5).join(', ')}${sameType.length > 5 ? ', …' : ''}.` : all.instances.length === 0 ? ' The state is empty (nothing applied yet?).' : '';
  return { ok: false, reason: `${address} is not in the Terraform state.${hint}` };
}
