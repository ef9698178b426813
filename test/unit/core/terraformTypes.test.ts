import * as assert from 'node:assert/strict';
import { parseTerraformModule, resolveTerraformResource } from '../../../src/core/terraform';
import { TERRAFORM_TYPES } from '../../../src/core/terraformTypes';

/**
 * One row per resource type of the table, built from the AWS provider's documentation
 * (hashicorp/terraform-provider-aws `website/docs/r/<type>.html.markdown`): the arguments its
 * "Argument Reference" documents as naming it or its parent, the id format its "Import" section
 * documents, what CloudTrail then gets as ResourceName, and the region its events are in.
 * Values are ours; argument names and id shapes are the provider's.
 */
interface Row {
  readonly type: string;
  /** Documented arguments (literal values). */
  readonly args: Readonly<Record<string, string>>;
  /** An import id in the documented format, when the row exercises the import block. */
  readonly importId?: string;
  /** The first candidates expected, in order. */
  readonly expect: readonly string[];
  /** Expected region; the file's default provider is eu-west-1. */
  readonly region: string;
}

const A = '123456789012';
const R = 'eu-west-1';
const G = 'us-east-1';

const rows: readonly Row[] = [
  // EC2/VPC: the import id is the AWS-assigned id CloudTrail indexes.
  { type: 'aws_instance', args: { ami: 'ami-0abcdef1234567890', instance_type: 't3.micro' }, importId: 'i-0123456789abcdef0', expect: ['i-0123456789abcdef0'], region: R },
  { type: 'aws_vpc', args: { cidr_block: '10.0.0.0/16' }, importId: 'vpc-0a1b2c3d4e5f60718', expect: ['vpc-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_subnet', args: { cidr_block: '10.0.1.0/24' }, importId: 'subnet-0a1b2c3d4e5f60718', expect: ['subnet-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_route_table', args: {}, importId: 'rtb-0a1b2c3d4e5f60718', expect: ['rtb-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_internet_gateway', args: {}, importId: 'igw-0a1b2c3d4e5f60718', expect: ['igw-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_egress_only_internet_gateway', args: {}, importId: 'eigw-0a1b2c3d4e5f60718', expect: ['eigw-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_nat_gateway', args: { connectivity_type: 'public' }, importId: 'nat-0a1b2c3d4e5f60718', expect: ['nat-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_eip', args: { domain: 'vpc' }, importId: 'eipalloc-0a1b2c3d4e5f60718', expect: ['eipalloc-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_network_interface', args: {}, importId: 'eni-0a1b2c3d4e5f60718', expect: ['eni-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_network_acl', args: {}, importId: 'acl-0a1b2c3d4e5f60718', expect: ['acl-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_ebs_volume', args: { availability_zone: 'eu-west-1a', size: '40' }, importId: 'vol-0a1b2c3d4e5f60718', expect: ['vol-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_ebs_snapshot', args: {}, importId: 'snap-0a1b2c3d4e5f60718', expect: ['snap-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_ami', args: { name: 'golden' }, importId: 'ami-0a1b2c3d4e5f60718', expect: ['ami-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_vpc_peering_connection', args: {}, importId: 'pcx-0a1b2c3d4e5f60718', expect: ['pcx-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_vpc_endpoint', args: { service_name: 'com.amazonaws.eu-west-1.s3' }, importId: 'vpce-0a1b2c3d4e5f60718', expect: ['vpce-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_ec2_transit_gateway', args: {}, importId: 'tgw-0a1b2c3d4e5f60718', expect: ['tgw-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_security_group', args: { name: 'web-sg' }, importId: 'sg-0a1b2c3d4e5f60718', expect: ['sg-0a1b2c3d4e5f60718', 'web-sg'], region: R },
  { type: 'aws_launch_template', args: { name: 'web' }, importId: 'lt-0a1b2c3d4e5f60718', expect: ['lt-0a1b2c3d4e5f60718', 'web'], region: R },
  { type: 'aws_key_pair', args: { key_name: 'deployer' }, importId: 'deployer', expect: ['deployer'], region: R },
  // EC2 sub-resources: the parent's id (route → route_table_id, rule → security_group_id…).
  { type: 'aws_route', args: { route_table_id: 'rtb-0a1b2c3d4e5f60718', destination_cidr_block: '10.42.0.0/16' }, importId: 'rtb-0a1b2c3d4e5f60718_10.42.0.0/16', expect: ['rtb-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_route_table_association', args: { subnet_id: 'subnet-0a1b2c3d4e5f60718', route_table_id: 'rtb-0a1b2c3d4e5f60718' }, expect: ['rtb-0a1b2c3d4e5f60718', 'subnet-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_security_group_rule', args: { type: 'ingress', security_group_id: 'sg-0a1b2c3d4e5f60718', protocol: 'tcp' }, importId: 'sg-0a1b2c3d4e5f60718_ingress_tcp_8000_8000_10.0.3.0/24', expect: ['sg-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_vpc_security_group_ingress_rule', args: { security_group_id: 'sg-0a1b2c3d4e5f60718', cidr_ipv4: '10.0.0.0/8' }, importId: 'sgr-02108b27edd666983', expect: ['sg-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_vpc_security_group_egress_rule', args: { security_group_id: 'sg-0a1b2c3d4e5f60718', cidr_ipv4: '0.0.0.0/0' }, importId: 'sgr-02108b27edd666983', expect: ['sg-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_network_acl_rule', args: { network_acl_id: 'acl-0a1b2c3d4e5f60718', rule_number: '200' }, importId: 'acl-0a1b2c3d4e5f60718:200:tcp:false', expect: ['acl-0a1b2c3d4e5f60718'], region: R },
  { type: 'aws_volume_attachment', args: { volume_id: 'vol-0a1b2c3d4e5f60718', instance_id: 'i-0123456789abcdef0', device_name: '/dev/sdh' }, expect: ['vol-0a1b2c3d4e5f60718', 'i-0123456789abcdef0'], region: R },
  { type: 'aws_eip_association', args: { allocation_id: 'eipalloc-0a1b2c3d4e5f60718', instance_id: 'i-0123456789abcdef0' }, expect: ['eipalloc-0a1b2c3d4e5f60718', 'i-0123456789abcdef0'], region: R },
  // IAM: names, us-east-1.
  { type: 'aws_iam_role', args: { name: 'deploy' }, importId: 'deploy', expect: ['deploy'], region: G },
  { type: 'aws_iam_user', args: { name: 'alice', path: '/ops/' }, expect: ['alice'], region: G },
  { type: 'aws_iam_group', args: { name: 'admins' }, expect: ['admins'], region: G },
  { type: 'aws_iam_instance_profile', args: { name: 'web' }, expect: ['web'], region: G },
  { type: 'aws_iam_policy', args: { name: 'ReadLogs' }, importId: `arn:aws:iam::${A}:policy/ReadLogs`, expect: [`arn:aws:iam::${A}:policy/ReadLogs`, 'ReadLogs'], region: G },
  { type: 'aws_iam_role_policy', args: { role: 'deploy', name: 'inline' }, importId: 'deploy:inline', expect: ['deploy'], region: G },
  { type: 'aws_iam_user_policy', args: { user: 'alice', name: 'inline' }, importId: 'alice:inline', expect: ['alice'], region: G },
  { type: 'aws_iam_group_policy', args: { group: 'admins', name: 'inline' }, importId: 'admins:inline', expect: ['admins'], region: G },
  { type: 'aws_iam_role_policy_attachment', args: { role: 'deploy', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, importId: 'deploy/arn:aws:iam::aws:policy/ReadOnlyAccess', expect: ['deploy', 'arn:aws:iam::aws:policy/ReadOnlyAccess'], region: G },
  { type: 'aws_iam_user_policy_attachment', args: { user: 'alice', policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }, expect: ['alice', 'arn:aws:iam::aws:policy/PowerUserAccess'], region: G },
  { type: 'aws_iam_group_policy_attachment', args: { group: 'admins', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, expect: ['admins', 'arn:aws:iam::aws:policy/AdministratorAccess'], region: G },
  { type: 'aws_iam_access_key', args: { user: 'alice' }, expect: ['alice'], region: G },
  { type: 'aws_iam_user_login_profile', args: { user: 'alice' }, importId: 'alice', expect: ['alice'], region: G },
  { type: 'aws_iam_group_membership', args: { group: 'admins', name: 'admins-members' }, expect: ['admins'], region: G },
  // S3: the bucket name (and ARN); bucket sub-resources under the bucket.
  { type: 'aws_s3_bucket', args: { bucket: 'acme-logs' }, importId: 'acme-logs', expect: ['acme-logs', 'arn:aws:s3:::acme-logs'], region: R },
  ...[
    'aws_s3_bucket_policy',
    'aws_s3_bucket_versioning',
    'aws_s3_bucket_public_access_block',
    'aws_s3_bucket_acl',
    'aws_s3_bucket_server_side_encryption_configuration',
    'aws_s3_bucket_lifecycle_configuration',
    'aws_s3_bucket_ownership_controls',
    'aws_s3_bucket_notification',
    'aws_s3_bucket_cors_configuration',
    'aws_s3_bucket_logging',
    'aws_s3_bucket_website_configuration',
    'aws_s3_bucket_replication_configuration',
  ].map((type): Row => ({ type, args: { bucket: 'acme-logs' }, importId: `acme-logs,${A}`, expect: ['acme-logs'], region: R })),
  // Databases, compute, messaging, logs.
  { type: 'aws_db_instance', args: { identifier: 'orders-db', engine: 'postgres' }, importId: 'orders-db', expect: ['orders-db'], region: R },
  { type: 'aws_rds_cluster', args: { cluster_identifier: 'orders' }, expect: ['orders'], region: R },
  { type: 'aws_db_subnet_group', args: { name: 'main' }, expect: ['main'], region: R },
  { type: 'aws_db_parameter_group', args: { name: 'pg16' }, expect: ['pg16'], region: R },
  { type: 'aws_dynamodb_table', args: { name: 'Music', hash_key: 'Artist' }, expect: ['Music'], region: R },
  { type: 'aws_lambda_function', args: { function_name: 'orders-api' }, importId: 'orders-api', expect: ['orders-api'], region: R },
  { type: 'aws_lambda_permission', args: { function_name: 'orders-api', statement_id: 'AllowS3' }, importId: 'orders-api/AllowS3', expect: ['orders-api'], region: R },
  { type: 'aws_lambda_alias', args: { function_name: 'orders-api', name: 'live' }, importId: 'orders-api/live', expect: ['orders-api'], region: R },
  { type: 'aws_lambda_event_source_mapping', args: { function_name: 'orders-api' }, expect: ['orders-api'], region: R },
  { type: 'aws_sns_topic', args: { name: 'alerts' }, importId: `arn:aws:sns:${R}:${A}:alerts`, expect: [`arn:aws:sns:${R}:${A}:alerts`, 'alerts'], region: R },
  { type: 'aws_sns_topic_subscription', args: { topic_arn: `arn:aws:sns:${R}:${A}:alerts`, protocol: 'sqs' }, expect: [`arn:aws:sns:${R}:${A}:alerts`, 'alerts'], region: R },
  { type: 'aws_sns_topic_policy', args: { arn: `arn:aws:sns:${R}:${A}:alerts` }, expect: [`arn:aws:sns:${R}:${A}:alerts`], region: R },
  { type: 'aws_sqs_queue', args: { name: 'jobs' }, importId: `https://queue.amazonaws.com/${A}/jobs`, expect: ['jobs'], region: R },
  { type: 'aws_sqs_queue_policy', args: {}, importId: `https://queue.amazonaws.com/${A}/jobs`, expect: ['jobs'], region: R },
  { type: 'aws_kms_key', args: { description: 'app' }, importId: '1234abcd-12ab-34cd-56ef-1234567890ab', expect: ['1234abcd-12ab-34cd-56ef-1234567890ab'], region: R },
  { type: 'aws_kms_alias', args: { name: 'alias/app', target_key_id: '1234abcd-12ab-34cd-56ef-1234567890ab' }, expect: ['alias/app', '1234abcd-12ab-34cd-56ef-1234567890ab'], region: R },
  { type: 'aws_secretsmanager_secret', args: { name: 'orders/db' }, expect: ['orders/db'], region: R },
  { type: 'aws_secretsmanager_secret_version', args: { secret_id: `arn:aws:secretsmanager:${R}:${A}:secret:orders/db-Xy12Ab` }, expect: [`arn:aws:secretsmanager:${R}:${A}:secret:orders/db-Xy12Ab`, 'orders/db'], region: R },
  { type: 'aws_ssm_parameter', args: { name: '/prod/db/url' }, expect: ['/prod/db/url', 'prod/db/url'], region: R },
  { type: 'aws_cloudwatch_log_group', args: { name: '/aws/lambda/orders-api' }, expect: ['/aws/lambda/orders-api'], region: R },
  { type: 'aws_cloudwatch_log_stream', args: { name: 'stream-1', log_group_name: '/aws/lambda/orders-api' }, importId: '/aws/lambda/orders-api:stream-1', expect: ['/aws/lambda/orders-api'], region: R },
  { type: 'aws_cloudwatch_log_subscription_filter', args: { name: 'to-kinesis', log_group_name: '/aws/lambda/orders-api' }, expect: ['/aws/lambda/orders-api'], region: R },
  { type: 'aws_cloudwatch_metric_alarm', args: { alarm_name: 'orders-5xx' }, expect: ['orders-5xx'], region: R },
  { type: 'aws_cloudwatch_event_rule', args: { name: 'nightly' }, importId: 'default/nightly', expect: ['nightly'], region: R },
  { type: 'aws_cloudwatch_event_target', args: { arn: `arn:aws:lambda:${R}:${A}:function:orders-api` }, importId: 'nightly/orders', expect: ['nightly'], region: R },
  { type: 'aws_cloudtrail', args: { name: 'management-events' }, expect: ['management-events'], region: R },
  { type: 'aws_cloudformation_stack', args: { name: 'networking' }, expect: ['networking'], region: R },
  { type: 'aws_sfn_state_machine', args: { name: 'orders-flow' }, expect: ['orders-flow'], region: R },
  { type: 'aws_kinesis_stream', args: { name: 'clicks' }, expect: ['clicks'], region: R },
  { type: 'aws_glue_job', args: { name: 'etl' }, expect: ['etl'], region: R },
  { type: 'aws_glue_catalog_database', args: { name: 'lake' }, expect: ['lake'], region: R },
  { type: 'aws_athena_workgroup', args: { name: 'analysts' }, expect: ['analysts'], region: R },
  { type: 'aws_cognito_user_pool', args: { name: 'customers' }, importId: 'eu-west-1_AbCdEfGhI', expect: ['eu-west-1_AbCdEfGhI', 'customers'], region: R },
  { type: 'aws_elasticache_cluster', args: { cluster_id: 'sessions' }, expect: ['sessions'], region: R },
  { type: 'aws_elasticache_replication_group', args: { replication_group_id: 'cache' }, expect: ['cache'], region: R },
  { type: 'aws_redshift_cluster', args: { cluster_identifier: 'warehouse' }, expect: ['warehouse'], region: R },
  { type: 'aws_autoscaling_group', args: { name: 'web-asg' }, expect: ['web-asg'], region: R },
  // Containers.
  { type: 'aws_ecr_repository', args: { name: 'orders' }, expect: ['orders'], region: R },
  { type: 'aws_ecr_repository_policy', args: { repository: 'orders' }, expect: ['orders'], region: R },
  { type: 'aws_ecr_lifecycle_policy', args: { repository: 'orders' }, expect: ['orders'], region: R },
  { type: 'aws_eks_cluster', args: { name: 'prod' }, expect: ['prod'], region: R },
  { type: 'aws_eks_node_group', args: { cluster_name: 'prod', node_group_name: 'general' }, importId: 'prod:general', expect: ['general', 'prod'], region: R },
  { type: 'aws_ecs_cluster', args: { name: 'apps' }, expect: ['apps'], region: R },
  { type: 'aws_ecs_service', args: { name: 'orders', cluster: 'apps' }, importId: 'apps/orders', expect: ['orders', 'apps'], region: R },
  { type: 'aws_ecs_task_definition', args: { family: 'orders' }, expect: ['orders'], region: R },
  // Load balancing.
  { type: 'aws_lb', args: { name: 'orders-api' }, expect: ['orders-api'], region: R },
  { type: 'aws_alb', args: { name: 'orders-api' }, expect: ['orders-api'], region: R },
  { type: 'aws_elb', args: { name: 'legacy' }, expect: ['legacy'], region: R },
  { type: 'aws_lb_target_group', args: { name: 'orders' }, expect: ['orders'], region: R },
  { type: 'aws_alb_target_group', args: { name: 'orders' }, expect: ['orders'], region: R },
  { type: 'aws_lb_listener', args: { load_balancer_arn: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/orders-api/50dc6c495c0c9188` }, expect: ['orders-api', `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/orders-api/50dc6c495c0c9188`], region: R },
  { type: 'aws_lb_listener_rule', args: { listener_arn: `arn:aws:elasticloadbalancing:${R}:${A}:listener/app/orders-api/50dc6c495c0c9188/f2f7dc8efc522ab2` }, expect: [`arn:aws:elasticloadbalancing:${R}:${A}:listener/app/orders-api/50dc6c495c0c9188/f2f7dc8efc522ab2`], region: R },
  { type: 'aws_lb_target_group_attachment', args: { target_group_arn: `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/orders/73e2d6bc24d8a067` }, expect: ['orders', `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/orders/73e2d6bc24d8a067`], region: R },
  // WAFv2: ID/NAME/SCOPE import ids; CLOUDFRONT scope is recorded in us-east-1.
  { type: 'aws_wafv2_web_acl', args: { name: 'edge', scope: 'REGIONAL' }, importId: 'a1b2c3d4-d5f6-7777-8888-9999aaaabbbb/edge/REGIONAL', expect: ['a1b2c3d4-d5f6-7777-8888-9999aaaabbbb', 'edge'], region: R },
  { type: 'aws_wafv2_ip_set', args: { name: 'blocked', scope: 'CLOUDFRONT' }, expect: ['blocked'], region: G },
  { type: 'aws_wafv2_rule_group', args: { name: 'rules', scope: 'REGIONAL' }, importId: 'a1b2c3d4-d5f6-7777-8888-9999aaaabbbb/rules/REGIONAL', expect: ['a1b2c3d4-d5f6-7777-8888-9999aaaabbbb', 'rules'], region: R },
  { type: 'aws_wafv2_web_acl_association', args: { web_acl_arn: `arn:aws:wafv2:${R}:${A}:regional/webacl/edge/a1b2c3d4-d5f6-7777-8888-9999aaaabbbb`, resource_arn: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/orders-api/50dc6c495c0c9188` }, expect: [`arn:aws:wafv2:${R}:${A}:regional/webacl/edge/a1b2c3d4-d5f6-7777-8888-9999aaaabbbb`, 'edge', 'a1b2c3d4-d5f6-7777-8888-9999aaaabbbb'], region: R },
  // Global edge and DNS.
  { type: 'aws_cloudfront_distribution', args: { enabled: 'true' }, importId: 'E74FTE3EXAMPLE', expect: ['E74FTE3EXAMPLE'], region: G },
  { type: 'aws_route53_zone', args: { name: 'example.com' }, importId: 'Z1D633PJN98FT9', expect: ['Z1D633PJN98FT9'], region: G },
  { type: 'aws_route53_record', args: { zone_id: 'Z1D633PJN98FT9', name: 'www', type: 'A' }, importId: 'Z1D633PJN98FT9_www_A', expect: ['Z1D633PJN98FT9'], region: G },
  { type: 'aws_acm_certificate', args: { domain_name: 'example.com' }, importId: `arn:aws:acm:${R}:${A}:certificate/123e4567-e89b-12d3-a456-426614174000`, expect: [`arn:aws:acm:${R}:${A}:certificate/123e4567-e89b-12d3-a456-426614174000`], region: R },
  { type: 'aws_api_gateway_rest_api', args: { name: 'orders' }, importId: '12345abcde', expect: ['12345abcde', 'orders'], region: R },
];

function fileFor(row: Row): string {
  const args = Object.entries(row.args)
    .map(([k, v]) => `  ${k} = ${/^(true|false|\d+)$/.test(v) ? v : JSON.stringify(v)}`)
    .join('\n');
  const imported = row.importId === undefined ? '' : `\nimport {\n  to = ${row.type}.this\n  id = ${JSON.stringify(row.importId)}\n}\n`;
  return `provider "aws" {\n  region = "${R}"\n}\n\nresource "${row.type}" "this" {\n${args}\n}\n${imported}`;
}

describe('core/terraformTypes: the top AWS provider resource types, from their documented arguments', () => {
  it('has a documented row for every type of the table, and no row for a type outside it', () => {
    const covered = new Set(rows.map((r) => r.type));
    assert.deepEqual(Object.keys(TERRAFORM_TYPES).filter((t) => !covered.has(t)), []);
    assert.deepEqual([...covered].filter((t) => TERRAFORM_TYPES[t] === undefined), []);
    assert.ok(covered.size >= 100, `${covered.size} types`);
  });

  for (const row of rows) {
    it(`${row.type}: ${row.expect.join(', ')} in ${row.region}`, () => {
      const module = parseTerraformModule([fileFor(row)]);
      const block = module.blocks.find((b) => b.address === `${row.type}.this`);
      assert.ok(block);
      const resolution = resolveTerraformResource(module, block, undefined);
      assert.deepEqual(resolution.candidates.slice(0, row.expect.length), row.expect);
      assert.equal(resolution.region, row.region);
      assert.notEqual(resolution.source, 'none');
    });
  }

  it('an unknown aws_* type falls back to its name argument, in the provider region', () => {
    const module = parseTerraformModule([fileFor({ type: 'aws_brand_new_thing', args: { name: 'x' }, expect: [], region: R })]);
    assert.deepEqual(resolveTerraformResource(module, module.blocks[0], undefined).candidates, ['x']);
  });
});
