/**
 * One identity per real resource. CloudTrail names a resource differently from event to event and
 * even within one event (cloudtrail-facts §1.6): a WAFv2 web ACL by its id, its name and its ARN; an
 * IAM role by its ARN on CreateRole but only its name on AttachRolePolicy; a security group by its
 * `sg-` id and its group name. This module turns every form into one {@link ResourceIdentity}: the
 * ARN when it is given or can be built from the event (type + id/name + the event's region and
 * account), else the type and the name; `core/resourceIdentityIndex.ts` joins the forms across a
 * set of events.
 */
import { parseArn, type Arn } from './arn';
import { AWS_ID_KINDS, arnForAwsId, awsIdKind } from './awsIds';
import type { EventResource, TrailEvent } from './model';
import { isObject, objectField, stringField } from './recordFields';

/** One real resource, as seen in one event. */
export interface ResourceIdentity {
  /** Stable key: a canonical ARN (IAM paths and Lambda qualifiers dropped), else `<family>/<name>`. */
  readonly key: string;
  /** `service:type` such as `wafv2:webacl`, `iam:role`, `ec2:security-group`; empty when unknown. */
  readonly family: string;
  /** The ARN as CloudTrail wrote it, else as built here; absent when it cannot be known. */
  readonly arn?: string;
  /** Every name, id and ARN the event used for it (the raw values, without duplicates). */
  readonly aliases: readonly string[];
  /** The best display name: a name beats an id, an id beats an ARN (`orders-api-acl`, not the ARN). */
  readonly label: string;
  /** `AWS::WAFv2::WebACL`, when known. */
  readonly type?: string;
}

/** What the event tells about where its resources live. */
interface Scope {
  readonly partition: string;
  readonly region: string;
  readonly account?: string;
}

/** CloudTrail resource types → the family their ARN uses. */
const TYPE_FAMILIES: Readonly<Partial<Record<string, string>>> = {
  'AWS::IAM::Role': 'iam:role',
  'AWS::IAM::User': 'iam:user',
  'AWS::IAM::Group': 'iam:group',
  'AWS::IAM::Policy': 'iam:policy',
  'AWS::IAM::InstanceProfile': 'iam:instance-profile',
  'AWS::S3::Bucket': 's3:bucket',
  'AWS::RDS::DBInstance': 'rds:db',
  'AWS::RDS::DBCluster': 'rds:cluster',
  'AWS::Lambda::Function': 'lambda:function',
  'AWS::DynamoDB::Table': 'dynamodb:table',
  'AWS::CloudTrail::Trail': 'cloudtrail:trail',
  'AWS::WAFv2::WebACL': 'wafv2:webacl',
  'AWS::WAFv2::IPSet': 'wafv2:ipset',
  'AWS::WAFv2::RuleGroup': 'wafv2:rulegroup',
  'AWS::KMS::Key': 'kms:key',
  'AWS::SNS::Topic': 'sns:topic',
  'AWS::SQS::Queue': 'sqs:queue',
  'AWS::SecretsManager::Secret': 'secretsmanager:secret',
  'AWS::Logs::LogGroup': 'logs:log-group',
  'AWS::ECR::Repository': 'ecr:repository',
  'AWS::EKS::Cluster': 'eks:cluster',
  'AWS::CloudFormation::Stack': 'cloudformation:stack',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'elasticloadbalancing:loadbalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'elasticloadbalancing:targetgroup',
};

/** Families whose name is unique in its account and region (so a name alone identifies it). */
export const NAME_UNIQUE_FAMILIES: ReadonlySet<string> = new Set([
  'iam:role',
  'iam:user',
  'iam:group',
  'iam:instance-profile',
  's3:bucket',
  'rds:db',
  'rds:cluster',
  'lambda:function',
  'dynamodb:table',
  'cloudtrail:trail',
  'wafv2:webacl',
  'wafv2:ipset',
  'wafv2:rulegroup',
  'sns:topic',
  'logs:log-group',
  'ecr:repository',
  'eks:cluster',
  'cloudformation:stack',
  'secretsmanager:secret',
]);

