/**
 * The network change: weeks ago Terraform (GitHub Actions via OIDC, assuming the deploy role) built
 * a NAT gateway and a default route through it; 40 minutes after the incident the same pipeline
 * replaces 0.0.0.0/0 to point at the internet gateway instead.
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, type Caller } from './principals';
import type { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';
import { assumeRole } from './sessions';
import type { SampleStory } from './story';

type Obj = Record<string, unknown>;

const DAY = 86_400_000;

/** GitHub Actions' OIDC token for a repository's main branch, as STS records it. */
export function githubOidc(ciIp: string, repo: string): { caller: Caller; provider: string; subject: string } {
  const provider = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
  const subject = `repo:${repo}:ref:refs/heads/main`;
  return {
    provider,
    subject,
    caller: {
      userIdentity: { type: 'WebIdentityUser', principalId: `${provider}:sts.amazonaws.com:${subject}`, userName: subject, identityProvider: provider },
      sourceIPAddress: ciIp,
      userAgent: 'aws-sdk-js/2.1691.0 promise',
    },
  };
}

/** The pipeline assumes the deploy role with its OIDC token; the session it starts runs Terraform. */
function pipelineSession(rand: SeededRandom, story: SampleStory, cast: Cast, time: number, sessionName: string): { record: Obj; session: Caller } {
  const oidc = githubOidc(cast.ciIp, 'acme/orders-infra');
  return assumeRole(rand, {
    time,
    region: story.regions.global,
    caller: oidc.caller,
    role: cast.deployRole,
    sessionName,
    eventName: 'AssumeRoleWithWebIdentity',
    response: { subjectFromWebIdentityToken: oidc.subject, provider: oidc.provider, audience: 'sts.amazonaws.com' },
    sessionIp: cast.ciIp,
    sessionAgent: cast.terraformAgent,
  });
}

export function buildRouteStory(rand: SeededRandom, story: SampleStory, cast: Cast): Obj[] {
  const out: Obj[] = [];
  const region = story.regions.network;
  const built = story.incidentTime - 31 * DAY;
  const firstSession = 'GitHubActions-orders-infra-7702';
  const firstRun = pipelineSession(rand, story, cast, built - 60_000, firstSession);
  out.push(firstRun.record);
  const first = firstRun.session;
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
  const lastRun = pipelineSession(rand, story, cast, t - 3 * 60_000, story.deploySessionName);
  out.push(lastRun.record);
  const run = lastRun.session;
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
