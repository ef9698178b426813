/**
 * Every identifier Terraform knows for a resource block, for CloudTrail: its state instance (ARN,
 * id, name attributes), its `import` block's id (split per type: `ID/NAME/SCOPE` for WAFv2,
 * `ROUTETABLEID_DESTINATION` for a route), its literal arguments, and — for sub-resources whose
 * events CloudTrail indexes under the parent (routes, security group rules, bucket policies, role
 * policy attachments) — the parent's identifiers from a literal or from a reference to the parent's
 * block (`route_table_id = aws_route_table.private.id`), resolved the same way. Also the region its
 * events are recorded in: the ARN's, the provider's (`provider = aws.network` → that provider
 * block's `region`), us-east-1 for IAM/Route 53/CloudFront and CloudFront-scope WAFv2. Pure.
 */
import { globalRegionFor, parseArn, resourceNameCandidates, type Arn, type Partition } from './arn';
import { awsIdKind } from './awsIds';
import { findTopLevelBlocks, toTerraformBlocks, type HclBlock, type TerraformBlock } from './terraformBlocks';
import { findStateInstances, type StateInstance } from './terraformState';
import { terraformTypeSpec } from './terraformTypes';

/** An `import { to = …, id = "…" }` block. */
export interface TerraformImport {
  /** The `to` address, e.g. `aws_security_group.orders_db`. */
  readonly to: string;
  /** The literal import id, when it is literal. */
  readonly id?: string;
  readonly range: { readonly startLine: number; readonly endLine: number };
}

/** A `provider "aws"` block: its alias (absent for the default) and literal region. */
export interface TerraformProvider {
  readonly alias?: string;
  readonly region?: string;
}

/** The blocks of one Terraform module (one or more `.tf` files of a directory), parsed once. */
export interface TerraformModule {
  readonly blocks: readonly TerraformBlock[];
  readonly imports: readonly TerraformImport[];
  readonly providers: readonly TerraformProvider[];
}

/** Parses module texts (each a `.tf` file) into their resource/data, import and provider blocks. */
export function parseTerraformModule(texts: readonly string[]): TerraformModule {
  const hcl: HclBlock[] = texts.flatMap((t) => findTopLevelBlocks(t));
  return moduleFromHcl(hcl);
}

/** A module from already-parsed top-level blocks. */
export function moduleFromHcl(hcl: readonly HclBlock[]): TerraformModule {
  const imports: TerraformImport[] = [];
  const providers: TerraformProvider[] = [];
  for (const block of hcl) {
    if (block.keyword === 'import') {
      const to = (block.interpolated.to ?? block.literals.to)?.trim();
      if (to !== undefined) imports.push({ to, ...(block.literals.id !== undefined ? { id: block.literals.id } : {}), range: block.range });
    } else if (block.keyword === 'provider' && block.labels[0] === 'aws') {
      const { alias, region } = block.literals;
      providers.push({ ...(alias !== undefined ? { alias } : {}), ...(region !== undefined ? { region } : {}) });
    }
  }
  return { blocks: toTerraformBlocks(hcl), imports, providers };
}

/** Where one identifier came from. */
export interface TerraformIdentifier {
  readonly value: string;
  readonly from: 'state' | 'import' | 'literal' | 'parent' | 'reference';
  /** The argument, attribute or block it was read from (`route_table_id`, `aws_route_table.private`). */
  readonly via: string;
}

/** Everything known about a block's identity. */
export interface TerraformResourceResolution {
  /** `state` when the state contributed, `literals` when only the files did, `none` when nothing did. */
  readonly source: 'state' | 'literals' | 'none';
  /** ResourceName values to look up, most likely first, without duplicates. */
  readonly candidates: readonly string[];
  /** The same values with where each came from. */
  readonly identifiers: readonly TerraformIdentifier[];
  /** Valid ARNs among them (for region and account). */
  readonly arns: readonly Arn[];
  /** The state instances used (several for `count`/`for_each`). */
  readonly instances: readonly StateInstance[];
  /** The region its events are recorded in, when known; else the caller's configured regions apply. */
  readonly region?: string;
  /** Sentences about what could not be resolved, for the user. */
  readonly messages: readonly string[];
}

/** Options for {@link resolveTerraformResource}. */
export interface ResolveResourceOptions {
  /** The module address of the files' directory (`module.net`), when the caller knows it. */
  readonly modulePrefix?: string;
  /** Match the block in any module of the state (when the module address is unknown). */
  readonly anyModule?: boolean;
  readonly partition?: Partition;
}