/** Families whose ARN carries no region (so their names are scoped by account only). */
const GLOBAL_FAMILIES: ReadonlySet<string> = new Set(['iam:role', 'iam:user', 'iam:group', 'iam:instance-profile', 'iam:policy', 's3:bucket']);

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The family of a parsed ARN: `wafv2:webacl`, `iam:role`, `s3:bucket`, `elasticloadbalancing:loadbalancer`… */
export function familyOfArn(arn: Arn): string {
  if (arn.service === 'wafv2') return `wafv2:${arn.resourceId?.split('/')[0] ?? ''}`;
  return `${arn.service}:${arn.resourceType ?? ''}`;
}

/** The family of a CloudTrail resource type (`AWS::IAM::Role` → `iam:role`), EC2 id types included. */
export function familyOfType(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  const known = TYPE_FAMILIES[type];
  if (known !== undefined) return known;
  return AWS_TYPE_FAMILIES.get(type);
}

const AWS_TYPE_FAMILIES: ReadonlyMap<string, string> = new Map(AWS_ID_KINDS.map((k) => [k.resourceType, `${k.service}:${k.arnType}`]));

/** The family of one listed resource: from its type, else from an EC2-style id prefix; empty when unknown. */
export function familyOfResource(resource: Pick<EventResource, 'name' | 'type'>): string {
  const byType = familyOfType(resource.type);
  if (byType !== undefined) return byType;
  const id = awsIdKind(resource.name);
  return id === undefined ? '' : `${id.service}:${id.arnType}`;
}

/** The name a person knows a resource by, read from its ARN (web ACL name, role name, bucket, function). */
export function nameFromArn(arn: Arn): string {
  const id = arn.resourceId ?? arn.resource;
  const segments: (string | undefined)[] = id.split('/');
  switch (arn.service) {
    case 'wafv2':
      // <scope>/<type>/<name>/<id>
      return (arn.resource.split('/') as (string | undefined)[])[2] ?? id;
    case 'lambda':
      return arn.resourceType === 'function' ? ((id.split(':') as (string | undefined)[])[0] ?? id) : id;
    case 'logs':
      return id.replace(/:\*$/, '');
    case 'secretsmanager':
      return id.replace(/-[A-Za-z0-9]{6}$/, '');
    case 'cloudformation':
    case 'dynamodb':
      return segments[0] ?? id;
    case 'elasticloadbalancing':
      return (arn.resourceType === 'loadbalancer' && segments.length >= 3 ? segments[1] : segments[0]) ?? id;
    default:
      return id.split(/[/:]/).pop() ?? id;
  }
}

/**
 * The key that is the same for every ARN spelling of one resource: IAM ARNs without their path
 * (names are unique per account, whatever the path), Lambda ARNs without version or alias, log
 * group ARNs without the `:*` suffix, WAFv2 ARNs by scope and id.
 */
export function canonicalArnKey(arn: Arn): string {
  const { partition, service, region, account } = arn;
  switch (service) {
    case 'iam':
      return arn.resourceType === undefined ? arn.raw : `arn:${partition}:iam::${account}:${arn.resourceType}/${nameFromArn(arn)}`;
    case 'lambda':
      return arn.resourceType === 'function' ? `arn:${partition}:lambda:${region}:${account}:function:${nameFromArn(arn)}` : arn.raw;
    case 'logs':
      return arn.raw.replace(/:\*$/, '');
    case 'wafv2': {
      const [scope = '', type = '', , wafId] = arn.resource.split('/') as (string | undefined)[];
      return wafId === undefined ? arn.raw : `arn:${partition}:wafv2:${region}:${account}:${scope}/${type}/${wafId}`;
    }
    default:
      return arn.raw;
  }
}

