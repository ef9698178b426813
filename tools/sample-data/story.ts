/**
 * The identifiers and times of the sample account's stories. Identifiers are fixed (so the
 * Terraform fixture workspace written from them stays valid for every seed); times follow `now`.
 */
import { ACCOUNT_ID } from './principals';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Everything a test or the demo needs to find the stories' events again. */
export interface SampleStory {
  /** 02:00:00 UTC of the latest day such that it is at least 2 hours before `now`. */
  incidentTime: number;
  accountId: string;
  /** Regional WAFv2 web ACL in eu-west-1, updated at `incidentTime`. */
  webAclArn: string;
  webAclName: string;
  webAclId: string;
  /** The DB security group (eu-west-1) opened to 0.0.0.0/0 by the attacker. */
  securityGroupId: string;
  securityGroupArn: string;
  securityGroupName: string;
  /** us-west-2 route table whose 0.0.0.0/0 route moved from `natGatewayId` to `internetGatewayId`. */
  routeTableId: string;
  natGatewayId: string;
  internetGatewayId: string;
  vpcId: string;
  /** The RDS instance in eu-west-1 deleted by `iamUserName` without MFA from `attackerIp`. */
  dbInstanceArn: string;
  dbInstanceId: string;
  /** The IAM user whose console password was brute-forced from `attackerIp`. */
  iamUserArn: string;
  iamUserName: string;
  attackerIp: string;
  /** Number of failed `ConsoleLogin`s before the successful one. */
  failedLoginCount: number;
  /** The user the attacker created (`CreateUser`, then `AttachUserPolicy` AdministratorAccess). */
  createdUserName: string;
  createdUserArn: string;
  /** The trail stopped with `StopLogging` (us-east-1). */
  trailName: string;
  trailArn: string;
  /** The Terraform deploy role (GitHub Actions OIDC) that made the `ReplaceRoute`. */
  roleArn: string;
  roleName: string;
  deploySessionName: string;
  /** The Lambda execution role whose calls fail (AccessDenied) after the WAF update. */
  lambdaRoleArn: string;
  lambdaRoleName: string;
  lambdaFunctionName: string;
  /** The Identity Center permission-set role and the person who updated the web ACL. */
  ssoRoleArn: string;
  ssoUserName: string;
  /** Resources Terraform created and someone later changed in the console (eu-west-1). */
  drift: {
    /** The OIDC role the orders-app pipeline's Terraform runs as. */
    terraformRoleArn: string;
    terraformRoleName: string;
    securityGroupId: string;
    securityGroupName: string;
    securityGroupArn: string;
    /** The port the console user opened to 0.0.0.0/0 by hand. */
    manualPort: number;
    bucketName: string;
    /** The Identity Center user who made both console changes. */
    consoleUserName: string;
  };
  /** An Identity Center user who assumes `deploy`, which assumes `release` (the AssumeRole events issue the keys). */
  ssoChain: {
    userName: string;
    permissionSetRoleArn: string;
    deployRoleArn: string;
    deployRoleName: string;
    deploySessionName: string;
    releaseRoleArn: string;
    releaseRoleName: string;
    releaseSessionName: string;
  };
  /** A CloudFormation stack update by `bob` (CLI) and the changes CloudFormation made for it. */
  stack: { stackName: string; stackArn: string; queueName: string; deadLetterQueueName: string };
  /** A Crossplane (upjet) provider in EKS changing a bucket through its IRSA role. */
  crossplane: { roleArn: string; roleName: string; bucketName: string; serviceAccount: string };
  /** Regions the stories happen in: us-east-1 (IAM, STS, sign-in, CloudTrail), eu-west-1, us-west-2. */
  regions: { global: string; app: string; network: string };
  /** When each key event happened (epoch ms). */
  times: {
    firstFailedLogin: number;
    consoleLogin: number;
    createUser: number;
    stopLogging: number;
    authorizeIngress: number;
    deleteDbInstance: number;
    updateWebAcl: number;
    replaceRoute: number;
    terraformApply: number;
    manualIngress: number;
    manualBucketPolicy: number;
    /** Terraform re-tags the artifacts bucket after the console policy edit (the bucket's newest change, not its policy's). */
    terraformBucketTagging: number;
    ssoAssumeDeploy: number;
    updateStack: number;
    crossplaneChange: number;
  };
  /** Event ids of the key events (filled by the generator; they depend on the seed). */
  eventIds: Record<
    | 'consoleLoginSuccess'
    | 'createUser'
    | 'attachUserPolicy'
    | 'stopLogging'
    | 'authorizeSecurityGroupIngress'
    | 'deleteDbInstance'
    | 'updateWebAcl'
    | 'replaceRoute'
    | 'terraformIngress'
    | 'manualIngress'
    | 'terraformBucketPolicy'
    | 'manualBucketPolicy'
    | 'terraformBucketTagging'
    | 'assumeDeploy'
    | 'onDeploy'
    | 'assumeRelease'
    | 'onRelease'
    | 'updateStack'
    | 'cloudFormationChange'
    | 'crossplaneChange',
    string
  >;
}

/** The latest 02:00 UTC at or before `now - 2h`. */
export function incidentTimeFor(now: number): number {
  const latest = now - 2 * HOUR;
  let t = Math.floor(latest / DAY) * DAY + 2 * HOUR;
  if (t > latest) t -= DAY;
  return t;
}

