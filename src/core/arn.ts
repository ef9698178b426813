/**
 * Amazon Resource Names: parsing and validation, finding ARNs in text, the ResourceName values
 * CloudTrail's LookupEvents may have indexed for a resource, and the region to ask.
 *
 * Format (IAM User Guide, reference-arns): `arn:partition:service:region:account-id:resource`, where
 * the resource may itself contain `/` and `:` (IAM paths, S3 keys, RDS `db:name`), and some ARNs omit
 * the region, the account, or both (S3 buckets, IAM, CloudFront, Route 53).
 */

/** The partitions this extension understands. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** The partitions accepted by {@link parseArn}, in display order. */
export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** A parsed, validated ARN. */
export interface Arn {
  readonly partition: Partition;
  /** The service namespace, e.g. `ec2`, `iam`, `s3`. */
  readonly service: string;
  /** Empty for region-less ARNs (S3 buckets, IAM, CloudFront, Route 53). */
  readonly region: string;
  /** Empty for account-less ARNs (S3 buckets, Route 53 zones); `aws` for AWS-managed IAM policies. */
  readonly account: string;
  /** Everything after the fifth colon, e.g. `role/path/deploy`, `db:orders`, `bucket/key`. */
  readonly resource: string;
  /**
   * The resource type, when the resource has one: the text before the first `/` or `:`
   * (`role`, `db`, `security-group`). For S3 without region/account it is `bucket` or `object`; for
   * SNS `topic` or `subscription`; for SQS `queue`.
   */
  readonly resourceType?: string;
  /** The resource after its type (`path/deploy`, `orders`, `sg-0123`), or the whole resource when untyped. */
  readonly resourceId?: string;
  /** The ARN text as given (trimmed). */
  readonly raw: string;
}

/** The result of {@link parseArn}: never thrown, always a value. */
export type ParseArnResult = { readonly ok: true; readonly arn: Arn } | { readonly ok: false; readonly reason: string };

/** ARNs longer than this are rejected (the longest ARNs AWS documents are 2048 characters). */
export const MAX_ARN_LENGTH = 2048;

const SERVICE_RE = /^[a-z0-9][a-z0-9-]*$/;
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_RE = /^\d{12}$/;
const INTERPOLATION_RE = /\$\{[^}]*\}?|%\{[^}]*\}?/;

function fail(reason: string): ParseArnResult {
  return { ok: false, reason };
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Parses and validates an ARN. Never throws: any input (including non-strings) gives either the
 * parsed {@link Arn} or a reason a person can act on, e.g. `region "us-east" is not a region name
 * like us-east-1`.
 */
export function parseArn(text: unknown): ParseArnResult {
  if (typeof text !== 'string') return fail('An ARN must be text.');
  const raw = text.trim();
  if (raw === '') return fail('The ARN is empty.');
  if (raw.length > MAX_ARN_LENGTH) return fail(`The text is ${raw.length} characters long; ARNs are at most ${MAX_ARN_LENGTH}.`);
  const interpolation = INTERPOLATION_RE.exec(raw);
  if (interpolation) {
    return fail(`The ARN contains an unresolved interpolation ${interpolation[0]}; resolve it to a literal value first.`);
  }
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code > 0x7e) return fail(`The ARN contains the non-ASCII character "${raw.charAt(i)}" at position ${i + 1}.`);
    if (code < 0x20 || code === 0x7f) return fail(`The ARN contains a control character at position ${i + 1}.`);
    if (code === 0x20) return fail(`The ARN contains a space at position ${i + 1}.`);
  }
  if (!raw.startsWith('arn:')) {
    return fail(raw.toLowerCase().startsWith('arn:') ? 'An ARN must start with lower-case "arn:".' : `"${preview(raw)}" is not an ARN: it does not start with "arn:".`);
  }
  const parts = raw.split(':');
  if (parts.length < 6) {
    return fail(`The ARN has ${parts.length - 1} colon${parts.length === 2 ? '' : 's'}; it needs at least 5 (arn:partition:service:region:account:resource).`);
  }
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (partition === '') return fail('The ARN has no partition (expected aws, aws-cn or aws-us-gov).');
  if (!isPartition(partition)) return fail(`Unsupported partition "${preview(partition)}" (expected aws, aws-cn or aws-us-gov).`);
  if (service === '') return fail('The ARN has no service (e.g. ec2, s3, iam).');
  if (!SERVICE_RE.test(service)) return fail(`The service "${preview(service)}" is not a service namespace like ec2 or s3.`);
  // CloudWatch Logs reports log group ARNs with a literal `:*` suffix; that is one resource, not a pattern.
  const resourceCore = service === 'logs' && resource.startsWith('log-group:') ? resource.replace(/:\*$/, '') : resource;
  if (region.includes('*') || account.includes('*') || resourceCore.includes('*') || resource.includes('?')) {
    return fail('The ARN contains a wildcard (* or ?): it is a pattern that matches many resources, not one resource.');
  }
  if (region !== '' && !REGION_RE.test(region)) return fail(`The region "${preview(region)}" is not a region name like us-east-1.`);
  if (account !== '' && account !== 'aws' && !ACCOUNT_RE.test(account)) {
    return fail(`The account "${preview(account)}" is not a 12-digit AWS account id.`);
  }
  if (resource === '') return fail('The ARN has no resource after the account.');
  return { ok: true, arn: { partition, service, region, account, resource, ...splitResource(service, region, account, resource), raw } };
}

