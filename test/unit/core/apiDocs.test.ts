import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApiDocIndex, normalizeEventName, type ApiDocIndex } from '../../../src/core/apiDocs';
import { loadApiDocIndex, parseApiDocData } from '../../../src/data/loadApiDocs';

// out/test/unit/core → repository root; the committed data file, not ../shared.
const repoRoot = path.resolve(__dirname, '../../../..');
const dataFile = path.join(repoRoot, 'src/data/apiDocs.json');
const D = 'https://docs.aws.amazon.com/';
const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';

describe('core/apiDocs', () => {
  let index: ApiDocIndex;
  before(() => {
    index = createApiDocIndex(parseApiDocData(readFileSync(dataFile, 'utf8'), dataFile));
  });

  // Expected pages from cloudtrail-facts.md §4.3 and the Service Authorization Reference rows
  // (iam-actions-docs.json); each was checked against both.
  const documented: [string, string, string][] = [
    ['ec2.amazonaws.com', 'RunInstances', 'AWSEC2/latest/APIReference/API_RunInstances.html'],
    ['s3.amazonaws.com', 'PutBucketPolicy', 'AmazonS3/latest/API/API_PutBucketPolicy.html'],
    ['iam.amazonaws.com', 'CreateUser', 'IAM/latest/APIReference/API_CreateUser.html'],
    ['sts.amazonaws.com', 'AssumeRole', 'STS/latest/APIReference/API_AssumeRole.html'],
    ['lambda.amazonaws.com', 'CreateFunction20150331', 'lambda/latest/dg/API_CreateFunction.html'],
    ['rds.amazonaws.com', 'CreateDBInstance', 'AmazonRDS/latest/APIReference/API_CreateDBInstance.html'],
    ['dynamodb.amazonaws.com', 'CreateTable', 'amazondynamodb/latest/APIReference/API_CreateTable.html'],
    ['cloudformation.amazonaws.com', 'CreateStack', 'AWSCloudFormation/latest/APIReference/API_CreateStack.html'],
    ['monitoring.amazonaws.com', 'PutMetricAlarm', 'AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html'],
    ['logs.amazonaws.com', 'CreateLogGroup', 'AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html'],
    ['kms.amazonaws.com', 'CreateKey', 'kms/latest/APIReference/API_CreateKey.html'],
    ['sns.amazonaws.com', 'CreateTopic', 'sns/latest/api/API_CreateTopic.html'],
    ['sqs.amazonaws.com', 'CreateQueue', 'AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html'],
    ['ecs.amazonaws.com', 'CreateService', 'AmazonECS/latest/APIReference/API_CreateService.html'],
    ['eks.amazonaws.com', 'CreateCluster', 'eks/latest/APIReference/API_CreateCluster.html'],
    ['ecr.amazonaws.com', 'CreateRepository', 'AmazonECR/latest/APIReference/API_CreateRepository.html'],
    ['elasticloadbalancing.amazonaws.com', 'CreateTargetGroup', 'elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html'],
    ['route53.amazonaws.com', 'ChangeResourceRecordSets', 'Route53/latest/APIReference/API_ChangeResourceRecordSets.html'],
    ['cloudfront.amazonaws.com', 'UpdateDistribution2020_05_31', 'cloudfront/latest/APIReference/API_UpdateDistribution.html'],
    ['wafv2.amazonaws.com', 'UpdateWebACL', 'waf/latest/APIReference/API_UpdateWebACL.html'],
    ['secretsmanager.amazonaws.com', 'PutSecretValue', 'secretsmanager/latest/apireference/API_PutSecretValue.html'],
    ['ssm.amazonaws.com', 'PutParameter', 'systems-manager/latest/APIReference/API_PutParameter.html'],
    ['cloudtrail.amazonaws.com', 'StopLogging', 'awscloudtrail/latest/APIReference/API_StopLogging.html'],
    ['config.amazonaws.com', 'PutConfigRule', 'config/latest/APIReference/API_PutConfigRule.html'],
    ['guardduty.amazonaws.com', 'CreateDetector', 'guardduty/latest/APIReference/API_CreateDetector.html'],
    ['organizations.amazonaws.com', 'CreateAccount', 'organizations/latest/APIReference/API_CreateAccount.html'],
    ['sso.amazonaws.com', 'CreatePermissionSet', 'singlesignon/latest/APIReference/API_CreatePermissionSet.html'],
    ['autoscaling.amazonaws.com', 'UpdateAutoScalingGroup', 'AutoScaling/latest/APIReference/API_UpdateAutoScalingGroup.html'],
    ['apigateway.amazonaws.com', 'CreateRestApi', 'apigateway/latest/api/API_CreateRestApi.html'],
    ['states.amazonaws.com', 'CreateStateMachine', 'step-functions/latest/apireference/API_CreateStateMachine.html'],
    ['events.amazonaws.com', 'PutRule', 'eventbridge/latest/APIReference/API_PutRule.html'],
    ['kinesis.amazonaws.com', 'CreateStream', 'kinesis/latest/APIReference/API_CreateStream.html'],
    ['glue.amazonaws.com', 'CreateTable', 'glue/latest/dg/aws-glue-api-catalog-tables.html#aws-glue-api-catalog-tables-CreateTable'],
    ['athena.amazonaws.com', 'StartQueryExecution', 'athena/latest/APIReference/API_StartQueryExecution.html'],
    ['redshift.amazonaws.com', 'CreateCluster', 'redshift/latest/APIReference/API_CreateCluster.html'],
    ['elasticache.amazonaws.com', 'CreateReplicationGroup', 'AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html'],
    ['acm.amazonaws.com', 'RequestCertificate', 'acm/latest/APIReference/API_RequestCertificate.html'],
    ['cognito-idp.amazonaws.com', 'CreateUserPool', 'cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html'],
    ['backup.amazonaws.com', 'CreateBackupPlan', 'aws-backup/latest/devguide/API_CreateBackupPlan.html'],
    ['securityhub.amazonaws.com', 'EnableSecurityHub', 'securityhub/1.0/APIReference/API_EnableSecurityHub.html'],
    ['identitystore.amazonaws.com', 'CreateUser', 'singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html'],
    ['sso-oauth.amazonaws.com', 'CreateTokenWithIAM', 'singlesignon/latest/OIDCAPIReference/API_CreateTokenWithIAM.html'],
    ['ec2-instance-connect.amazonaws.com', 'SendSSHPublicKey', 'ec2-instance-connect/latest/APIReference/API_SendSSHPublicKey.html'],
    // Operations whose page is not the service's main pattern.
    ['s3.amazonaws.com', 'CreateAccessPoint', 'AmazonS3/latest/API/API_control_CreateAccessPoint.html'],
    ['dynamodb.amazonaws.com', 'DescribeStream', 'amazondynamodb/latest/APIReference/API_streams_DescribeStream.html'],
    ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', 'lambda/latest/dg/API_UpdateFunctionCode.html'],
    ['lambda.amazonaws.com', 'AddPermission20150331v2', 'lambda/latest/dg/API_AddPermission.html'],
  ];
  for (const [source, name, page] of documented) {
    it(`${source} ${name} → ${page}`, () => {
      assert.deepEqual(index.apiReferenceUrl(source, name), { url: D + page, kind: 'api' });
    });
  }

  it('covers at least 40 services', () => {
    assert.ok(new Set(documented.map(([source]) => source)).size >= 40);
  });

  it('treats event sources case- and space-insensitively', () => {
    assert.equal(index.apiReferenceUrl('  EC2.amazonaws.com ', 'RunInstances')?.url, `${D}AWSEC2/latest/APIReference/API_RunInstances.html`);
  });

  it('links console sign-in events to the user guide page about them', () => {
    assert.deepEqual(index.apiReferenceUrl('signin.amazonaws.com', 'ConsoleLogin'), {
      url: `${D}awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html`,
      kind: 'guide',
    });
  });

  it('splits ELB Classic from ELBv2 by apiVersion or by operation', () => {
    const v1 = `${D}elasticloadbalancing/2012-06-01/APIReference/API_`;
    const v2 = `${D}elasticloadbalancing/latest/APIReference/API_`;
    assert.equal(index.apiReferenceUrl('elasticloadbalancing.amazonaws.com', 'CreateLoadBalancer')?.url, `${v2}CreateLoadBalancer.html`);
    assert.equal(index.apiReferenceUrl('elasticloadbalancing.amazonaws.com', 'CreateLoadBalancer', '2012-06-01')?.url, `${v1}CreateLoadBalancer.html`);
    assert.equal(index.apiReferenceUrl('elasticloadbalancing.amazonaws.com', 'ConfigureHealthCheck')?.url, `${v1}ConfigureHealthCheck.html`);
    assert.equal(index.apiReferenceUrl('elasticloadbalancing.amazonaws.com', 'RegisterTargets', '2015-12-01')?.url, `${v2}RegisterTargets.html`);
  });

  it('falls back to the Service Authorization page for an undocumented operation', () => {
    assert.deepEqual(index.apiReferenceUrl('backup.amazonaws.com', 'SomethingNew'), { url: `${SAR}list_backup.html`, kind: 'authorization' });
    assert.deepEqual(index.apiReferenceUrl('glue.amazonaws.com', 'NotAGlueOperation'), { url: `${SAR}list_glue.html`, kind: 'authorization' });
  });

  it('never builds a URL from a hostile event name', () => {
    for (const name of ['', '   ', '<script>alert(1)</script>', '../../etc/passwd', 'Run Instances', 'ä']) {
      assert.deepEqual(index.apiReferenceUrl('ec2.amazonaws.com', name), { url: `${SAR}list_ec2.html`, kind: 'authorization' }, name);
    }
  });

  it('returns undefined for an unknown event source', () => {
    assert.equal(index.apiReferenceUrl('madeup.amazonaws.com', 'DoThing'), undefined);
    assert.equal(index.apiReferenceUrl('', 'DoThing'), undefined);
    assert.equal(index.apiReferenceUrl('toString', 'DoThing'), undefined);
    assert.equal(index.serviceAuthorizationUrl('madeup.amazonaws.com'), undefined);
    assert.deepEqual(index.knownEventNames('madeup.amazonaws.com'), []);
  });

  it('gives Service Authorization pages whose names differ from the prefix', () => {
    assert.equal(index.serviceAuthorizationUrl('monitoring.amazonaws.com'), `${SAR}list_cloudwatch.html`);
    assert.equal(index.serviceAuthorizationUrl('states.amazonaws.com'), `${SAR}list_stepfunctions.html`);
    assert.equal(index.serviceAuthorizationUrl('sso.amazonaws.com'), `${SAR}list_iam-identity-center.html`);
    assert.equal(index.serviceAuthorizationUrl('elasticloadbalancing.amazonaws.com'), `${SAR}list_elbv2.html`);
    assert.equal(index.serviceAuthorizationUrl('sso-oauth.amazonaws.com'), `${SAR}list_sso-oidc.html`);
  });

  it('lists known event names per service for autocomplete', () => {
    const ec2 = index.knownEventNames('ec2.amazonaws.com');
    assert.ok(ec2.includes('RunInstances') && ec2.includes('AuthorizeSecurityGroupIngress'));
    assert.deepEqual([...ec2].sort(), ec2);
    assert.ok(index.knownEventNames('monitoring.amazonaws.com').includes('PutMetricAlarm'));
    assert.ok(!index.knownEventNames('apigateway.amazonaws.com').includes('GET'), 'HTTP verbs are not event names');
  });

  it('lists the curated event sources', () => {
    const sources = index.knownEventSources();
    assert.ok(sources.length >= 40);
    for (const source of ['ec2.amazonaws.com', 'signin.amazonaws.com', 'monitoring.amazonaws.com', 'elasticloadbalancing.amazonaws.com']) assert.ok(sources.includes(source), source);
  });
});

