/**
 * Per Terraform AWS resource type, what identifies it to CloudTrail — from the provider's documented
 * arguments, attributes and import-id formats (registry docs `website/docs/r/<type>.html.markdown`):
 * which arguments name it (`bucket`, `name`, `identifier`…), whether its AWS-assigned `id` is what
 * CloudTrail indexes (`sg-…`, `i-…`, `rtb-…`), how its import id breaks into identifiers
 * (`ID/NAME/SCOPE` for WAFv2, `ROUTETABLEID_DESTINATION` for routes), which argument holds its
 * parent for sub-resources whose events CloudTrail indexes under the parent (a route under its
 * route table, a rule under its security group, a bucket policy under its bucket), and which region
 * its events are recorded in.
 */

/** Where a type's events are recorded. */
export type RegionRule =
  /** The provider's region (the block's `provider = aws.<alias>`, else the default provider). */
  | 'regional'
  /** IAM, Route 53, CloudFront: the partition's global region (us-east-1). */
  | 'global'
  /** WAFv2: us-east-1 when `scope = "CLOUDFRONT"`, else the provider's region. */
  | 'wafScope';

/** An argument that holds a parent's identifier (its name, id or ARN). */
export interface ParentArgument {
  readonly argument: string;
  /** The parent's Terraform type (used to resolve `aws_x.y.id` references and import ids). */
  readonly type: string;
}

/** What identifies one resource type. */
export interface TerraformTypeSpec {
  /** The CloudTrail resource type, when it has one. */
  readonly resourceType?: string;
  /** Arguments whose literal values CloudTrail indexes as ResourceName, most likely first. */
  readonly names?: readonly string[];
  /** True when the AWS-assigned `id` (state, import id) is what CloudTrail indexes. */
  readonly idIndexed?: boolean;
  /** The import id's identifiers, e.g. `ID/NAME/SCOPE` → `[ID, NAME]`. Absent: the whole import id is one. */
  readonly importParts?: (importId: string) => readonly string[];
  /** Sub-resources: arguments holding the parents CloudTrail indexes its events under, main parent first. */
  readonly parents?: readonly ParentArgument[];
  readonly region: RegionRule;
}

const split =
  (separator: string, ...indexes: number[]) =>
  (id: string): string[] => {
    const parts = id.split(separator);
    return indexes.map((i) => parts[i] ?? '').filter((p) => p !== '');
  };

/** `role/arn:aws:iam::aws:policy/x` → the role and the policy ARN (the ARN holds `/` itself). */
const beforeFirstSlashAndRest = (id: string): string[] => {
  const at = id.indexOf('/');
  return at < 0 ? [id] : [id.slice(0, at), id.slice(at + 1)];
};

/** An SQS import id is the queue URL: the queue name is its last path segment. */
const queueUrlName = (id: string): string[] => [id.replace(/\/+$/, '').split('/').pop() ?? id];

const ec2 = (resourceType: string, extra: Partial<TerraformTypeSpec> = {}): TerraformTypeSpec => ({ resourceType: `AWS::EC2::${resourceType}`, idIndexed: true, region: 'regional', ...extra });
const named = (resourceType: string | undefined, names: readonly string[], extra: Partial<TerraformTypeSpec> = {}): TerraformTypeSpec => ({
  ...(resourceType !== undefined ? { resourceType } : {}),
  names,
  region: 'regional',
  ...extra,
});
const sub = (parents: readonly ParentArgument[], importParts?: (id: string) => readonly string[], region: RegionRule = 'regional'): TerraformTypeSpec => ({
  parents,
  ...(importParts !== undefined ? { importParts } : {}),
  region,
});
const bucketChild = sub([{ argument: 'bucket', type: 'aws_s3_bucket' }], split(',', 0));
const iam = (resourceType: string, extra: Partial<TerraformTypeSpec> = {}): TerraformTypeSpec => named(`AWS::IAM::${resourceType}`, ['name'], { region: 'global', ...extra });

