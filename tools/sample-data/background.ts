/**
 * Ordinary activity around the stories: Describe/List/Get reads and everyday writes by people,
 * pipelines and AWS services, over the last 90 days and densest in the last 24 hours.
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, assumedRoleIdentity, iamUserKeyIdentity, type Caller, type Role } from './principals';
import type { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';

type Obj = Record<string, unknown>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Template {
  readonly source: string;
  readonly name: string;
  readonly readOnly: boolean;
  /** IAM and similar global services are recorded in us-east-1. */
  readonly global?: boolean;
  /** Only AWS-service principals make these (e.g. Auto Scaling launching instances). */
  readonly serviceOnly?: boolean;
  readonly params: (rand: SeededRandom, ctx: Context) => Obj | null;
}

interface Context {
  readonly region: string;
  readonly instances: readonly string[];
}

const BUCKETS = ['acme-orders-artifacts', 'acme-terraform-state', 'acme-logs-archive'];
const FUNCTIONS = ['orders-api', 'orders-worker', 'invoice-renderer'];
const ROLES = ['terraform-deploy', 'orders-api-lambda-role', 'orders-worker-role'];

const TEMPLATES: readonly Template[] = [
  { source: 'ec2.amazonaws.com', name: 'DescribeInstances', readOnly: true, params: () => ({ instancesSet: {}, filterSet: {} }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeSecurityGroups', readOnly: true, params: () => ({ securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeVpcs', readOnly: true, params: () => ({ vpcSet: {}, filterSet: {} }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeSubnets', readOnly: true, params: () => ({ subnetSet: {}, filterSet: {} }) },
  { source: 'rds.amazonaws.com', name: 'DescribeDBInstances', readOnly: true, params: () => null },
  { source: 'lambda.amazonaws.com', name: 'ListFunctions20150331', readOnly: true, params: () => null },
  { source: 'lambda.amazonaws.com', name: 'GetFunction20150331v2', readOnly: true, params: (r) => ({ functionName: r.pick(FUNCTIONS) }) },
  { source: 'monitoring.amazonaws.com', name: 'DescribeAlarms', readOnly: true, params: () => ({ maxRecords: 100 }) },
  { source: 'logs.amazonaws.com', name: 'DescribeLogGroups', readOnly: true, params: () => ({ limit: 50 }) },
  { source: 'cloudformation.amazonaws.com', name: 'DescribeStacks', readOnly: true, params: () => null },
  { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true, params: () => null },
  { source: 'kms.amazonaws.com', name: 'ListAliases', readOnly: true, params: () => null },
  { source: 'ssm.amazonaws.com', name: 'DescribeInstanceInformation', readOnly: true, params: () => ({ maxResults: 50 }) },
  { source: 'secretsmanager.amazonaws.com', name: 'ListSecrets', readOnly: true, params: () => null },
  { source: 'iam.amazonaws.com', name: 'GetRole', readOnly: true, global: true, params: (r) => ({ roleName: r.pick(ROLES) }) },
  { source: 'iam.amazonaws.com', name: 'ListRoles', readOnly: true, global: true, params: () => null },
  { source: 'iam.amazonaws.com', name: 'ListAttachedRolePolicies', readOnly: true, global: true, params: (r) => ({ roleName: r.pick(ROLES) }) },
  { source: 's3.amazonaws.com', name: 'ListBuckets', readOnly: true, global: true, params: () => ({ Host: 's3.amazonaws.com' }) },
  { source: 's3.amazonaws.com', name: 'GetBucketPolicy', readOnly: true, params: (r) => ({ bucketName: r.pick(BUCKETS), Host: 's3.amazonaws.com', policy: '' }) },
  {
    source: 'ec2.amazonaws.com',
    name: 'CreateTags',
    readOnly: false,
    params: (r, c) => ({ resourcesSet: { items: [{ resourceId: r.pick(c.instances) }] }, tagSet: { items: [{ key: 'owner', value: r.pick(['orders', 'platform', 'billing']) }] } }),
  },
  { source: 'ssm.amazonaws.com', name: 'PutParameter', readOnly: false, params: (r) => ({ name: `/orders/${r.pick(['feature-flags', 'batch-size', 'banner'])}`, type: 'String', overwrite: true }) },
  { source: 'logs.amazonaws.com', name: 'CreateLogStream', readOnly: false, params: (r) => ({ logGroupName: `/aws/lambda/${r.pick(FUNCTIONS)}`, logStreamName: `2026/01/01/[$LATEST]${r.hex(32)}` }) },
  {
    source: 'lambda.amazonaws.com',
    name: 'UpdateFunctionConfiguration20150331v2',
    readOnly: false,
    params: (r) => ({ functionName: r.pick(FUNCTIONS), memorySize: r.pick([256, 512, 1024]), timeout: 30 }),
  },
  { source: 's3.amazonaws.com', name: 'PutBucketTagging', readOnly: false, params: (r) => ({ bucketName: r.pick(BUCKETS), Host: 's3.amazonaws.com', tagging: '' }) },
  { source: 'cloudformation.amazonaws.com', name: 'UpdateStack', readOnly: false, params: (r) => ({ stackName: r.pick(['orders-api', 'orders-worker']), usePreviousTemplate: true }) },
  { source: 'iam.amazonaws.com', name: 'PutRolePolicy', readOnly: false, global: true, params: (r) => ({ roleName: r.pick(ROLES), policyName: 'inline-access' }) },
  {
    source: 'ec2.amazonaws.com',
    name: 'RunInstances',
    readOnly: false,
    serviceOnly: true,
    params: (r) => ({ instancesSet: { items: [{ minCount: 1, maxCount: 1 }] }, launchTemplate: { launchTemplateId: `lt-0${r.hex(16)}`, version: '3' } }),
  },
  { source: 'ec2.amazonaws.com', name: 'TerminateInstances', readOnly: false, serviceOnly: true, params: (r, c) => ({ instancesSet: { items: [{ instanceId: r.pick(c.instances) }] } }) },
];

interface Actor {
  readonly weight: number;
  readonly readOnlyOnly?: boolean;
  readonly service?: boolean;
  readonly caller: (rand: SeededRandom, time: number, sessionKey: string) => Caller;
}

function roleSession(role: Role, sessionName: (rand: SeededRandom) => string, ip: string, agent: string, extra: Obj = {}, console = false) {
  return (rand: SeededRandom, time: number, sessionKey: string): Caller => ({
    userIdentity: assumedRoleIdentity(role, sessionName(rand), sessionKey, time - 5 * 60_000, extra),
    sourceIPAddress: ip,
    userAgent: agent,
    ...(console ? { console: true } : {}),
  });
}

function actors(cast: Cast): Actor[] {
  const configRole: Role = { name: 'AWSServiceRoleForConfig', path: '/aws-service-role/config.amazonaws.com/', arn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, roleId: 'AROA4EXAMPLECONFIG07' };
  const user = (u: Cast['alice']) => (_r: SeededRandom, _t: number, _k: string): Caller => ({ userIdentity: iamUserKeyIdentity(u), sourceIPAddress: cast.officeIp, userAgent: cast.cliAgent });
  return [
    { weight: 3, caller: user(cast.alice) },
    { weight: 2, caller: user(cast.bob) },
    { weight: 1, caller: user(cast.dave) },
    { weight: 2, caller: roleSession(cast.ssoAdminRole, () => 'jane.doe@example.com', '198.51.100.61', cast.consoleAgent, {}, true) },
    { weight: 2, readOnlyOnly: true, caller: roleSession(cast.ssoReadOnlyRole, () => 'li.wei@example.com', '198.51.100.62', cast.consoleAgent, {}, true) },
    { weight: 3, caller: roleSession(cast.deployRole, (r) => `GitHubActions-orders-infra-${r.int(8100, 8121)}`, cast.ciIp, cast.terraformAgent) },
    {
      weight: 1,
      service: true,
      caller: roleSession(cast.autoScalingRole, () => 'AutoScaling', 'autoscaling.amazonaws.com', 'autoscaling.amazonaws.com', { invokedBy: 'autoscaling.amazonaws.com' }),
    },
    {
      weight: 1,
      readOnlyOnly: true,
      caller: roleSession(configRole, () => 'AWSConfig-Describe', 'config.amazonaws.com', 'config.amazonaws.com', { invokedBy: 'config.amazonaws.com' }),
    },
  ];
}

/** A time in the last 90 days, 45% of them in the last 24 hours. */
function backgroundTime(rand: SeededRandom, now: number): number {
  if (rand.next() < 0.45) return now - 60_000 - Math.floor(rand.next() * (DAY - 60_000));
  return now - DAY - Math.floor(rand.next() * 89 * DAY);
}

export function buildBackground(rand: SeededRandom, now: number, count: number, regions: readonly string[], cast: Cast): Obj[] {
  const cast_ = actors(cast);
  const instancesByRegion = new Map(regions.map((r) => [r, Array.from({ length: 6 }, () => `i-0${rand.hex(16)}`)]));
  const regionWeights = regions.map((_, i) => (i === 0 ? 3 : i < 3 ? 2 : 1));
  const sessionKeys = new Map<string, string>();
  const out: Obj[] = [];
  for (let n = 0; n < count; n++) {
    const actorIndex = rand.weighted(
      cast_.map((_, i) => i),
      cast_.map((a) => a.weight),
    );
    const actor = cast_[actorIndex];
    const candidates = TEMPLATES.filter((t) => (actor.service ? t.serviceOnly === true || (t.readOnly && t.source === 'ec2.amazonaws.com') : !t.serviceOnly) && (!actor.readOnlyOnly || t.readOnly));
    const template = rand.pick(candidates);
    const region = template.global ? 'us-east-1' : rand.weighted(regions, regionWeights);
    const time = backgroundTime(rand, now);
    // One temporary key per actor per day, so sessions look like sessions.
    const keyId = `${actorIndex}:${Math.floor(time / DAY)}`;
    let sessionKey = sessionKeys.get(keyId);
    if (!sessionKey) {
      sessionKey = `ASIA${rand.upper(16)}`;
      sessionKeys.set(keyId, sessionKey);
    }
    const caller = actor.caller(rand, time, sessionKey);
    const failed = rand.next() < 0.03;
    const ctx: Context = { region, instances: instancesByRegion.get(region) ?? [`i-0${rand.hex(16)}`] };
    out.push(
      buildRecord(rand, {
        time,
        region,
        source: template.source,
        name: template.name,
        caller,
        readOnly: template.readOnly,
        requestParameters: template.params(rand, ctx),
        ...(failed
          ? template.source === 'ec2.amazonaws.com'
            ? { errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' }
            : { errorCode: 'AccessDenied', errorMessage: `Access denied for ${template.name}` }
          : {}),
      }),
    );
  }
  return out;
}
