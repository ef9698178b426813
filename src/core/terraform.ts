/**
 * From a Terraform `resource` block to the identifiers CloudTrail can be searched by: the ARN and id
 * from state (`terraform.tfstate` v4 or `terraform show -json`), else literal identifiers written in
 * the block (`bucket = "logs-prod"`, `name = "deploy"`), with a message for each thing that could
 * not be resolved (interpolations, missing state, ids only known after apply). Pure: callers read
 * the files.
 */
import { parseArn, resourceNameCandidates, type Partition } from './arn';
import type { TerraformBlock } from './terraformBlocks';
import { resolveTerraformResource, type ResolveResourceOptions, type TerraformModule, type TerraformResourceResolution } from './terraformResolve';
import type { StateInstance } from './terraformState';
import { TERRAFORM_TYPES, terraformTypeSpec } from './terraformTypes';

export { findResourceBlockAt, findTerraformBlocks, findTopLevelBlocks, type HclBlock, type TerraformBlock } from './terraformBlocks';
export {
  parseTerraformModule,
  referencedAddresses,
  resolveTerraformResource,
  type ResolveResourceOptions,
  type TerraformIdentifier,
  type TerraformImport,
  type TerraformModule,
  type TerraformProvider,
  type TerraformResourceResolution,
} from './terraformResolve';
export { TERRAFORM_TYPES, terraformTypeSpec, type RegionRule, type TerraformTypeSpec } from './terraformTypes';
export {
  findStateInstances,
  listStateInstances,
  parseResourceAddress,
  type ResourceAddress,
  type StateInstance,
  type StateLookupOptions,
  type StateLookupResult,
} from './terraformState';

/** The name of the attribute that identifies a resource type in CloudTrail, if it has one. */
export function identifyingAttribute(type: string): string | undefined {
  return TERRAFORM_TYPES[type]?.names?.[0];
}

/**
 * Fallback ResourceName candidates from a block's literal attributes: a literal `arn` (expanded with
 * {@link resourceNameCandidates}), the type's identifying attribute (`bucket` for `aws_s3_bucket` —
 * with its ARN `arn:aws:s3:::bucket` —, `name` for IAM, security groups and WAFv2 web ACLs,
 * `identifier` for `aws_db_instance`, …), else a literal `name`. Empty when nothing literal is there.
 */
export function identifiersForResource(type: string, literals: Readonly<Partial<Record<string, string>>>, partition: Partition = 'aws'): string[] {
  const block: TerraformBlock = { kind: 'resource', type, name: '_', address: `${type}._`, range: { startLine: 0, endLine: 0 }, literals, interpolated: {} };
  return resolveTerraformResource(EMPTY_MODULE, block, undefined, { partition }, 1).candidates.slice();
}

/** ResourceName candidates for one instance found in state: from its ARN, then its id and name. */
export function identifiersFromStateInstance(type: string, instance: StateInstance): string[] {
  const out: string[] = [];
  const add = (value: string | undefined): void => {
    if (value !== undefined && value !== '' && !out.includes(value)) out.push(value);
  };
  const parsed = instance.arn === undefined ? undefined : parseArn(instance.arn);
  if (parsed?.ok === true) resourceNameCandidates(parsed.arn).forEach(add);
  add(instance.id);
  for (const name of terraformTypeSpec(type).names ?? ['name']) add(instance.attributes[name]);
  return out;
}

/** Options for {@link resolveTerraformBlock}. */
export type ResolveOptions = ResolveResourceOptions;

const EMPTY_MODULE: TerraformModule = { blocks: [], imports: [], providers: [] };

/**
 * Resolves a block on its own to lookup identifiers: state first (`state` is parsed
 * `terraform.tfstate` or `terraform show -json` output, or undefined when none was found), then
 * literal attributes. Without the rest of the file, import blocks and references to other blocks are
 * not seen: prefer {@link resolveTerraformResource} with the parsed module, or `terraformTargetAt`.
 */
export function resolveTerraformBlock(block: TerraformBlock, state: unknown, options: ResolveOptions = {}): TerraformResourceResolution {
  return resolveTerraformResource({ ...EMPTY_MODULE, blocks: [block] }, block, state, options);
}