function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

function splitResource(service: string, region: string, account: string, resource: string): { resourceType?: string; resourceId?: string } {
  if (service === 's3' && region === '' && account === '') {
    return resource.includes('/') ? { resourceType: 'object', resourceId: resource } : { resourceType: 'bucket', resourceId: resource };
  }
  if (service === 'sns') return { resourceType: resource.includes(':') ? 'subscription' : 'topic', resourceId: resource };
  if (service === 'sqs') return { resourceType: 'queue', resourceId: resource };
  const cut = resource.search(/[/:]/);
  if (cut <= 0) return { resourceId: resource.startsWith('/') ? resource.slice(1) : resource };
  return { resourceType: resource.slice(0, cut), resourceId: resource.slice(cut + 1) };
}

/** Returns the ARN (parsed) or undefined; a convenience over {@link parseArn}. */
export function tryParseArn(text: unknown): Arn | undefined {
  const result = parseArn(text);
  return result.ok ? result.arn : undefined;
}

// One piece of an ARN in text: a Terraform/CloudFormation-style interpolation or a plain character.
const INTERP = String.raw`\$\{[^}\n]{0,200}\}`;
const HEAD_CHAR = String.raw`[A-Za-z0-9_.*-]`;
const BODY_CHAR = String.raw`[^\s"'\x60<>\[\](){}|\\^,;$]`;
const HEAD = `(?:${INTERP}|${HEAD_CHAR})*`;
const ARN_SOURCE = String.raw`(?<![A-Za-z0-9_-])arn:${HEAD}:${HEAD}:${HEAD}:${HEAD}:(?:${INTERP}|${BODY_CHAR})+`;

/**
 * Matches one ARN-like token in text, including tokens with `${…}` interpolations (so a caller can
 * find the whole token and then explain, via {@link parseArn}, what is unresolved). Not global, so it
 * carries no `lastIndex` state: safe to share and to pass to VS Code's `getWordRangeAtPosition`.
 * A match may end in sentence punctuation; use {@link findArns} for clean ranges.
 */
export const ARN_PATTERN = new RegExp(ARN_SOURCE);

/** A fresh global copy of {@link ARN_PATTERN} for scanning with `exec`/`matchAll`. */
export function createArnScanner(): RegExp {
  return new RegExp(ARN_SOURCE, 'g');
}

