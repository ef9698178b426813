/**
 * The events that change a Terraform sub-resource. CloudTrail indexes a sub-resource's changes under
 * its parent (a bucket policy's PutBucketPolicy under the bucket, a route's ReplaceRoute under the
 * route table), so a lookup by the parent's identifiers also returns the parent's other changes
 * (a PutBucketTagging on the bucket is no change of its policy). A sub-resource's blame keeps only
 * the events this table names for its type: the service that records them and their event names.
 * Types without an entry (the parents themselves, resources CloudTrail indexes by their own id or
 * name) take every change. Names from the AWS service authorization reference and CloudTrail
 * user guides; Lambda's names carry an API version suffix (`AddPermission20150331v2`). Pure.
 */
import type { TrailEvent } from './model';

/** The events of one sub-resource type: the recording service and the operations. */
export interface SubResourceEvents {
  /** `eventSource` of its events, e.g. `s3.amazonaws.com`. */
  readonly source: string;
  /** Event names, without Lambda's version suffix. */
  readonly names: readonly string[];
}

const s3 = (...names: string[]): SubResourceEvents => ({ source: 's3.amazonaws.com', names });
const ec2 = (...names: string[]): SubResourceEvents => ({ source: 'ec2.amazonaws.com', names });
const iam = (...names: string[]): SubResourceEvents => ({ source: 'iam.amazonaws.com', names });
const lambda = (...names: string[]): SubResourceEvents => ({ source: 'lambda.amazonaws.com', names });
const ingress = ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'UpdateSecurityGroupRuleDescriptionsIngress', 'ModifySecurityGroupRules'];
const egress = ['AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupEgress', 'UpdateSecurityGroupRuleDescriptionsEgress', 'ModifySecurityGroupRules'];