export function buildStory(now: number): SampleStory {
  const incidentTime = incidentTimeFor(now);
  const webAclName = 'orders-api-acl';
  const webAclId = '3f8e2c1a-9b7d-4e6f-8a5c-2d1e0f9b7c6a';
  const securityGroupId = 'sg-0a1b2c3d4e5f67890';
  const dbInstanceId = 'orders-prod-db';
  const iamUserName = 'dave.ops';
  const createdUserName = 'backup-svc';
  const trailName = 'management-events';
  const roleName = 'terraform-deploy';
  const lambdaRoleName = 'orders-api-lambda-role';
  const ssoRoleName = 'AWSReservedSSO_AdministratorAccess_5c1f3a9e7d2b4c60';
  const driftSgId = 'sg-0d4e5f6a7b8c9d0e1';
  const stackName = 'orders-queues';
  return {
    incidentTime,
    accountId: ACCOUNT_ID,
    webAclArn: `arn:aws:wafv2:eu-west-1:${ACCOUNT_ID}:regional/webacl/${webAclName}/${webAclId}`,
    webAclName,
    webAclId,
    securityGroupId,
    securityGroupArn: `arn:aws:ec2:eu-west-1:${ACCOUNT_ID}:security-group/${securityGroupId}`,
    securityGroupName: 'orders-db-sg',
    routeTableId: 'rtb-0f1e2d3c4b5a69788',
    natGatewayId: 'nat-0123456789abcdef0',
    internetGatewayId: 'igw-0fedcba9876543210',
    vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
    dbInstanceArn: `arn:aws:rds:eu-west-1:${ACCOUNT_ID}:db:${dbInstanceId}`,
    dbInstanceId,
    iamUserArn: `arn:aws:iam::${ACCOUNT_ID}:user/${iamUserName}`,
    iamUserName,
    attackerIp: '203.0.113.77',
    failedLoginCount: 20,
    createdUserName,
    createdUserArn: `arn:aws:iam::${ACCOUNT_ID}:user/${createdUserName}`,
    trailName,
    trailArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/${trailName}`,
    roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}`,
    roleName,
    deploySessionName: 'GitHubActions-orders-infra-8121',
    lambdaRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${lambdaRoleName}`,
    lambdaRoleName,
    lambdaFunctionName: 'orders-api',
    ssoRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/eu-west-1/${ssoRoleName}`,
    ssoUserName: 'jane.doe@example.com',
    drift: {
      terraformRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/orders-app-terraform`,
      terraformRoleName: 'orders-app-terraform',
      securityGroupId: driftSgId,
      securityGroupName: 'orders-web-sg',
      securityGroupArn: `arn:aws:ec2:eu-west-1:${ACCOUNT_ID}:security-group/${driftSgId}`,
      manualPort: 22,
      bucketName: 'acme-orders-artifacts',
      consoleUserName: 'sam.lee@example.com',
    },
    ssoChain: {
      userName: 'alice@example.com',
      permissionSetRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PowerUserAccess_0a1b2c3d4e5f6a7b`,
      deployRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/deploy`,
      deployRoleName: 'deploy',
      deploySessionName: 'alice-deploy',
      releaseRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/release`,
      releaseRoleName: 'release',
      releaseSessionName: 'release-2291',
    },
    stack: {
      stackName,
      stackArn: `arn:aws:cloudformation:eu-west-1:${ACCOUNT_ID}:stack/${stackName}/6f1b2c3d-4e5f-11ef-9a0b-0a1b2c3d4e5f`,
      queueName: 'orders-jobs',
      deadLetterQueueName: 'orders-jobs-dlq',
    },
    crossplane: {
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/crossplane-provider-aws`,
      roleName: 'crossplane-provider-aws',
      bucketName: 'acme-logs-archive',
      serviceAccount: 'system:serviceaccount:crossplane-system:provider-aws-s3',
    },
    regions: { global: 'us-east-1', app: 'eu-west-1', network: 'us-west-2' },
    times: {
      firstFailedLogin: incidentTime - 3 * HOUR,
      consoleLogin: incidentTime - 3 * HOUR + 9 * 60_000,
      createUser: incidentTime - 2 * HOUR - 45 * 60_000,
      stopLogging: incidentTime - 2 * HOUR - 30 * 60_000,
      authorizeIngress: incidentTime - 2 * HOUR - 20 * 60_000,
      deleteDbInstance: incidentTime - 2 * HOUR - 10 * 60_000,
      updateWebAcl: incidentTime,
      replaceRoute: incidentTime + 40 * 60_000,
      terraformApply: incidentTime - 20 * DAY + 12 * HOUR,
      manualIngress: incidentTime - 5 * HOUR,
      manualBucketPolicy: incidentTime - 4 * HOUR - 30 * 60_000,
      terraformBucketTagging: incidentTime - 3 * HOUR - 30 * 60_000,
      ssoAssumeDeploy: incidentTime - 7 * HOUR,
      updateStack: incidentTime - 9 * HOUR,
      crossplaneChange: incidentTime - 2 * DAY + 3 * HOUR,
    },
    eventIds: {
      consoleLoginSuccess: '',
      createUser: '',
      attachUserPolicy: '',
      stopLogging: '',
      authorizeSecurityGroupIngress: '',
      deleteDbInstance: '',
      updateWebAcl: '',
      replaceRoute: '',
      terraformIngress: '',
      manualIngress: '',
      terraformBucketPolicy: '',
      manualBucketPolicy: '',
      terraformBucketTagging: '',
      assumeDeploy: '',
      onDeploy: '',
      assumeRelease: '',
      onRelease: '',
      updateStack: '',
      cloudFormationChange: '',
      crossplaneChange: '',
    },
  };
}
