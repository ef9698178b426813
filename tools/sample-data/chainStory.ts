/**
 * Role chains, CloudFormation and Crossplane: an Identity Center user (`alice@example.com`, CLI
 * after `aws sso login`) assumes `deploy`, which assumes `release`, and ships a Lambda update; `bob`
 * updates a CloudFormation stack from the CLI and CloudFormation changes its queues for him; a
 * Crossplane (upjet) provider in EKS turns on versioning for a bucket through its IRSA role.
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, assumedRoleIdentity, iamUserKeyIdentity, role, sessionKeyId, type Caller } from './principals';
import type { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';
import { assumeRole } from './sessions';
import type { SampleStory } from './story';

type Obj = Record<string, unknown>;

const CROSSPLANE_SDK_AGENT = 'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/sts#1.30.3 crossplane-provider-aws-upbound/v1.14.0';
const CROSSPLANE_TF_AGENT =
  'APN/1.0 HashiCorp/1.0 Terraform/1.5.7 (+https://www.terraform.io) terraform-provider-aws/5.60.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/s3#1.58.2 crossplane-provider-aws-upbound/v1.14.0';

export function buildChainStory(rand: SeededRandom, story: SampleStory, cast: Cast): Obj[] {
  const out: Obj[] = [];
  const { app, global } = story.regions;
  const chain = story.ssoChain;
  const t = story.times.ssoAssumeDeploy;
  const permissionSet = role(chain.permissionSetRoleArn.split('/').pop()!, 'AROA4EXAMPLESSOPWR08', '/aws-reserved/sso.amazonaws.com/eu-west-1/');
  const alice: Caller = { userIdentity: assumedRoleIdentity(permissionSet, chain.userName, sessionKeyId(rand), t - 10 * 60_000), sourceIPAddress: '198.51.100.88', userAgent: `${cast.cliAgent}sts.get-caller-identity` };
  out.push(buildRecord(rand, { time: t - 60_000, region: global, source: 'sts.amazonaws.com', name: 'GetCallerIdentity', caller: alice, readOnly: true }));
  const deploy = assumeRole(rand, { time: t, region: global, caller: { ...alice, userAgent: `${cast.cliAgent}sts.assume-role` }, role: role(chain.deployRoleName, 'AROA4EXAMPLEDEPLOY10'), sessionName: chain.deploySessionName });
  out.push(deploy.record);
  story.eventIds.assumeDeploy = deploy.record.eventID as string;
  const onDeploy = buildRecord(rand, {
    time: t + 2 * 60_000,
    region: app,
    source: 'ssm.amazonaws.com',
    name: 'PutParameter',
    caller: { ...deploy.session, userAgent: `${cast.cliAgent}ssm.put-parameter` },
    readOnly: false,
    requestParameters: { name: '/orders/feature-flags', type: 'String', overwrite: true },
    responseElements: { version: 14, tier: 'Standard' },
  });
  out.push(onDeploy);
  story.eventIds.onDeploy = onDeploy.eventID as string;
  const release = assumeRole(rand, { time: t + 4 * 60_000, region: global, caller: deploy.session, role: role(chain.releaseRoleName, 'AROA4EXAMPLERELEAS11'), sessionName: chain.releaseSessionName });
  out.push(release.record);
  story.eventIds.assumeRelease = release.record.eventID as string;
  const onRelease = buildRecord(rand, {
    time: t + 6 * 60_000,
    region: app,
    source: 'lambda.amazonaws.com',
    name: 'UpdateFunctionCode20150331v2',
    caller: { ...release.session, userAgent: `${cast.cliAgent}lambda.update-function-code` },
    readOnly: false,
    requestParameters: { functionName: story.lambdaFunctionName, s3Bucket: 'acme-orders-artifacts', s3Key: 'orders-api/2026-11-20.zip', publish: true },
    responseElements: { functionName: story.lambdaFunctionName, functionArn: `arn:aws:lambda:${app}:${ACCOUNT_ID}:function:${story.lambdaFunctionName}`, version: '42' },
  });
  out.push(onRelease);
  story.eventIds.onRelease = onRelease.eventID as string;

  // bob updates the stack; CloudFormation then makes the changes with his credentials (invokedBy).
  const { stack } = story;
  const bob: Caller = { userIdentity: iamUserKeyIdentity(cast.bob), sourceIPAddress: cast.officeIp, userAgent: `${cast.cliAgent}cloudformation.update-stack` };
  const update = buildRecord(rand, {
    time: story.times.updateStack,
    region: app,
    source: 'cloudformation.amazonaws.com',
    name: 'UpdateStack',
    caller: bob,
    readOnly: false,
    requestParameters: { stackName: stack.stackName, templateURL: 'https://acme-orders-artifacts.s3.eu-west-1.amazonaws.com/cfn/orders-queues.yaml', capabilities: [] },
    responseElements: { stackId: stack.stackArn },
    resources: [{ accountId: ACCOUNT_ID, type: 'AWS::CloudFormation::Stack', ARN: stack.stackArn }],
  });
  out.push(update);
  story.eventIds.updateStack = update.eventID as string;
  const cfn: Caller = { userIdentity: { ...iamUserKeyIdentity(cast.bob), invokedBy: 'cloudformation.amazonaws.com' }, sourceIPAddress: 'cloudformation.amazonaws.com', userAgent: 'cloudformation.amazonaws.com' };
  const queueUrl = (name: string): string => `https://sqs.${app}.amazonaws.com/${ACCOUNT_ID}/${name}`;
  out.push(buildRecord(rand, { time: story.times.updateStack + 40_000, region: app, source: 'sqs.amazonaws.com', name: 'CreateQueue', caller: cfn, readOnly: false, requestParameters: { queueName: stack.deadLetterQueueName }, responseElements: { queueUrl: queueUrl(stack.deadLetterQueueName) } }));
  const change = buildRecord(rand, {
    time: story.times.updateStack + 70_000,
    region: app,
    source: 'sqs.amazonaws.com',
    name: 'SetQueueAttributes',
    caller: cfn,
    readOnly: false,
    requestParameters: { queueUrl: queueUrl(stack.queueName), attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${app}:${ACCOUNT_ID}:${stack.deadLetterQueueName}`, maxReceiveCount: 5 }) } },
  });
  out.push(change);
  story.eventIds.cloudFormationChange = change.eventID as string;

  // Crossplane's upjet provider: IRSA web identity, then a Terraform-provider call that says crossplane.
  const { crossplane } = story;
  const provider = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/oidc.eks.${app}.amazonaws.com/id/5E2C1A9B7D3F4E6A8B0C2D4F6A8B0C2D`;
  const irsa = assumeRole(rand, {
    time: story.times.crossplaneChange - 30_000,
    region: app,
    caller: { userIdentity: { type: 'WebIdentityUser', principalId: `${provider}:sts.amazonaws.com:${crossplane.serviceAccount}`, userName: crossplane.serviceAccount, identityProvider: provider }, sourceIPAddress: '34.251.20.9', userAgent: CROSSPLANE_SDK_AGENT },
    role: role(crossplane.roleName, 'AROA4EXAMPLEXPLANE12'),
    sessionName: `${Math.floor(story.times.crossplaneChange / 1000)}000000000`,
    eventName: 'AssumeRoleWithWebIdentity',
    response: { subjectFromWebIdentityToken: crossplane.serviceAccount, provider, audience: 'sts.amazonaws.com' },
    sessionAgent: CROSSPLANE_TF_AGENT,
  });
  out.push(irsa.record);
  const versioning = buildRecord(rand, {
    time: story.times.crossplaneChange,
    region: app,
    source: 's3.amazonaws.com',
    name: 'PutBucketVersioning',
    caller: irsa.session,
    readOnly: false,
    requestParameters: { bucketName: crossplane.bucketName, Host: `${crossplane.bucketName}.s3.${app}.amazonaws.com`, VersioningConfiguration: { Status: 'Enabled' } },
    resources: [{ type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${crossplane.bucketName}` }],
  });
  out.push(versioning);
  story.eventIds.crossplaneChange = versioning.eventID as string;
  return out;
}
