/**
 * What the CloudTrail service indexes for one record, emulated: the values the eight lookup
 * attributes match, and the `Event` shape LookupEvents returns. This is the service's own logic
 * (not the extension's normalizer), so it lives beside the server.
 */
import { compareNewestFirstBy } from '../../src/core/eventOrder';

/** One `Resources[]` item of a LookupEvents `Event`. */
export interface WireResource {
  ResourceType?: string;
  ResourceName: string;
}

/** One record as the fake service holds it: ready to filter, sort and serialize. */
export interface IndexedEvent {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly timeMs: number;
  readonly region: string;
  readonly insight: boolean;
  readonly eventName?: string;
  readonly eventSource?: string;
  readonly username?: string;
  readonly accessKeyId?: string;
  readonly readOnly?: 'true' | 'false';
  readonly resources: readonly WireResource[];
  /** The record serialized once: the `CloudTrailEvent` string. */
  readonly json: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function lastSegment(value: string, separators: RegExp): string {
  const parts = value.split(separators);
  return parts[parts.length - 1] ?? value;
}

/** The LookupEvents `Username`: user name, role session name, federated name… (facts §1.2, §2.1). */
function deriveUsername(record: Obj): string | undefined {
  const ui = record.userIdentity;
  if (!isObj(ui)) return undefined;
  const type = str(ui.type);
  const arn = str(ui.arn);
  switch (type) {
    case 'IAMUser':
    case 'SAMLUser':
    case 'WebIdentityUser':
    case 'Directory':
    case 'Unknown':
      return str(ui.userName) ?? (arn ? lastSegment(arn, /\//) : undefined);
    case 'Root':
      return str(ui.userName) ?? 'root';
    case 'AssumedRole':
    case 'FederatedUser':
    case 'Role': {
      if (arn) return lastSegment(arn, /\//);
      const pid = str(ui.principalId);
      return pid?.includes(':') ? lastSegment(pid, /:/) : pid;
    }
    case 'IdentityCenterUser': {
      const extra = record.additionalEventData;
      return isObj(extra) ? str(extra.UserName) : undefined;
    }
    default:
      // AWSService / AWSAccount: CloudTrail leaves Username empty for most of these.
      return str(ui.userName);
  }
}

/** Request/response fields CloudTrail turns into indexed resources, by key name. */
const EC2_ID_FIELDS: readonly [string, string][] = [
  ['instanceId', 'AWS::EC2::Instance'],
  ['groupId', 'AWS::EC2::SecurityGroup'],
  ['routeTableId', 'AWS::EC2::RouteTable'],
  ['natGatewayId', 'AWS::EC2::NatGateway'],
  ['gatewayId', 'AWS::EC2::InternetGateway'],
  ['internetGatewayId', 'AWS::EC2::InternetGateway'],
  ['vpcId', 'AWS::EC2::VPC'],
  ['subnetId', 'AWS::EC2::Subnet'],
  ['volumeId', 'AWS::EC2::Volume'],
  ['snapshotId', 'AWS::EC2::Snapshot'],
  ['networkInterfaceId', 'AWS::EC2::NetworkInterface'],
  ['allocationId', 'AWS::EC2::EIP'],
  ['imageId', 'AWS::EC2::Ami'],
];

/** Collects every value of the named keys anywhere in a JSON value (bounded depth). */
function collectKeys(value: unknown, keys: ReadonlySet<string>, out: Map<string, string[]>, depth = 0): void {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys, out, depth + 1);
    return;
  }
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (keys.has(k) && typeof v === 'string' && v !== '') {
      const list = out.get(k) ?? [];
      list.push(v);
      out.set(k, list);
    } else if (typeof v === 'object') {
      collectKeys(v, keys, out, depth + 1);
    }
  }
}

const EC2_KEYS = new Set(EC2_ID_FIELDS.map(([k]) => k).concat('groupName'));

/** Resources CloudTrail indexes from request parameters, per service (facts §1.6 quirks). */
function deriveRequestResources(record: Obj, source: string | undefined): WireResource[] {
  const req = isObj(record.requestParameters) ? record.requestParameters : undefined;
  const res = isObj(record.responseElements) ? record.responseElements : undefined;
  if (!req) return [];
  const out: WireResource[] = [];
  const add = (ResourceType: string, ResourceName: unknown): void => {
    if (typeof ResourceName === 'string' && ResourceName !== '') out.push({ ResourceType, ResourceName });
  };
  switch (source) {
    case 'ec2.amazonaws.com': {
      const found = new Map<string, string[]>();
      collectKeys(req, EC2_KEYS, found);
      for (const [key, type] of EC2_ID_FIELDS) {
        for (const v of found.get(key) ?? []) {
          // `gatewayId` on routes may be igw-… or a NAT/other gateway: type it by prefix.
          const t = key === 'gatewayId' && !v.startsWith('igw-') ? 'AWS::EC2::NatGateway' : type;
          add(t, v);
        }
      }
      // Security groups are indexed by id and by group name (facts §1.6).
      for (const v of found.get('groupName') ?? []) add('AWS::EC2::SecurityGroup', v);
      break;
    }
    case 'rds.amazonaws.com':
      add('AWS::RDS::DBInstance', req.dBInstanceIdentifier);
      break;
    case 'iam.amazonaws.com':
      add('AWS::IAM::User', req.userName);
      add('AWS::IAM::Role', req.roleName);
      add('AWS::IAM::Policy', req.policyArn);
      if (isObj(res) && isObj(res.user)) add('AWS::IAM::User', res.user.arn);
      if (isObj(res) && isObj(res.role)) add('AWS::IAM::Role', res.role.arn);
      break;
    case 'cloudtrail.amazonaws.com':
      add('AWS::CloudTrail::Trail', req.name);
      break;
    case 's3.amazonaws.com':
      add('AWS::S3::Bucket', req.bucketName);
      break;
    case 'wafv2.amazonaws.com':
      // WAFv2 web ACLs: name and id; the ARN comes through the record's `resources`.
      add('AWS::WAFv2::WebACL', req.name);
      add('AWS::WAFv2::WebACL', req.id);
      break;
    case 'lambda.amazonaws.com':
      add('AWS::Lambda::Function', req.functionName);
      break;
    case 'dynamodb.amazonaws.com':
      add('AWS::DynamoDB::Table', req.tableName);
      break;
    default:
      break;
  }
  return out;
}

function deriveResources(record: Obj, source: string | undefined): WireResource[] {
  const out: WireResource[] = [];
  if (Array.isArray(record.resources)) {
    for (const r of record.resources) {
      if (!isObj(r)) continue;
      const name = str(r.ARN) ?? str(r.arn);
      if (name) out.push({ ...(str(r.type) ? { ResourceType: str(r.type) } : {}), ResourceName: name });
    }
  }
  out.push(...deriveRequestResources(record, source));
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.ResourceType ?? ''}\u0000${r.ResourceName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Indexes one raw record, or explains why it cannot be served. Never throws: a bad record only
 * drops that record.
 */
export function indexRecord(raw: unknown): { ok: true; event: IndexedEvent } | { ok: false; error: string } {
  try {
    if (!isObj(raw)) return { ok: false, error: 'record is not an object' };
    const id = str(raw.eventID);
    if (!id) return { ok: false, error: 'record has no eventID' };
    const timeMs = typeof raw.eventTime === 'string' ? Date.parse(raw.eventTime) : NaN;
    if (!Number.isFinite(timeMs)) return { ok: false, error: `record ${id} has no valid eventTime` };
    const region = str(raw.awsRegion);
    if (!region) return { ok: false, error: `record ${id} has no awsRegion` };
    const insight = raw.eventCategory === 'Insight' || raw.eventType === 'AwsCloudTrailInsight';
    const details = isObj(raw.insightDetails) ? raw.insightDetails : {};
    const eventName = insight ? str(details.eventName) ?? str(raw.eventName) : str(raw.eventName);
    const eventSource = insight ? str(details.eventSource) ?? str(raw.eventSource) : str(raw.eventSource);
    const ui = isObj(raw.userIdentity) ? raw.userIdentity : {};
    const accessKeyId = str(ui.accessKeyId);
    const readOnly = typeof raw.readOnly === 'boolean' ? (raw.readOnly ? 'true' : 'false') : raw.eventType === 'AwsConsoleSignIn' ? 'false' : undefined;
    const username = insight ? undefined : deriveUsername(raw);
    return {
      ok: true,
      event: {
        id,
        timeMs,
        region,
        insight,
        ...(eventName ? { eventName } : {}),
        ...(eventSource ? { eventSource } : {}),
        ...(username ? { username } : {}),
        ...(accessKeyId ? { accessKeyId } : {}),
        ...(readOnly ? { readOnly } : {}),
        resources: insight ? [] : deriveResources(raw, eventSource),
        json: JSON.stringify(raw),
      },
    };
  } catch (err) {
    return { ok: false, error: `record could not be indexed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Newest first; equal times by event id so paging is stable: the project's one order (core/eventOrder). */
export function compareNewestFirst(a: { timeMs: number; id: string }, b: { timeMs: number; id: string }): number {
  return compareNewestFirstBy(a.timeMs, a.id, b.timeMs, b.id);
}

/** The attribute value an event is matched on; ResourceName/ResourceType match any of several. */
export function attributeValues(event: IndexedEvent, key: string): readonly string[] {
  switch (key) {
    case 'EventId':
      return [event.id];
    case 'EventName':
      return event.eventName ? [event.eventName] : [];
    case 'EventSource':
      return event.eventSource ? [event.eventSource] : [];
    case 'Username':
      return event.username ? [event.username] : [];
    case 'AccessKeyId':
      return event.accessKeyId ? [event.accessKeyId] : [];
    case 'ReadOnly':
      return event.readOnly ? [event.readOnly] : [];
    case 'ResourceName':
      return event.resources.map((r) => r.ResourceName);
    case 'ResourceType':
      return event.resources.flatMap((r) => (r.ResourceType ? [r.ResourceType] : []));
    default:
      return [];
  }
}

/** The wire `Event` (awsJson1.1: EventTime in epoch seconds). */
export function toWireEvent(event: IndexedEvent): Record<string, unknown> {
  return {
    EventId: event.id,
    ...(event.eventName ? { EventName: event.eventName } : {}),
    ...(event.readOnly ? { ReadOnly: event.readOnly } : {}),
    ...(event.accessKeyId ? { AccessKeyId: event.accessKeyId } : {}),
    EventTime: event.timeMs / 1000,
    ...(event.eventSource ? { EventSource: event.eventSource } : {}),
    ...(event.username ? { Username: event.username } : {}),
    Resources: event.resources,
    CloudTrailEvent: event.json,
  };
}