const REFERENCE = /\b(data\.)?(aws_[A-Za-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.[A-Za-z_][A-Za-z0-9_]*)?/g;
const MAX_DEPTH = 4;

/** The resource addresses an expression refers to: `aws_route_table.private.id` → `aws_route_table.private`. */
export function referencedAddresses(expression: string): string[] {
  const out: string[] = [];
  for (const m of expression.matchAll(REFERENCE)) {
    const [, data, type = '', name = ''] = m as (string | undefined)[];
    const address = `${data ?? ''}${type}.${name}`;
    if (!out.includes(address)) out.push(address);
  }
  return out;
}

class Collector {
  readonly identifiers: TerraformIdentifier[] = [];

  add(value: string | undefined, from: TerraformIdentifier['from'], via: string): void {
    if (value === undefined || value.trim() === '' || value.includes('${')) return;
    const parsed = value.startsWith('arn:') ? parseArn(value) : undefined;
    const values = parsed?.ok === true ? resourceNameCandidates(parsed.arn) : [value];
    for (const v of values) if (!this.identifiers.some((i) => i.value === v)) this.identifiers.push({ value: v, from, via });
  }
}

function fullAddress(block: TerraformBlock, options: ResolveResourceOptions): string {
  return options.modulePrefix === undefined || options.modulePrefix === '' ? block.address : `${options.modulePrefix}.${block.address}`;
}

function ownLiterals(block: TerraformBlock, collector: Collector, partition: Partition): void {
  const spec = terraformTypeSpec(block.type);
  collector.add(block.literals.arn, 'literal', 'arn');
  for (const name of spec.names ?? []) {
    const value = block.literals[name];
    collector.add(value, 'literal', name);
    if (value === undefined) continue;
    if (block.type === 'aws_s3_bucket') collector.add(`arn:${partition}:s3:::${value}`, 'literal', name);
    if (block.type === 'aws_ssm_parameter') collector.add(value.startsWith('/') ? value.slice(1) : `/${value}`, 'literal', name);
    if (block.type === 'aws_kms_alias' && !value.startsWith('alias/')) collector.add(`alias/${value}`, 'literal', name);
  }
  if (block.kind === 'data') {
    // Data sources look resources up by id or name: `internet_gateway_id = "igw-…"`, `id = "vpc-…"`.
    for (const [key, value] of Object.entries(block.literals)) {
      if (value !== undefined && (key === 'id' || key === 'name' || (key.endsWith('_id') && awsIdKind(value) !== undefined))) collector.add(value, 'literal', key);
    }
  }
}

function fromState(block: TerraformBlock, instances: readonly StateInstance[], collector: Collector): void {
  const spec = terraformTypeSpec(block.type);
  const subOnly = spec.parents !== undefined && spec.names === undefined && spec.idIndexed !== true;
  for (const instance of instances) {
    collector.add(instance.arn, 'state', `${instance.address}.arn`);
    if (!subOnly) collector.add(instance.id, 'state', `${instance.address}.id`);
    for (const name of spec.names ?? ['name']) collector.add(instance.attributes[name], 'state', `${instance.address}.${name}`);
  }
}

function fromImports(block: TerraformBlock, module: TerraformModule, options: ResolveResourceOptions, collector: Collector): void {
  const spec = terraformTypeSpec(block.type);
  const address = fullAddress(block, options);
  for (const imported of module.imports) {
    if (imported.id === undefined || (imported.to !== address && imported.to !== block.address)) continue;
    const parts = spec.importParts ? spec.importParts(imported.id) : [imported.id];
    for (const part of parts) collector.add(part, 'import', 'import block');
  }
}

/**
 * Every identifier of `block` within `module`, with `state` (parsed `terraform.tfstate` or
 * `terraform show -json` output, or undefined), most likely first: state, import block, literal
 * arguments, then the parents (for sub-resources whose own ids CloudTrail does not index, the
 * parents come first). Never throws; what cannot be resolved is said in `messages`.
 */
export function resolveTerraformResource(module: TerraformModule, block: TerraformBlock, state: unknown, options: ResolveResourceOptions = {}, depth = 0): TerraformResourceResolution {
  const spec = terraformTypeSpec(block.type);
  const partition = options.partition ?? 'aws';
  const messages: string[] = [];
  const address = fullAddress(block, options);
  let instances: readonly StateInstance[] = [];
  if (state === undefined) {
    if (depth === 0) messages.push(`No Terraform state was found for ${address} (a local terraform.tfstate, or terraform show -json).`);
  } else {
    const found = findStateInstances(state, address, { anyModule: options.anyModule ?? options.modulePrefix === undefined });
    if (found.ok) instances = found.instances;
    else if (depth === 0) messages.push(found.reason);
  }
  const own = new Collector();
  fromState(block, instances, own);
  fromImports(block, module, options, own);
  ownLiterals(block, own, partition);

  const parents = new Collector();
  const unresolvedParents: string[] = [];
  for (const parent of spec.parents ?? []) {
    for (const instance of instances) parents.add(instance.attributes[parent.argument], 'state', `${instance.address}.${parent.argument}`);
    parents.add(block.literals[parent.argument], 'parent', parent.argument);
    const expression = block.interpolated[parent.argument];
    if (expression === undefined) continue;
    const before = parents.identifiers.length;
    for (const ref of referencedAddresses(expression)) {
      const target = module.blocks.find((b) => b.address === ref);
      if (target === undefined || depth >= MAX_DEPTH) continue;
      const resolved = resolveTerraformResource(module, target, state, options, depth + 1);
      for (const id of resolved.identifiers) parents.add(id.value, 'reference', ref);
    }
    if (parents.identifiers.length === before && instances.length === 0) unresolvedParents.push(`${parent.argument} = ${expression}`);
  }
  const subFirst = spec.parents !== undefined && spec.names === undefined && spec.idIndexed !== true;
  const ordered = subFirst ? [...parents.identifiers, ...own.identifiers] : [...own.identifiers, ...parents.identifiers];
  const identifiers: TerraformIdentifier[] = [];
  for (const id of ordered) if (!identifiers.some((i) => i.value === id.value)) identifiers.push(id);

  const arns: Arn[] = [];
  for (const id of identifiers) {
    const parsed = id.value.startsWith('arn:') ? parseArn(id.value) : undefined;
    if (parsed?.ok === true && !arns.some((a) => a.raw === parsed.arn.raw)) arns.push(parsed.arn);
  }
  if (identifiers.length === 0 && depth === 0) messages.push(unresolvedMessage(block, spec.parents !== undefined ? unresolvedParents : []));
  const region = regionOf(block, module, arns, partition);
  return {
    source: identifiers.some((i) => i.from === 'state') ? 'state' : identifiers.length > 0 ? 'literals' : 'none',
    candidates: identifiers.map((i) => i.value),
    identifiers,
    arns,
    instances,
    ...(region !== undefined ? { region } : {}),
    messages,
  };
}

function unresolvedMessage(block: TerraformBlock, unresolvedParents: readonly string[]): string {
  const spec = terraformTypeSpec(block.type);
  if (unresolvedParents.length > 0) {
    return `${block.address}: CloudTrail records its changes under ${unresolvedParents.join(' and ')}, which only Terraform can evaluate; apply the configuration so it is in state, add an import block, or write the id literally.`;
  }
  const attribute = spec.names?.[0] ?? 'name';
  const expression = block.interpolated[attribute] ?? block.interpolated.arn;
  if (expression !== undefined) {
    return `${block.address}: ${block.interpolated[attribute] !== undefined ? attribute : 'arn'} is ${expression}, which only Terraform can evaluate; apply the configuration so the value is in state, or write it literally.`;
  }
  if (spec.idIndexed === true) return `${block.address}: AWS assigns this resource's id when it is created, so only the Terraform state (or an import block) can identify it.`;
  return `${block.address} has no literal identifier (${attribute}) to search CloudTrail by.`;
}

/** The region a block's events are recorded in, when the files or its ARNs say. */
function regionOf(block: TerraformBlock, module: TerraformModule, arns: readonly Arn[], partition: Partition): string | undefined {
  const spec = terraformTypeSpec(block.type);
  if (spec.region === 'global') return globalRegionFor(partition);
  if (spec.region === 'wafScope' && block.literals.scope?.toUpperCase() === 'CLOUDFRONT') return globalRegionFor(partition);
  const fromArn = arns.find((a) => a.region !== '')?.region;
  if (fromArn !== undefined) return fromArn;
  const alias = /^aws\.([A-Za-z0-9_-]+)$/.exec(block.interpolated.provider?.trim() ?? '')?.[1];
  const provider = module.providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
  return provider?.region;
}