/** `arn:…` built from a name or id of a known family, or undefined when it cannot be built. */
export function buildArn(family: string, name: string, scope: Scope): string | undefined {
  const { partition, region, account = '' } = scope;
  if (name.startsWith('arn:') || name.includes(' ')) return undefined;
  const ec2 = awsIdKind(name);
  if (ec2 !== undefined) return `${ec2.service}:${ec2.arnType}` === family || family === '' ? arnForAwsId(name, region, account, partition) : undefined;
  if (family === 's3:bucket') return `arn:${partition}:s3:::${name}`;
  if (account === '' || isIdLike(name)) return undefined;
  const [service = '', type = ''] = family.split(':');
  switch (family) {
    case 'iam:role':
    case 'iam:user':
    case 'iam:group':
    case 'iam:instance-profile':
      return `arn:${partition}:iam::${account}:${type}/${name}`;
    case 'rds:db':
    case 'rds:cluster':
    case 'lambda:function':
    case 'logs:log-group':
      return region === '' ? undefined : `arn:${partition}:${service}:${region}:${account}:${type}:${name}`;
    case 'dynamodb:table':
    case 'cloudtrail:trail':
    case 'ecr:repository':
    case 'eks:cluster':
      return region === '' ? undefined : `arn:${partition}:${service}:${region}:${account}:${type === 'trail' ? 'trail' : type}/${name}`;
    case 'sns:topic':
      return region === '' ? undefined : `arn:${partition}:sns:${region}:${account}:${name}`;
    default:
      return undefined;
  }
}

/** Ids rather than names: EC2 ids, UUIDs, IAM unique ids (`AROA…`), KMS multi-Region keys, hex blobs. */
export function isIdLike(value: string): boolean {
  return (
    awsIdKind(value) !== undefined ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ||
    /^A[A-Z0-9]{3}[A-Z0-9]{12,}$/.test(value) ||
    /^mrk-[0-9a-f]{32}$/.test(value)
  );
}

/** Sort rank of a display name: names 0, ids 1, ARNs 2. */
function labelRank(value: string): number {
  if (value.startsWith('arn:')) return 2;
  return isIdLike(value) ? 1 : 0;
}

/** The best display name among aliases: a name before an id before an ARN; ties alphabetically (order-independent). */
export function bestLabel(aliases: readonly string[]): string {
  let best: string | undefined;
  for (const alias of aliases) {
    if (alias === '') continue;
    if (best === undefined || labelRank(alias) < labelRank(best) || (labelRank(alias) === labelRank(best) && alias < best)) best = alias;
  }
  return best ?? '';
}

/** The key under which a name identifies a resource of a name-unique family (scoped by account and region). */
export function nameAliasKey(family: string, name: string, scope: { readonly region: string; readonly account?: string }): string | undefined {
  if (!NAME_UNIQUE_FAMILIES.has(family) || name.startsWith('arn:')) return undefined;
  const region = GLOBAL_FAMILIES.has(family) ? '' : scope.region;
  return `name:${family}|${scope.account ?? ''}|${region}|${name}`;
}

/** WAFv2 calls carry name, id and scope in their parameters: enough to build the ARN. */
function wafArnFromEvent(family: string, raw: Readonly<Record<string, unknown>>, scope: Scope): { arn: string; names: string[] } | undefined {
  if (!family.startsWith('wafv2:')) return undefined;
  const request = objectField(raw, 'requestParameters');
  const summary = objectField(objectField(raw, 'responseElements'), 'summary');
  const given = stringField(summary, 'aRN') ?? stringField(summary, 'ARN');
  const name = stringField(request, 'name') ?? stringField(summary, 'name');
  const id = stringField(request, 'id') ?? stringField(summary, 'id');
  const names = [name, id].filter((v): v is string => v !== undefined);
  if (given !== undefined && parseArn(given).ok) return { arn: given, names };
  const wafScope = stringField(request, 'scope');
  if (name === undefined || id === undefined || wafScope === undefined || scope.account === undefined || scope.region === '') return undefined;
  const scopeWord = wafScope.toUpperCase() === 'CLOUDFRONT' ? 'global' : 'regional';
  return { arn: `arn:${scope.partition}:wafv2:${scope.region}:${scope.account}:${scopeWord}/${family.slice('wafv2:'.length)}/${name}/${id}`, names };
}

