/**
 * From a Terraform `resource` block to the identifiers CloudTrail can be searched by: the ARN and id
 * from state (`terraform.tfstate` v4 or `terraform show -json`), else literal identifiers written in
 * the block (`bucket = "logs-prod"`, `name = "deploy"`), with a message for each thing that could
 * not be resolved (interpolations, missing state, ids only known after apply). Pure: callers read
 * the files.
 */
import { parseArn, resourceNameCandidates, type Arn, type Partition } from './arn';
import type { TerraformBlock } from './terraformBlocks';
import { findStateInstances, type StateInstance } from './terraformState';

export { findResourceBlockAt, findTerraformBlocks, type TerraformBlock } from './terraformBlocks';
export {
  findStateInstances,
  listStateInstances,
  parseResourceAddress,
  type ResourceAddress,
  type StateInstance,
  type StateLookupOptions,
  type StateLookupResult,
} from './terraformState';

/** The attribute holding each resource type's CloudTrail-indexed name, when it can be written literally. */
const IDENTIFYING_ATTRIBUTE: Readonly<Partial<Record<string, string>>> = {
  aws_s3_bucket: 'bucket',
  aws_iam_user: 'name',
  aws_iam_role: 'name',
  aws_iam_group: 'name',
  aws_iam_policy: 'name',
  aws_iam_instance_profile: 'name',
  aws_security_group: 'name',
  aws_db_instance: 'identifier',
  aws_rds_cluster: 'cluster_identifier',
  aws_wafv2_web_acl: 'name',
  aws_wafv2_ip_set: 'name',
  aws_wafv2_rule_group: 'name',
  aws_lambda_function: 'function_name',
  aws_dynamodb_table: 'name',
  aws_sns_topic: 'name',
  aws_sqs_queue: 'name',
  aws_kms_alias: 'name',
  aws_cloudwatch_log_group: 'name',
  aws_cloudwatch_metric_alarm: 'alarm_name',
  aws_cloudwatch_event_rule: 'name',
  aws_ecr_repository: 'name',
  aws_eks_cluster: 'name',
  aws_ecs_cluster: 'name',
  aws_ecs_service: 'name',
  aws_lb: 'name',
  aws_alb: 'name',
  aws_elb: 'name',
  aws_lb_target_group: 'name',
  aws_alb_target_group: 'name',
  aws_secretsmanager_secret: 'name',
  aws_ssm_parameter: 'name',
  aws_cloudtrail: 'name',
  aws_cloudformation_stack: 'name',
  aws_autoscaling_group: 'name',
  aws_launch_template: 'name',
  aws_key_pair: 'key_name',
  aws_elasticache_cluster: 'cluster_id',
  aws_elasticache_replication_group: 'replication_group_id',
  aws_redshift_cluster: 'cluster_identifier',
  aws_sfn_state_machine: 'name',
  aws_kinesis_stream: 'name',
  aws_glue_job: 'name',
  aws_glue_catalog_database: 'name',
  aws_athena_workgroup: 'name',
  aws_cognito_user_pool: 'name',
};

/** Types whose identity is an id AWS assigns on create: only state can tell it. */
const ASSIGNED_ID_TYPES: ReadonlySet<string> = new Set([
  'aws_instance',
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_eip',
  'aws_network_interface',
  'aws_ebs_volume',
  'aws_kms_key',
  'aws_cloudfront_distribution',
  'aws_route53_zone',
  'aws_api_gateway_rest_api',
  'aws_acm_certificate',
]);

/** The name of the attribute that identifies a resource type in CloudTrail, if it has one. */
export function identifyingAttribute(type: string): string | undefined {
  return IDENTIFYING_ATTRIBUTE[type];
}

/**
 * Fallback ResourceName candidates from a block's literal attributes: a literal `arn` (expanded with
 * {@link resourceNameCandidates}), the type's identifying attribute (`bucket` for `aws_s3_bucket` —
 * with its ARN `arn:aws:s3:::bucket` —, `name` for IAM, security groups and WAFv2 web ACLs,
 * `identifier` for `aws_db_instance`, …), else a literal `name`. Empty when nothing literal is there.
 */
