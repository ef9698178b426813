/**
 * Drift: three weeks ago the orders-app pipeline's Terraform created the web security group (HTTPS
 * from the VPC) and the artifacts bucket with its policy; in the last hours an Identity Center admin
 * opened SSH to the world on that group and edited the bucket policy in the console — changes
 * Terraform knows nothing about; later the pipeline re-tagged the bucket (a Terraform change on the
 * bucket, newer than the console edit of its policy).
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, assumedRoleIdentity, role, sessionKeyId, type Caller } from './principals';
import { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';
import { githubOidc } from './routeStory';
import { assumeRole } from './sessions';
import type { SampleStory } from './story';

type Obj = Record<string, unknown>;

function ingress(rand: SeededRandom, groupId: string, port: number, cidr: string): { request: Obj; response: Obj } {
  return {
    request: { groupId, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: { items: [{ cidrIp: cidr }] }, ipv6Ranges: {}, prefixListIds: {} }] } },
    response: {
      requestId: rand.uuid(),
      _return: true,
      securityGroupRuleSet: { items: [{ groupOwnerId: ACCOUNT_ID, groupId, securityGroupRuleId: `sgr-0${rand.hex(16)}`, isEgress: false, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: cidr }] },
    },
  };
}

function bucketPolicy(bucket: string, statements: readonly Obj[]): Obj {
  return { bucketName: bucket, Host: `${bucket}.s3.eu-west-1.amazonaws.com`, policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
}

export function buildDriftStory(rand: SeededRandom, story: SampleStory, cast: Cast): Obj[] {
  const out: Obj[] = [];
  const { app } = story.regions;
  const { drift } = story;
  const t = story.times.terraformApply;
  const oidc = githubOidc(cast.ciIp, 'acme/orders-app');
  const pipeline = assumeRole(rand, {
    time: t - 2 * 60_000,
    region: story.regions.global,
    caller: oidc.caller,
    role: role(drift.terraformRoleName, 'AROA4EXAMPLEAPPTF09'),
    sessionName: 'GitHubActions-orders-app-311',
    eventName: 'AssumeRoleWithWebIdentity',
    response: { subjectFromWebIdentityToken: oidc.subject, provider: oidc.provider, audience: 'sts.amazonaws.com' },
    sessionIp: cast.ciIp,
    sessionAgent: cast.terraformAgent,
  });
  out.push(pipeline.record);
  const tf = (time: number, source: string, name: string, requestParameters: Obj, responseElements: Obj | null, resources?: Obj[]): Obj =>
    buildRecord(rand, { time, region: app, source, name, caller: pipeline.session, readOnly: false, requestParameters, responseElements, ...(resources ? { resources } : {}) });
  out.push(tf(t, 'ec2.amazonaws.com', 'CreateSecurityGroup', { groupName: drift.securityGroupName, groupDescription: 'Orders web tier', vpcId: 'vpc-0b7e6d5c4a3f2e1d0' }, { requestId: rand.uuid(), _return: true, groupId: drift.securityGroupId }));
  const https = ingress(rand, drift.securityGroupId, 443, '10.20.0.0/16');
  const tfIngress = tf(t + 20_000, 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', https.request, https.response);
  out.push(tfIngress);
  story.eventIds.terraformIngress = tfIngress.eventID as string;
  const bucketArn = `arn:aws:s3:::${drift.bucketName}`;
  out.push(tf(t + 40_000, 's3.amazonaws.com', 'CreateBucket', { bucketName: drift.bucketName, Host: `${drift.bucketName}.s3.eu-west-1.amazonaws.com`, CreateBucketConfiguration: { LocationConstraint: app } }, null, [{ type: 'AWS::S3::Bucket', ARN: bucketArn }]));
  const ciRead = { Sid: 'CiRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/${drift.terraformRoleName}` }, Action: 's3:GetObject', Resource: `${bucketArn}/*` };
  const tfPolicy = tf(t + 55_000, 's3.amazonaws.com', 'PutBucketPolicy', bucketPolicy(drift.bucketName, [ciRead]), null, [{ type: 'AWS::S3::Bucket', ARN: bucketArn }]);
  out.push(tfPolicy);
  story.eventIds.terraformBucketPolicy = tfPolicy.eventID as string;

  // In the console, hours before the incident: SSH opened to the world, the bucket made public.
  const consoleUser: Caller = {
    userIdentity: assumedRoleIdentity(cast.ssoAdminRole, drift.consoleUserName, sessionKeyId(rand), story.times.manualIngress - 20 * 60_000),
    sourceIPAddress: '198.51.100.73',
    userAgent: cast.consoleAgent,
    console: true,
  };
  const clicked = (time: number, source: string, name: string, readOnly: boolean, requestParameters: Obj, responseElements: Obj | null = null, resources?: Obj[]): Obj =>
    buildRecord(rand, { time, region: app, source, name, caller: consoleUser, readOnly, requestParameters, responseElements, ...(resources ? { resources } : {}) });
  out.push(clicked(story.times.manualIngress - 90_000, 'ec2.amazonaws.com', 'DescribeSecurityGroups', true, { securityGroupIdSet: { items: [{ groupId: drift.securityGroupId }] } }));
  const ssh = ingress(rand, drift.securityGroupId, drift.manualPort, '0.0.0.0/0');
  const manual = clicked(story.times.manualIngress, 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', false, ssh.request, ssh.response);
  out.push(manual);
  story.eventIds.manualIngress = manual.eventID as string;
  const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucketArn}/*` };
  const manualPolicy = clicked(story.times.manualBucketPolicy, 's3.amazonaws.com', 'PutBucketPolicy', false, bucketPolicy(drift.bucketName, [ciRead, publicRead]), null, [{ type: 'AWS::S3::Bucket', ARN: bucketArn }]);
  out.push(manualPolicy);
  story.eventIds.manualBucketPolicy = manualPolicy.eventID as string;
  // Later the pipeline re-tags the bucket: the bucket's newest change is Terraform's, its policy's is still the console's.
  // Its own random sequence: the records generated after the story stay what they were for every seed.
  const tagging = buildRecord(new SeededRandom(story.times.terraformBucketTagging), { time: story.times.terraformBucketTagging, region: app, source: 's3.amazonaws.com', name: 'PutBucketTagging', caller: pipeline.session, readOnly: false, requestParameters: { bucketName: drift.bucketName, Host: `${drift.bucketName}.s3.eu-west-1.amazonaws.com`, tagging: '' }, responseElements: null, resources: [{ type: 'AWS::S3::Bucket', ARN: bucketArn }] });
  out.push(tagging);
  story.eventIds.terraformBucketTagging = tagging.eventID as string;
  return out;
}