interface Draft {
  key: string;
  family: string;
  arn?: string;
  type?: string;
  aliases: string[];
  /** Values inside the ARN (its path segments): names that belong to it. */
  segments: ReadonlySet<string>;
}

function addAlias(draft: Draft, value: string): void {
  if (value !== '' && !draft.aliases.includes(value)) draft.aliases.push(value);
}

function fromArn(text: string, type: string | undefined): Draft | undefined {
  const parsed = parseArn(text);
  if (!parsed.ok) return undefined;
  const arn = parsed.arn;
  const family = familyOfType(type) ?? familyOfArn(arn);
  const segments = new Set((arn.resourceId ?? arn.resource).split(/[/:]/));
  return { key: canonicalArnKey(arn), family, arn: text, ...(type !== undefined ? { type } : {}), aliases: [text, nameFromArn(arn)], segments };
}

/**
 * The identities of one event's resources, in the order the event lists them, one per real
 * resource: a name or id that is part of a listed ARN joins it; a WAFv2 name/id joins the ARN the
 * call's parameters build; a name of a type of which the event lists exactly one resource with an
 * ARN joins that one (a security group's id and group name); EC2 ids and names of known types get
 * the ARN built from the event's region and account. Pure; never throws.
 */
export function resourceIdentitiesOf(event: TrailEvent): ResourceIdentity[] {
  const scope: Scope = { partition: partitionOf(event.region), region: event.region, ...(event.account !== undefined ? { account: event.account } : {}) };
  const drafts: Draft[] = [];
  const loose: EventResource[] = [];
  const join = (draft: Draft): Draft => {
    const same = drafts.find((d) => d.key === draft.key);
    if (same === undefined) {
      drafts.push(draft);
      return draft;
    }
    for (const alias of draft.aliases) addAlias(same, alias);
    return same;
  };
  for (const resource of event.resources) {
    const text = resource.arn ?? (resource.name.startsWith('arn:') ? resource.name : undefined);
    const draft = text === undefined ? undefined : fromArn(text, resource.type);
    if (draft === undefined) loose.push(resource);
    else addAlias(join(draft), resource.name);
  }
  const raw = isObject(event.raw) ? event.raw : {};
  for (const resource of loose) {
    const family = familyOfResource(resource);
    const owner =
      drafts.find((d) => d.segments.has(resource.name) && (family === '' || d.family === family)) ??
      (family === '' ? undefined : single(drafts.filter((d) => d.family === family)));
    if (owner !== undefined) {
      addAlias(owner, resource.name);
      continue;
    }
    const waf = wafArnFromEvent(family, raw, scope);
    const built = waf?.names.includes(resource.name) === true ? waf.arn : buildArn(family, resource.name, scope);
    const draft = built === undefined ? undefined : fromArn(built, resource.type);
    if (draft !== undefined && built !== undefined) {
      // A built ARN is a key, not something CloudTrail wrote: keep it out of the aliases.
      const joined = join({ ...draft, aliases: [nameFromArnText(built)] });
      addAlias(joined, resource.name);
      continue;
    }
    const key = family === '' ? resource.name : `${family}/${resource.name}`;
    const joined = join({ key, family, ...(resource.type !== undefined ? { type: resource.type } : {}), aliases: [], segments: new Set() });
    addAlias(joined, resource.name);
  }
  return drafts.map((d) => ({
    key: d.key,
    family: d.family,
    ...(d.arn !== undefined ? { arn: d.arn } : {}),
    aliases: d.aliases,
    label: bestLabel(d.aliases),
    ...(d.type !== undefined ? { type: d.type } : {}),
  }));
}

function single<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function nameFromArnText(text: string): string {
  const parsed = parseArn(text);
  return parsed.ok ? nameFromArn(parsed.arn) : text;
}
