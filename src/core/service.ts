/**
 * `eventSource` → short key and display name. CloudTrail names services by their endpoint prefix
 * (`monitoring.amazonaws.com` is CloudWatch), which people do not recognise at a glance.
 */
import type { ServiceInfo } from './model';

/** Display names for the endpoint prefixes people meet most often in CloudTrail. */
const SERVICE_LABELS: Readonly<Record<string, string>> = {
  acm: 'Certificate Manager',
  'acm-pca': 'Private CA',
  apigateway: 'API Gateway',
  appsync: 'AppSync',
  athena: 'Athena',
  autoscaling: 'Auto Scaling',
  backup: 'Backup',
  batch: 'Batch',
  cloudformation: 'CloudFormation',
  cloudfront: 'CloudFront',
  cloudhsm: 'CloudHSM',
  cloudtrail: 'CloudTrail',
  codebuild: 'CodeBuild',
  codecommit: 'CodeCommit',
  codedeploy: 'CodeDeploy',
  codepipeline: 'CodePipeline',
  'cognito-identity': 'Cognito Identity',
  'cognito-idp': 'Cognito User Pools',
  config: 'Config',
  controltower: 'Control Tower',
  dax: 'DynamoDB Accelerator',
  dynamodb: 'DynamoDB',
  ebs: 'EBS direct APIs',
  ec2: 'EC2',
  'ec2-instance-connect': 'EC2 Instance Connect',
  ecr: 'ECR',
  ecs: 'ECS',
  eks: 'EKS',
  elasticache: 'ElastiCache',
  elasticfilesystem: 'EFS',
  elasticloadbalancing: 'Elastic Load Balancing',
  es: 'OpenSearch',
  events: 'EventBridge',
  firehose: 'Data Firehose',
  fms: 'Firewall Manager',
  glue: 'Glue',
  guardduty: 'GuardDuty',
  health: 'Health',
  iam: 'IAM',
  identitystore: 'Identity Store',
  inspector2: 'Inspector',
  internetmonitor: 'Internet Monitor',
  iot: 'IoT Core',
  iotfleethub: 'IoT Fleet Hub',
  kinesis: 'Kinesis',
  kms: 'KMS',
  lambda: 'Lambda',
  logs: 'CloudWatch Logs',
  monitoring: 'CloudWatch',
  organizations: 'Organizations',
  pi: 'Performance Insights',
  rbin: 'Recycle Bin',
  rds: 'RDS',
  redshift: 'Redshift',
  route53: 'Route 53',
  route53domains: 'Route 53 Domains',
  route53resolver: 'Route 53 Resolver',
  s3: 'S3',
  's3-outposts': 'S3 on Outposts',
  sagemaker: 'SageMaker',
  secretsmanager: 'Secrets Manager',
  securityhub: 'Security Hub',
  ses: 'SES',
  shield: 'Shield',
  signin: 'Console sign-in',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'Systems Manager',
  'ssm-guiconnect': 'Systems Manager GUI Connect',
  sso: 'IAM Identity Center',
  'sso-directory': 'Identity Center directory',
  states: 'Step Functions',
  sts: 'STS',
  synthetics: 'CloudWatch Synthetics',
  transfer: 'Transfer Family',
  waf: 'WAF Classic',
  'waf-regional': 'WAF Classic (regional)',
  wafv2: 'WAF',
  xray: 'X-Ray',
};

/** The key used when a record names no event source at all. */
export const UNKNOWN_SERVICE_KEY = 'unknown';

/**
 * Derives the service of an event from its `eventSource`.
 *
 * The key is the endpoint prefix (`ec2`, `monitoring`, `signin`); the label is the familiar name
 * (`EC2`, `CloudWatch`, `Console sign-in`). Unknown sources fall back to their prefix with the
 * first letter capitalised, so new services still group sensibly. Never throws.
 */
export function deriveService(eventSource: string | undefined): ServiceInfo {
  const source = (eventSource ?? '').trim();
  if (source === '') {
    return { source: '', key: UNKNOWN_SERVICE_KEY, label: 'Unknown service' };
  }
  const key = serviceKeyOf(source);
  const label = Object.prototype.hasOwnProperty.call(SERVICE_LABELS, key) ? SERVICE_LABELS[key] : undefined;
  return { source, key, label: label ?? fallbackLabel(key) };
}

/** The short key of an event source: `ec2.amazonaws.com` → `ec2`, `s3.us-east-1.amazonaws.com` → `s3`. */
export function serviceKeyOf(eventSource: string): string {
  const lower = eventSource.trim().toLowerCase();
  const dot = lower.indexOf('.');
  return dot > 0 ? lower.slice(0, dot) : lower;
}

function fallbackLabel(key: string): string {
  return key.length === 0 ? 'Unknown service' : key.charAt(0).toUpperCase() + key.slice(1);
}
