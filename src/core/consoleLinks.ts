// AWS console pages for the resources an event touched, where the console URL is known and stable.
// Pure mapping (no vscode): every id is checked against a conservative character set before it goes
// into a URL, and the host still passes every URL through linkPolicy before opening it.
import { tryParseArn, type Arn } from './arn';
import type { EventResource } from './model';

const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
// Names and ids AWS allows for the resources below (IAM: [\w+=,.@-]; EC2 ids; Lambda/DynamoDB names).
const SAFE_ID_RE = /^[A-Za-z0-9_+=,.@-]{1,256}$/;

function regional(region: string, path: string): string | undefined {
  if (!REGION_RE.test(region)) return undefined;
  return `https://${region}.console.aws.amazon.com/${path.replace('{region}', region)}`;
}

function safe(id: string | undefined): id is string {
  return id !== undefined && SAFE_ID_RE.test(id);
}

function lastSegment(text: string): string {
  const parts = text.split('/');
  return parts[parts.length - 1] ?? text;
}

/** The console URL of a resource given as a parsed ARN (partition `aws` only). */
export function consoleUrlForArn(arn: Arn): string | undefined {
  if (arn.partition !== 'aws') return undefined;
  const id = arn.resourceId;
  switch (`${arn.service}:${arn.resourceType ?? ''}`) {
    case 's3:bucket':
      return safe(id) ? `https://s3.console.aws.amazon.com/s3/buckets/${id}` : undefined;
    case 'iam:role':
      return id && safe(lastSegment(id)) ? `https://console.aws.amazon.com/iam/home#/roles/details/${lastSegment(id)}` : undefined;
    case 'iam:user':
      return id && safe(lastSegment(id)) ? `https://console.aws.amazon.com/iam/home#/users/details/${lastSegment(id)}` : undefined;
    case 'ec2:instance':
      return safe(id) ? regional(arn.region, `ec2/home?region={region}#InstanceDetails:instanceId=${id}`) : undefined;
    case 'ec2:security-group':
      return safe(id) ? regional(arn.region, `ec2/home?region={region}#SecurityGroup:groupId=${id}`) : undefined;
    case 'ec2:vpc':
      return safe(id) ? regional(arn.region, `vpcconsole/home?region={region}#VpcDetails:VpcId=${id}`) : undefined;
    case 'lambda:function':
      return safe(id) ? regional(arn.region, `lambda/home?region={region}#/functions/${id}`) : undefined;
    case 'dynamodb:table':
      return safe(id) ? regional(arn.region, `dynamodbv2/home?region={region}#table?name=${id}`) : undefined;
    case 'rds:db':
      return safe(id) ? regional(arn.region, `rds/home?region={region}#database:id=${id}`) : undefined;
    case 'kms:key':
      return safe(id) ? regional(arn.region, `kms/home?region={region}#/kms/keys/${id}`) : undefined;
    case 'eks:cluster':
      return safe(id) ? regional(arn.region, `eks/home?region={region}#/clusters/${id}`) : undefined;
    case 'cloudtrail:trail':
      return safe(id) ? regional(arn.region, `cloudtrail/home?region={region}#/trails/${arn.raw}`) : undefined;
    default:
      return undefined;
  }
}

/** Resource types whose LookupEvents `ResourceName` is a bare name or id we can link without an ARN. */
const BARE_NAME_TYPES: Readonly<Record<string, { service: string; resourceType: string }>> = {
  'AWS::S3::Bucket': { service: 's3', resourceType: 'bucket' },
  'AWS::EC2::Instance': { service: 'ec2', resourceType: 'instance' },
  'AWS::EC2::SecurityGroup': { service: 'ec2', resourceType: 'security-group' },
  'AWS::EC2::VPC': { service: 'ec2', resourceType: 'vpc' },
  'AWS::IAM::Role': { service: 'iam', resourceType: 'role' },
  'AWS::IAM::User': { service: 'iam', resourceType: 'user' },
  'AWS::Lambda::Function': { service: 'lambda', resourceType: 'function' },
  'AWS::DynamoDB::Table': { service: 'dynamodb', resourceType: 'table' },
  'AWS::RDS::DBInstance': { service: 'rds', resourceType: 'db' },
};

/**
 * The console URL of a resource an event touched, or `undefined` when none is known. Uses the ARN
 * when there is one; otherwise a bare name of a known type, in `region` (the event's region).
 */
export function consoleUrlForResource(resource: EventResource, region: string): string | undefined {
  const arn = tryParseArn(resource.arn ?? resource.name);
  if (arn) return consoleUrlForArn(arn);
  const known = resource.type === undefined ? undefined : BARE_NAME_TYPES[resource.type];
  if (!known || !safe(resource.name)) return undefined;
  const regionOfArn = known.service === 's3' || known.service === 'iam' ? '' : region;
  return consoleUrlForArn({
    partition: 'aws',
    service: known.service,
    region: regionOfArn,
    account: '',
    resource: `${known.resourceType}/${resource.name}`,
    resourceType: known.resourceType,
    resourceId: resource.name,
    raw: resource.name,
  });
}