/** An ARN-like token found in text, with its half-open character range `[start, end)`. */
export interface ArnMatch {
  readonly arn: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Finds every ARN-like token in `text` (ARNs with interpolations included), with trailing sentence
 * punctuation (`.`, `:`, `!`, `?`) removed. Validate each with {@link parseArn}.
 */
export function findArns(text: string): ArnMatch[] {
  const found: ArnMatch[] = [];
  for (const match of text.matchAll(createArnScanner())) {
    let token = match[0];
    token = token.replace(/[.:!?]+$/, '');
    if (token.split(':').length < 6) continue;
    found.push({ arn: token, start: match.index, end: match.index + token.length });
  }
  return found;
}

function lastSegment(value: string): string {
  const parts = value.split(/[/:]/);
  return parts[parts.length - 1] ?? value;
}

function unique(values: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const value of values) if (value !== undefined && value !== '' && !out.includes(value)) out.push(value);
  return out;
}

/** Resource types whose bare id/name is what Event history usually indexes (try it before the ARN). */
const NAME_FIRST: Readonly<Partial<Record<string, readonly string[]>>> = {
  iam: ['user', 'role', 'group', 'instance-profile', 'server-certificate'],
  rds: ['db', 'cluster', 'subgrp', 'pg', 'cluster-pg', 'og', 'snapshot', 'cluster-snapshot'],
  eks: ['cluster'],
  ecr: ['repository'],
  cloudfront: ['distribution'],
  route53: ['hostedzone', 'healthcheck'],
  kms: ['key', 'alias'],
  ecs: ['cluster'],
  events: ['event-bus', 'rule'],
  elasticache: ['cluster', 'replicationgroup'],
  'cognito-idp': ['userpool'],
  cloudwatch: ['alarm'],
  autoscaling: ['autoScalingGroup'],
  logs: ['log-group'],
  ssm: ['parameter', 'document'],
};

/**
 * The values to try as LookupEvents `ResourceName` for a resource, most likely first, without
 * duplicates. `ResourceName` is an exact match on whatever CloudTrail indexed, which varies by service
 * and event (bare ids for EC2, bare names for S3/RDS/IAM, ARNs for SNS/CloudFormation, several forms
 * for security groups, ELBv2 and IAM), so callers should look up each and merge by event id.
 * Always includes the ARN itself.
 */