describe('core/apiDocs normalizeEventName', () => {
  const cases: [string, string][] = [
    ['CreateFunction20150331', 'CreateFunction'],
    ['UpdateFunctionCode20150331v2', 'UpdateFunctionCode'],
    ['UpdateFunctionConfiguration20150331v2', 'UpdateFunctionConfiguration'],
    ['UpdateDistribution2020_05_31', 'UpdateDistribution'],
    ['GetDistribution2019_03_26', 'GetDistribution'],
    ['RunInstances', 'RunInstances'],
    ['  ConsoleLogin ', 'ConsoleLogin'],
    ['PutObject', 'PutObject'],
    ['Ec2V2', 'Ec2V2'],
    ['20150331', '20150331'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      assert.equal(normalizeEventName(input), expected);
    });
  }
});

describe('data/loadApiDocs', () => {
  it('loads once per root and caches the index', async () => {
    const first = await loadApiDocIndex(repoRoot);
    const second = await loadApiDocIndex(repoRoot);
    assert.equal(first, second);
    assert.equal(first.apiReferenceUrl('iam.amazonaws.com', 'CreateRole')?.url, `${D}IAM/latest/APIReference/API_CreateRole.html`);
  });

  it('prefers dist/data over src/data and explains a missing file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'apidocs-'));
    await assert.rejects(loadApiDocIndex(root), /API documentation data not found \(looked in .*dist.*apiDocs\.json, .*src.*apiDocs\.json\)/);
    mkdirSync(path.join(root, 'dist/data'), { recursive: true });
    const data = { version: 1, docs: 'https://d/', sarBase: 'https://s/', sources: { 'x.amazonaws.com': { prefix: 'x', sar: 'list_x.html', api: 'x/API_{Op}.html' } }, prefixes: {} };
    writeFileSync(path.join(root, 'dist/data/apiDocs.json'), JSON.stringify(data));
    const index = await loadApiDocIndex(root);
    assert.equal(index.apiReferenceUrl('x.amazonaws.com', 'Go')?.url, 'https://d/x/API_Go.html');
  });

  it('rejects malformed data with the file name', () => {
    assert.throws(() => parseApiDocData('{', 'a.json'), /a\.json is not valid JSON/);
    assert.throws(() => parseApiDocData('{"version":2}', 'a.json'), /a\.json has version 2; expected 1/);
    assert.throws(() => parseApiDocData('{"version":1}', 'a.json'), /missing docs/);
  });
});
