/**
 * The network change: weeks ago Terraform (GitHub Actions via OIDC, assuming the deploy role) built
 * a NAT gateway and a default route through it; 40 minutes after the incident the same pipeline
 * replaces 0.0.0.0/0 to point at the internet gateway instead.
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, assumedRoleIdentity, sessionKeyId, type Caller } from './principals';
import type { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';
import type { SampleStory } from './story';

type Obj = Record<string, unknown>;

const DAY = 86_400_000;

function oidcAssume(rand: SeededRandom, story: SampleStory, cast: Cast, time: number, sessionName: string): Obj {
  const provider = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
  return buildRecord(rand, {
    time,
    region: story.regions.global,
    source: 'sts.amazonaws.com',
    name: 'AssumeRoleWithWebIdentity',
    caller: {
      userIdentity: {
        type: 'WebIdentityUser',
        principalId: `${provider}:sts.amazonaws.com:repo:acme/orders-infra:ref:refs/heads/main`,
        userName: 'repo:acme/orders-infra:ref:refs/heads/main',
        identityProvider: provider,
      },
      sourceIPAddress: cast.ciIp,
      userAgent: 'aws-sdk-js/2.1691.0 promise',
    },
    readOnly: true,
    requestParameters: { roleArn: story.roleArn, roleSessionName: sessionName, durationSeconds: 3600 },
    responseElements: {
      credentials: { accessKeyId: sessionKeyId(rand), sessionToken: '<redacted>', expiration: new Date(time + 3_600_000).toUTCString() },
      subjectFromWebIdentityToken: 'repo:acme/orders-infra:ref:refs/heads/main',
      assumedRoleUser: { assumedRoleId: `${cast.deployRole.roleId}:${sessionName}`, arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${story.roleName}/${sessionName}` },
      provider,
      audience: 'sts.amazonaws.com',
    },
    resources: [{ accountId: ACCOUNT_ID, type: 'AWS::IAM::Role', ARN: story.roleArn }],
  });
}

export function buildRouteStory(rand: SeededRandom, story: SampleStory, cast: Cast): Obj[] {
  const out: Obj[] = [];
  const region = story.regions.network;
  const pipeline = (time: number, sessionName: string): Caller => ({
    userIdentity: assumedRoleIdentity(cast.deployRole, sessionName, sessionKeyId(rand), time),
    sourceIPAddress: cast.ciIp,
    userAgent: cast.terraformAgent,
  });

  const built = story.incidentTime - 31 * DAY;
  const firstSession = 'GitHubActions-orders-infra-7702';
  out.push(oidcAssume(rand, story, cast, built - 60_000, firstSession));
  const first = pipeline(built - 60_000, firstSession);
  out.push(
    buildRecord(rand, {
      time: built,
      region,
      source: 'ec2.amazonaws.com',
      name: 'CreateNatGateway',
      caller: first,
      readOnly: false,
      requestParameters: { CreateNatGatewayRequest: { SubnetId: 'subnet-0aa11bb22cc33dd44', AllocationId: 'eipalloc-0e1f2a3b4c5d6e7f8', ConnectivityType: 'public' } },
      responseElements: {
        CreateNatGatewayResponse: { natGateway: { natGatewayId: story.natGatewayId, vpcId: story.vpcId, subnetId: 'subnet-0aa11bb22cc33dd44', state: 'pending' } },
      },
    }),
  );
  out.push(
    buildRecord(rand, {
      time: built + 95_000,
      region,
      source: 'ec2.amazonaws.com',
      name: 'CreateRoute',
      caller: first,
      readOnly: false,
      requestParameters: { routeTableId: story.routeTableId, destinationCidrBlock: '0.0.0.0/0', natGatewayId: story.natGatewayId },
      responseElements: { requestId: rand.uuid(), _return: true },
    }),
  );

  const t = story.times.replaceRoute;
  out.push(oidcAssume(rand, story, cast, t - 3 * 60_000, story.deploySessionName));
  const run = pipeline(t - 3 * 60_000, story.deploySessionName);
  out.push(
    buildRecord(rand, { time: t - 100_000, region, source: 'ec2.amazonaws.com', name: 'DescribeRouteTables', caller: run, readOnly: true, requestParameters: { routeTableIdSet: { items: [{ routeTableId: story.routeTableId }] } } }),
  );
  const replace = buildRecord(rand, {
    time: t,
    region,
    source: 'ec2.amazonaws.com',
    name: 'ReplaceRoute',
    caller: run,
    readOnly: false,
    requestParameters: { routeTableId: story.routeTableId, destinationCidrBlock: '0.0.0.0/0', gatewayId: story.internetGatewayId },
    responseElements: { requestId: rand.uuid(), _return: true },
  });
  out.push(replace);
  story.eventIds.replaceRoute = replace.eventID as string;
  return out;
}