export function resourceNameCandidates(arn: Arn): string[] {
  const { service, resourceType = '', resourceId = arn.resource } = arn;
  const raw = arn.raw;
  switch (service) {
    case 's3': {
      if (resourceType === 'bucket') return unique([resourceId, raw]);
      if (resourceType === 'object') {
        const bucket = resourceId.slice(0, resourceId.indexOf('/'));
        return unique([bucket, raw, `arn:${arn.partition}:s3:::${bucket}`]);
      }
      return unique([raw, lastSegment(resourceId)]);
    }
    case 'iam': {
      const name = lastSegment(resourceId);
      if (resourceType === 'policy' || resourceType === 'oidc-provider' || resourceType === 'saml-provider') return unique([raw, name]);
      return unique([name, raw, resourceId]);
    }
    case 'elasticloadbalancing': {
      // loadbalancer/app/<name>/<id>, loadbalancer/net/<name>/<id>, loadbalancer/<name> (classic), targetgroup/<name>/<id>
      const segments = resourceId.split('/');
      if (resourceType === 'loadbalancer') {
        const name = segments.length >= 3 ? segments[1] : segments[0];
        return unique([name, raw]);
      }
      if (resourceType === 'targetgroup') return unique([segments[0], raw]);
      return unique([raw]);
    }
    case 'lambda': {
      if (resourceType === 'function') {
        // function:<name>[:<version or alias>]
        const name = resourceId.split(':')[0];
        const unqualified = `arn:${arn.partition}:lambda:${arn.region}:${arn.account}:function:${name}`;
        return unique([unqualified, name, raw]);
      }
      return unique([raw, lastSegment(resourceId)]);
    }
    case 'wafv2': {
      // <scope>/webacl/<name>/<id>, also ipset, rulegroup, regexpatternset
      const segments = resourceId.split('/');
      return unique([raw, segments[1], segments[2]]);
    }
    case 'secretsmanager': {
      // secret:<name>-<6 random characters>; Event history has shown the bare name.
      const withSuffix = resourceId;
      const name = withSuffix.replace(/-[A-Za-z0-9]{6}$/, '');
      return unique([raw, name, withSuffix]);
    }
    case 'cloudformation': {
      const name = resourceId.split('/')[0];
      return unique([raw, name]);
    }
    case 'ecs': {
      if (resourceType === 'service') return unique([raw, lastSegment(resourceId), resourceId]);
      if (resourceType === 'task-definition') return unique([raw, resourceId]);
      break;
    }
    case 'ssm': {
      if (resourceType === 'parameter') return unique(resourceId.includes('/') ? [`/${resourceId}`, raw, resourceId] : [resourceId, raw, `/${resourceId}`]);
      break;
    }
    case 'logs': {
      if (resourceType === 'log-group') {
        const name = resourceId.replace(/:\*$/, '');
        const bare = arn.raw.replace(/:\*$/, '');
        return unique([name, bare, raw]);
      }
      break;
    }
    case 'autoscaling': {
      const match = /autoScalingGroupName\/(.+)$/.exec(resourceId);
      if (match?.[1] !== undefined) return unique([match[1], raw]);
      break;
    }
    case 'kms': {
      if (resourceType === 'alias') return unique([`alias/${resourceId}`, raw]);
      break;
    }
    case 'dynamodb': {
      if (resourceType === 'table') return unique([resourceId.split('/')[0], raw]);
      break;
    }
    case 'sns':
    case 'sqs':
      return unique([raw, lastSegment(resourceId)]);
    default:
      break;
  }
  // EC2 ids (i-…, sg-…, vpc-…) and most names are indexed bare.
  if (service === 'ec2' || NAME_FIRST[service]?.includes(resourceType)) {
    return unique([lastSegment(resourceId), resourceId, raw]);
  }
  return unique([raw, resourceId, lastSegment(resourceId)]);
}

/** The region global services log to, per partition. */
export function globalRegionFor(partition: Partition): string {
  switch (partition) {
    case 'aws-cn':
      return 'cn-north-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    case 'aws':
      return 'us-east-1';
  }
}

/** Services whose events Event history records in the partition's global region (us-east-1). */
const GLOBAL_SERVICES: ReadonlySet<string> = new Set(['iam', 'sts', 'cloudfront', 'route53', 'route53domains', 'signin', 'waf', 'organizations', 'shield', 'account']);

/**
 * The region to pass to LookupEvents for a resource: its own region when the ARN has one; the
 * partition's global region (us-east-1 in `aws`) for global services such as IAM, STS, CloudFront,
 * Route 53, console sign-in, WAF Classic and Organizations; `fallbackRegion` otherwise (e.g. S3
 * buckets, whose ARNs carry no region).
 */
export function lookupRegionFor(arn: Arn, fallbackRegion: string): string {
  if (GLOBAL_SERVICES.has(arn.service) && (arn.region === '' || arn.service === 'iam' || arn.service === 'cloudfront')) {
    return globalRegionFor(arn.partition);
  }
  if (arn.region !== '') return arn.region;
  return fallbackRegion;
}

/**
 * True when events from this source (`iam.amazonaws.com`, `signin.amazonaws.com`, …) are global
 * service events recorded in us-east-1 (STS: when called through its global endpoint).
 */
export function isGlobalEventSource(eventSource: string): boolean {
  const host = eventSource.trim().toLowerCase();
  const suffix = '.amazonaws.com';
  if (!host.endsWith(suffix)) return false;
  return GLOBAL_SERVICES.has(host.slice(0, -suffix.length));
}