export function identifiersForResource(type: string, literals: Readonly<Partial<Record<string, string>>>, partition: Partition = 'aws'): string[] {
  const out: string[] = [];
  const add = (value: string | undefined): void => {
    if (value !== undefined && value !== '' && !out.includes(value)) out.push(value);
  };
  const literalArn = literals.arn === undefined ? undefined : parseArn(literals.arn);
  if (literalArn?.ok === true) resourceNameCandidates(literalArn.arn).forEach(add);
  const attribute = IDENTIFYING_ATTRIBUTE[type];
  const value = attribute === undefined ? undefined : literals[attribute];
  add(value);
  if (type === 'aws_s3_bucket' && value !== undefined) add(`arn:${partition}:s3:::${value}`);
  if (type === 'aws_ssm_parameter' && value !== undefined) add(value.startsWith('/') ? value.slice(1) : `/${value}`);
  if (type === 'aws_kms_alias' && value !== undefined && !value.startsWith('alias/')) add(`alias/${value}`);
  if (attribute === undefined) add(literals.name);
  return out;
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
  const attribute = IDENTIFYING_ATTRIBUTE[type];
  add(attribute === undefined ? instance.attributes.name : instance.attributes[attribute]);
  return out;
}

/** What {@link resolveTerraformBlock} could find for a block. */
export interface TerraformResolution {
  /** Where the identifiers came from; `none` when nothing usable was found. */
  readonly source: 'state' | 'literals' | 'none';
  /** Valid ARNs found (from state, or literal/constructible in the block), for region and account. */
  readonly arns: readonly Arn[];
  /** ResourceName values to look up, most likely first, without duplicates. */
  readonly candidates: readonly string[];
  /** The state instances used (several for `count`/`for_each`). */
  readonly instances: readonly StateInstance[];
  /** Sentences about what could not be resolved, for the user. */
  readonly messages: readonly string[];
}

/** Options for {@link resolveTerraformBlock}. */
export interface ResolveOptions {
  /** The module address of the file's directory (`module.net`), when the caller knows it. */
  readonly modulePrefix?: string;
  /** Match the block in any module of the state (when the module address is unknown). */
  readonly anyModule?: boolean;
  readonly partition?: Partition;
}

/**
 * Resolves a block to lookup identifiers: state first (`state` is parsed `terraform.tfstate` or
 * `terraform show -json` output, or undefined when none was found), then literal attributes.
 */
export function resolveTerraformBlock(block: TerraformBlock, state: unknown, options: ResolveOptions = {}): TerraformResolution {
  const messages: string[] = [];
  const address = options.modulePrefix === undefined || options.modulePrefix === '' ? block.address : `${options.modulePrefix}.${block.address}`;
  if (state === undefined) {
    messages.push(`No Terraform state was found for ${address} (a local terraform.tfstate, or terraform show -json).`);
  } else {
    const found = findStateInstances(state, address, { anyModule: options.anyModule ?? options.modulePrefix === undefined });
    if (found.ok) {
      const arns: Arn[] = [];
      const candidates: string[] = [];
      for (const instance of found.instances) {
        const parsed = instance.arn === undefined ? undefined : parseArn(instance.arn);
        if (parsed?.ok === true && !arns.some((a) => a.raw === parsed.arn.raw)) arns.push(parsed.arn);
        for (const candidate of identifiersFromStateInstance(block.type, instance)) if (!candidates.includes(candidate)) candidates.push(candidate);
      }
      if (candidates.length > 0) return { source: 'state', arns, candidates, instances: found.instances, messages };
      messages.push(`${address} is in the state but has no arn or id attribute.`);
    } else {
      messages.push(found.reason);
    }
  }

  const partition = options.partition ?? 'aws';
  const candidates = identifiersForResource(block.type, block.literals, partition);
  const arns: Arn[] = [];
  for (const candidate of candidates) {
    const parsed = candidate.startsWith('arn:') ? parseArn(candidate) : undefined;
    if (parsed?.ok === true && !arns.some((a) => a.raw === parsed.arn.raw)) arns.push(parsed.arn);
  }
  if (candidates.length > 0) return { source: 'literals', arns, candidates, instances: [], messages };

  const attribute = IDENTIFYING_ATTRIBUTE[block.type] ?? 'name';
  const expression = block.interpolated[attribute] ?? block.interpolated.arn;
  if (expression !== undefined) {
    messages.push(`${block.address}: ${block.interpolated[attribute] !== undefined ? attribute : 'arn'} is ${expression}, which only Terraform can evaluate; apply the configuration so the value is in state, or write it literally.`);
  } else if (ASSIGNED_ID_TYPES.has(block.type)) {
    messages.push(`${block.address}: AWS assigns this resource's id when it is created, so only the Terraform state can identify it.`);
  } else {
    messages.push(`${block.address} has no literal identifier (${attribute}) to search CloudTrail by.`);
  }
  return { source: 'none', arns: [], candidates: [], instances: [], messages };
}