/** The top resource types of the AWS provider. */
export const TERRAFORM_TYPES: Readonly<Partial<Record<string, TerraformTypeSpec>>> = {
  // EC2 and VPC: CloudTrail indexes the AWS-assigned ids.
  aws_instance: ec2('Instance'),
  aws_vpc: ec2('VPC'),
  aws_subnet: ec2('Subnet'),
  aws_route_table: ec2('RouteTable'),
  aws_internet_gateway: ec2('InternetGateway'),
  aws_egress_only_internet_gateway: ec2('EgressOnlyInternetGateway'),
  aws_nat_gateway: ec2('NatGateway'),
  aws_eip: ec2('EIP'),
  aws_network_interface: ec2('NetworkInterface'),
  aws_network_acl: ec2('NetworkAcl'),
  aws_ebs_volume: ec2('Volume'),
  aws_ebs_snapshot: ec2('Snapshot'),
  aws_ami: ec2('Ami'),
  aws_vpc_peering_connection: ec2('VPCPeeringConnection'),
  aws_vpc_endpoint: ec2('VPCEndpoint'),
  aws_ec2_transit_gateway: ec2('TransitGateway'),
  aws_security_group: ec2('SecurityGroup', { names: ['name'] }),
  aws_launch_template: ec2('LaunchTemplate', { names: ['name'] }),
  aws_key_pair: ec2('KeyPair', { names: ['key_name'] }),
  // EC2 sub-resources: their events are indexed under the parent's id.
  aws_route: sub([{ argument: 'route_table_id', type: 'aws_route_table' }], split('_', 0)),
  aws_route_table_association: sub(
    [
      { argument: 'route_table_id', type: 'aws_route_table' },
      { argument: 'subnet_id', type: 'aws_subnet' },
      { argument: 'gateway_id', type: 'aws_internet_gateway' },
    ],
    split('/', 0, 1),
  ),
  aws_security_group_rule: sub([{ argument: 'security_group_id', type: 'aws_security_group' }], split('_', 0)),
  // Import ids of these are `sgr-…` rule ids, which CloudTrail does not index.
  aws_vpc_security_group_ingress_rule: sub([{ argument: 'security_group_id', type: 'aws_security_group' }], () => []),
  aws_vpc_security_group_egress_rule: sub([{ argument: 'security_group_id', type: 'aws_security_group' }], () => []),
  aws_network_acl_rule: sub([{ argument: 'network_acl_id', type: 'aws_network_acl' }], split(':', 0)),
  aws_volume_attachment: sub([
    { argument: 'volume_id', type: 'aws_ebs_volume' },
    { argument: 'instance_id', type: 'aws_instance' },
  ]),
  aws_eip_association: sub([
    { argument: 'allocation_id', type: 'aws_eip' },
    { argument: 'instance_id', type: 'aws_instance' },
  ]),
  // IAM: names, recorded in us-east-1.
  aws_iam_role: iam('Role'),
  aws_iam_user: iam('User'),
  aws_iam_group: iam('Group'),
  aws_iam_instance_profile: iam('InstanceProfile'),
  aws_iam_policy: iam('Policy'),
  aws_iam_role_policy: sub([{ argument: 'role', type: 'aws_iam_role' }], split(':', 0), 'global'),
  aws_iam_user_policy: sub([{ argument: 'user', type: 'aws_iam_user' }], split(':', 0), 'global'),
  aws_iam_group_policy: sub([{ argument: 'group', type: 'aws_iam_group' }], split(':', 0), 'global'),
  aws_iam_role_policy_attachment: sub(
    [
      { argument: 'role', type: 'aws_iam_role' },
      { argument: 'policy_arn', type: 'aws_iam_policy' },
    ],
    beforeFirstSlashAndRest,
    'global',
  ),
  aws_iam_user_policy_attachment: sub(
    [
      { argument: 'user', type: 'aws_iam_user' },
      { argument: 'policy_arn', type: 'aws_iam_policy' },
    ],
    beforeFirstSlashAndRest,
    'global',
  ),
  aws_iam_group_policy_attachment: sub(
    [
      { argument: 'group', type: 'aws_iam_group' },
      { argument: 'policy_arn', type: 'aws_iam_policy' },
    ],
    beforeFirstSlashAndRest,
    'global',
  ),
  aws_iam_access_key: sub([{ argument: 'user', type: 'aws_iam_user' }], () => [], 'global'),
  aws_iam_user_login_profile: sub([{ argument: 'user', type: 'aws_iam_user' }], undefined, 'global'),
  aws_iam_group_membership: sub([{ argument: 'group', type: 'aws_iam_group' }], () => [], 'global'),
  // S3: the bucket name; bucket sub-resources are indexed under the bucket.
  aws_s3_bucket: named('AWS::S3::Bucket', ['bucket']),
  aws_s3_bucket_policy: bucketChild,
  aws_s3_bucket_versioning: bucketChild,
  aws_s3_bucket_public_access_block: bucketChild,
  aws_s3_bucket_acl: bucketChild,
  aws_s3_bucket_server_side_encryption_configuration: bucketChild,
  aws_s3_bucket_lifecycle_configuration: bucketChild,
  aws_s3_bucket_ownership_controls: bucketChild,
  aws_s3_bucket_notification: bucketChild,
  aws_s3_bucket_cors_configuration: bucketChild,
  aws_s3_bucket_logging: bucketChild,
  aws_s3_bucket_website_configuration: bucketChild,
  aws_s3_bucket_replication_configuration: bucketChild,
  // Databases, compute, queues, logs: names or identifiers.
  aws_db_instance: named('AWS::RDS::DBInstance', ['identifier']),
  aws_rds_cluster: named('AWS::RDS::DBCluster', ['cluster_identifier']),
  aws_db_subnet_group: named('AWS::RDS::DBSubnetGroup', ['name']),
  aws_db_parameter_group: named('AWS::RDS::DBParameterGroup', ['name']),
  aws_dynamodb_table: named('AWS::DynamoDB::Table', ['name']),
  aws_lambda_function: named('AWS::Lambda::Function', ['function_name']),
  aws_lambda_permission: sub([{ argument: 'function_name', type: 'aws_lambda_function' }], split('/', 0)),
  aws_lambda_alias: sub([{ argument: 'function_name', type: 'aws_lambda_function' }], split('/', 0)),
  aws_lambda_event_source_mapping: sub([{ argument: 'function_name', type: 'aws_lambda_function' }], () => []),
  aws_sns_topic: named('AWS::SNS::Topic', ['name']),
  aws_sns_topic_subscription: sub([{ argument: 'topic_arn', type: 'aws_sns_topic' }]),
  aws_sns_topic_policy: sub([{ argument: 'arn', type: 'aws_sns_topic' }]),
  aws_sqs_queue: named('AWS::SQS::Queue', ['name'], { importParts: queueUrlName }),
  aws_sqs_queue_policy: sub([{ argument: 'queue_url', type: 'aws_sqs_queue' }], queueUrlName),
  aws_kms_key: { resourceType: 'AWS::KMS::Key', idIndexed: true, region: 'regional' },
  aws_kms_alias: named('AWS::KMS::Alias', ['name'], { parents: [{ argument: 'target_key_id', type: 'aws_kms_key' }] }),
  aws_secretsmanager_secret: named('AWS::SecretsManager::Secret', ['name']),
  aws_secretsmanager_secret_version: sub([{ argument: 'secret_id', type: 'aws_secretsmanager_secret' }], split('|', 0)),
  aws_ssm_parameter: named('AWS::SSM::Parameter', ['name']),
  aws_cloudwatch_log_group: named('AWS::Logs::LogGroup', ['name']),
  aws_cloudwatch_log_stream: sub([{ argument: 'log_group_name', type: 'aws_cloudwatch_log_group' }], split(':', 0)),
  aws_cloudwatch_log_subscription_filter: sub([{ argument: 'log_group_name', type: 'aws_cloudwatch_log_group' }], split('|', 0)),
  aws_cloudwatch_metric_alarm: named('AWS::CloudWatch::Alarm', ['alarm_name']),
  aws_cloudwatch_event_rule: named('AWS::Events::Rule', ['name'], { importParts: (id) => [id.split('/').pop() ?? id] }),
  // `rule-name/target-id`, or `event-bus/rule-name/target-id`.
  aws_cloudwatch_event_target: sub([{ argument: 'rule', type: 'aws_cloudwatch_event_rule' }], (id) => id.split('/').slice(-2, -1)),
  aws_cloudtrail: named('AWS::CloudTrail::Trail', ['name']),
  aws_cloudformation_stack: named('AWS::CloudFormation::Stack', ['name']),
  aws_sfn_state_machine: named('AWS::StepFunctions::StateMachine', ['name']),
  aws_kinesis_stream: named('AWS::Kinesis::Stream', ['name']),
  aws_glue_job: named('AWS::Glue::Job', ['name']),
  aws_glue_catalog_database: named('AWS::Glue::Database', ['name']),
  aws_athena_workgroup: named('AWS::Athena::WorkGroup', ['name']),
  aws_cognito_user_pool: named('AWS::Cognito::UserPool', ['name'], { idIndexed: true }),
  aws_elasticache_cluster: named('AWS::ElastiCache::CacheCluster', ['cluster_id']),
  aws_elasticache_replication_group: named('AWS::ElastiCache::ReplicationGroup', ['replication_group_id']),
  aws_redshift_cluster: named('AWS::Redshift::Cluster', ['cluster_identifier']),
  aws_autoscaling_group: named('AWS::AutoScaling::AutoScalingGroup', ['name']),
  // Containers.
  aws_ecr_repository: named('AWS::ECR::Repository', ['name']),
  aws_ecr_repository_policy: sub([{ argument: 'repository', type: 'aws_ecr_repository' }]),
  aws_ecr_lifecycle_policy: sub([{ argument: 'repository', type: 'aws_ecr_repository' }]),
  aws_eks_cluster: named('AWS::EKS::Cluster', ['name']),
  aws_eks_node_group: named('AWS::EKS::Nodegroup', ['node_group_name'], { parents: [{ argument: 'cluster_name', type: 'aws_eks_cluster' }], importParts: split(':', 1, 0) }),
  aws_ecs_cluster: named('AWS::ECS::Cluster', ['name'], { importParts: (id) => [id.split('/').pop() ?? id] }),
  aws_ecs_service: named('AWS::ECS::Service', ['name'], { parents: [{ argument: 'cluster', type: 'aws_ecs_cluster' }], importParts: split('/', 1, 0) }),
  aws_ecs_task_definition: named('AWS::ECS::TaskDefinition', ['family']),
  // Load balancing: names and ARNs.
  aws_lb: named('AWS::ElasticLoadBalancingV2::LoadBalancer', ['name']),
  aws_alb: named('AWS::ElasticLoadBalancingV2::LoadBalancer', ['name']),
  aws_elb: named('AWS::ElasticLoadBalancing::LoadBalancer', ['name']),
  aws_lb_target_group: named('AWS::ElasticLoadBalancingV2::TargetGroup', ['name']),
  aws_alb_target_group: named('AWS::ElasticLoadBalancingV2::TargetGroup', ['name']),
  aws_lb_listener: sub([{ argument: 'load_balancer_arn', type: 'aws_lb' }], (id) => [id]),
  aws_lb_listener_rule: sub([{ argument: 'listener_arn', type: 'aws_lb_listener' }], (id) => [id]),
  aws_lb_target_group_attachment: sub([{ argument: 'target_group_arn', type: 'aws_lb_target_group' }], () => []),
  // WAFv2: import ids are ID/NAME/SCOPE; CloudFront-scope ACLs are recorded in us-east-1.
  aws_wafv2_web_acl: named('AWS::WAFv2::WebACL', ['name'], { importParts: split('/', 0, 1), region: 'wafScope' }),
  aws_wafv2_ip_set: named('AWS::WAFv2::IPSet', ['name'], { importParts: split('/', 0, 1), region: 'wafScope' }),
  aws_wafv2_rule_group: named('AWS::WAFv2::RuleGroup', ['name'], { importParts: split('/', 0, 1), region: 'wafScope' }),
  aws_wafv2_web_acl_association: sub(
    [
      { argument: 'web_acl_arn', type: 'aws_wafv2_web_acl' },
      { argument: 'resource_arn', type: 'aws_lb' },
    ],
    split(',', 0, 1),
  ),
  // Global edge and DNS.
  aws_cloudfront_distribution: { resourceType: 'AWS::CloudFront::Distribution', idIndexed: true, region: 'global' },
  aws_route53_zone: { resourceType: 'AWS::Route53::HostedZone', idIndexed: true, region: 'global' },
  aws_route53_record: sub([{ argument: 'zone_id', type: 'aws_route53_zone' }], split('_', 0), 'global'),
  aws_acm_certificate: { resourceType: 'AWS::CertificateManager::Certificate', idIndexed: true, region: 'regional' },
  aws_api_gateway_rest_api: named('AWS::ApiGateway::RestApi', ['name'], { idIndexed: true }),
};

/** The spec of a resource type; unknown `aws_*` types get a `name`-argument, regional default. */
export function terraformTypeSpec(type: string): TerraformTypeSpec {
  return TERRAFORM_TYPES[type] ?? { names: ['name'], region: 'regional' };
}