/** The table, by Terraform resource type. */
const SUB_RESOURCE_EVENTS: Readonly<Partial<Record<string, SubResourceEvents>>> = {
  aws_s3_bucket_policy: s3('PutBucketPolicy', 'DeleteBucketPolicy'),
  aws_s3_bucket_versioning: s3('PutBucketVersioning'),
  aws_s3_bucket_public_access_block: s3('PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'),
  aws_s3_bucket_acl: s3('PutBucketAcl'),
  aws_s3_bucket_server_side_encryption_configuration: s3('PutBucketEncryption', 'DeleteBucketEncryption'),
  // PutBucketLifecycleConfiguration is recorded as PutBucketLifecycle.
  aws_s3_bucket_lifecycle_configuration: s3('PutBucketLifecycle', 'DeleteBucketLifecycle'),
  aws_s3_bucket_ownership_controls: s3('PutBucketOwnershipControls', 'DeleteBucketOwnershipControls'),
  aws_s3_bucket_notification: s3('PutBucketNotification'),
  aws_s3_bucket_cors_configuration: s3('PutBucketCors', 'DeleteBucketCors'),
  aws_s3_bucket_logging: s3('PutBucketLogging'),
  aws_s3_bucket_website_configuration: s3('PutBucketWebsite', 'DeleteBucketWebsite'),
  aws_s3_bucket_replication_configuration: s3('PutBucketReplication', 'DeleteBucketReplication'),
  aws_s3_bucket_request_payment_configuration: s3('PutBucketRequestPayment'),
  aws_s3_bucket_accelerate_configuration: s3('PutAccelerateConfiguration'),
  aws_s3_bucket_object_lock_configuration: s3('PutObjectLockConfiguration'),
  aws_s3_bucket_intelligent_tiering_configuration: s3('PutBucketIntelligentTieringConfiguration', 'DeleteBucketIntelligentTieringConfiguration'),
  aws_s3_bucket_analytics_configuration: s3('PutBucketAnalyticsConfiguration', 'DeleteBucketAnalyticsConfiguration'),
  aws_s3_bucket_metric: s3('PutBucketMetricsConfiguration', 'DeleteBucketMetricsConfiguration'),
  aws_s3_bucket_inventory: s3('PutBucketInventoryConfiguration', 'DeleteBucketInventoryConfiguration'),
  aws_route: ec2('CreateRoute', 'ReplaceRoute', 'DeleteRoute'),
  aws_route_table_association: ec2('AssociateRouteTable', 'ReplaceRouteTableAssociation', 'DisassociateRouteTable'),
  aws_security_group_rule: ec2(...new Set([...ingress, ...egress])),
  aws_vpc_security_group_ingress_rule: ec2(...ingress),
  aws_vpc_security_group_egress_rule: ec2(...egress),
  aws_network_acl_rule: ec2('CreateNetworkAclEntry', 'ReplaceNetworkAclEntry', 'DeleteNetworkAclEntry'),
  aws_volume_attachment: ec2('AttachVolume', 'DetachVolume'),
  aws_eip_association: ec2('AssociateAddress', 'DisassociateAddress'),
  aws_iam_role_policy: iam('PutRolePolicy', 'DeleteRolePolicy'),
  aws_iam_user_policy: iam('PutUserPolicy', 'DeleteUserPolicy'),
  aws_iam_group_policy: iam('PutGroupPolicy', 'DeleteGroupPolicy'),
  aws_iam_role_policy_attachment: iam('AttachRolePolicy', 'DetachRolePolicy'),
  aws_iam_user_policy_attachment: iam('AttachUserPolicy', 'DetachUserPolicy'),
  aws_iam_group_policy_attachment: iam('AttachGroupPolicy', 'DetachGroupPolicy'),
  aws_iam_access_key: iam('CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey'),
  aws_iam_user_login_profile: iam('CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile'),
  aws_iam_group_membership: iam('AddUserToGroup', 'RemoveUserFromGroup'),
  aws_lambda_permission: lambda('AddPermission', 'RemovePermission'),
  aws_lambda_alias: lambda('CreateAlias', 'UpdateAlias', 'DeleteAlias'),
  aws_lambda_event_source_mapping: lambda('CreateEventSourceMapping', 'UpdateEventSourceMapping', 'DeleteEventSourceMapping'),
  aws_sns_topic_subscription: { source: 'sns.amazonaws.com', names: ['Subscribe', 'ConfirmSubscription', 'Unsubscribe', 'SetSubscriptionAttributes'] },
  aws_sns_topic_policy: { source: 'sns.amazonaws.com', names: ['SetTopicAttributes', 'AddPermission', 'RemovePermission'] },
  aws_sqs_queue_policy: { source: 'sqs.amazonaws.com', names: ['SetQueueAttributes', 'AddPermission', 'RemovePermission'] },
  aws_secretsmanager_secret_version: { source: 'secretsmanager.amazonaws.com', names: ['PutSecretValue', 'UpdateSecretVersionStage'] },
  aws_cloudwatch_log_stream: { source: 'logs.amazonaws.com', names: ['CreateLogStream', 'DeleteLogStream'] },
  aws_cloudwatch_log_subscription_filter: { source: 'logs.amazonaws.com', names: ['PutSubscriptionFilter', 'DeleteSubscriptionFilter'] },
  aws_cloudwatch_event_target: { source: 'events.amazonaws.com', names: ['PutTargets', 'RemoveTargets'] },
  aws_ecr_repository_policy: { source: 'ecr.amazonaws.com', names: ['SetRepositoryPolicy', 'DeleteRepositoryPolicy'] },
  aws_ecr_lifecycle_policy: { source: 'ecr.amazonaws.com', names: ['PutLifecyclePolicy', 'DeleteLifecyclePolicy'] },
  aws_lb_listener: { source: 'elasticloadbalancing.amazonaws.com', names: ['CreateListener', 'ModifyListener', 'DeleteListener', 'AddListenerCertificates', 'RemoveListenerCertificates'] },
  aws_lb_listener_rule: { source: 'elasticloadbalancing.amazonaws.com', names: ['CreateRule', 'ModifyRule', 'DeleteRule', 'SetRulePriorities'] },
  aws_lb_target_group_attachment: { source: 'elasticloadbalancing.amazonaws.com', names: ['RegisterTargets', 'DeregisterTargets'] },
  aws_wafv2_web_acl_association: { source: 'wafv2.amazonaws.com', names: ['AssociateWebACL', 'DisassociateWebACL'] },
  aws_route53_record: { source: 'route53.amazonaws.com', names: ['ChangeResourceRecordSets'] },
};

/** The events that change resources of `type`, or undefined when every change of its identifiers counts. */
export function subResourceEventNames(type: string): SubResourceEvents | undefined {
  return SUB_RESOURCE_EVENTS[type];
}

/** Lambda's event names end in the API version: `AddPermission20150331v2` → `AddPermission`. */
function operationOf(name: string): string {
  return name.replace(/\d{8}(?:v\d+)?$/, '');
}

/** True when `event` can be a change of a resource of `type` (always, for types without an entry). */
export function belongsToResourceType(type: string, event: Pick<TrailEvent, 'name' | 'service'>): boolean {
  const own = SUB_RESOURCE_EVENTS[type];
  if (own === undefined) return true;
  return event.service.source === own.source && own.names.includes(operationOf(event.name));
}
