// What CloudTrail Event history can and cannot say about a kind of resource. Pure, unit-tested.
import type { Arn } from './arn';

/** A note about an ARN's resource type: `stop` when Event history cannot answer at all. */
export interface ArnNote {
  readonly stop: boolean;
  readonly message: string;
}

/** Undefined when the ARN is an ordinary resource whose management events Event history records. */
export function arnIndexingNote(arn: Arn): ArnNote | undefined {
  if (arn.service === 's3' && arn.resourceType === 'object') {
    return { stop: false, message: 'S3 object operations are data events, which Event history does not record; showing the bucket\'s management events instead.' };
  }
  if (arn.service === 'sts' && (arn.resourceType === 'assumed-role' || arn.resourceType === 'federated-user')) {
    return { stop: true, message: `${arn.raw} is a session (a caller), not a resource CloudTrail indexes: use "What did this principal do?" with its session name.` };
  }
  if (arn.service === 'logs' && arn.resource.includes(':log-stream:')) {
    return { stop: false, message: 'Log streams are not indexed by Event history; searching their log group.' };
  }
  if (arn.service === 'dynamodb' && arn.resource.includes('/stream/')) {
    return { stop: true, message: 'DynamoDB stream records are data events, which Event history does not record.' };
  }
  if (arn.service === 'execute-api') {
    return { stop: true, message: 'Calls to API Gateway APIs (execute-api) are not CloudTrail events; look up the API by its id with "Look Up Events" (ResourceName) for configuration changes.' };
  }
  return undefined;
}

/** The account of a role ARN (`arn:aws:iam::123456789012:role/x`), to compare with an ARN's account. */
export function accountOfRoleArn(roleArn: string | undefined): string | undefined {
  const match = roleArn === undefined ? null : /^arn:[a-z-]+:iam::(\d{12}):role\//.exec(roleArn);
  return match?.[1];
}
