import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeChannelOf } from '../../../src/core/changeChannel';
import { normalizeRecord } from '../../../src/core/event';
import { resolveHumans } from '../../../src/core/humanIndex';
import type { TrailEvent } from '../../../src/core/model';
import { isFailed } from '../../../src/core/outcome';
import { terraformTargetAt } from '../../../src/core/terraformTarget';
import { generateSampleRecords } from '../../../tools/sample-data/generate';
import { incidentTimeFor } from '../../../tools/sample-data/story';
import { renderMainTf } from '../../../tools/sample-data/writeWorkspace';
import { NOW } from './toolsTestSupport';

type Rec = Record<string, unknown>;
interface Identity {
  type?: string;
  arn?: string;
  userName?: string;
  invokedBy?: string;
  accessKeyId?: string;
  sessionContext?: { attributes?: { mfaAuthenticated?: string }; sessionIssuer?: { arn?: string } };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const { records, story } = generateSampleRecords({ now: NOW });
const at = (r: Rec): number => Date.parse(r.eventTime as string);
const who = (r: Rec): Identity => (r.userIdentity ?? {});
const normalizedEvents: TrailEvent[] = records.map((r) => {
  const n = normalizeRecord(r);
  if (!n.ok) throw new Error(n.error.error);
  return n.event;
});
const eventById = (id: string): TrailEvent => {
  const e = normalizedEvents.find((x) => x.id === id);
  assert.ok(e, `event ${id} exists`);
  return e;
};
const byId = (id: string): Rec => {
  const r = records.find((x) => x.eventID === id);
  assert.ok(r, `event ${id} exists`);
  return r;
};

describe('sample data generator', () => {
  it('is deterministic for (now, seed) and varies with the seed', () => {
    const again = generateSampleRecords({ now: NOW });
    assert.deepEqual(again.records, records);
    assert.deepEqual(again.story, story);
    const other = generateSampleRecords({ now: NOW, seed: 2 });
    assert.notDeepEqual(
      other.records.map((r) => r.eventID),
      records.map((r) => r.eventID),
    );
    assert.equal(other.story.webAclArn, story.webAclArn, 'identifiers do not depend on the seed');
  });

  it('places the incident at the latest 02:00 UTC at least two hours before now', () => {
    assert.equal(story.incidentTime, Date.UTC(2026, 10, 21, 2, 0, 0));
    assert.equal(incidentTimeFor(Date.UTC(2026, 10, 21, 3, 59, 59)), Date.UTC(2026, 10, 20, 2, 0, 0));
    assert.equal(incidentTimeFor(Date.UTC(2026, 10, 21, 4, 0, 0)), Date.UTC(2026, 10, 21, 2, 0, 0));
  });

  it('writes thousands of well-formed records in the last 90 days, densest in the last 24 hours', () => {
    assert.ok(records.length > 4000);
    assert.equal(new Set(records.map((r) => r.eventID)).size, records.length, 'event ids are unique');
    assert.ok(records.every((r) => at(r) <= NOW && at(r) > NOW - 90 * DAY));
    const lastDay = records.filter((r) => at(r) > NOW - DAY).length;
    const dayBefore = records.filter((r) => at(r) > NOW - 2 * DAY && at(r) <= NOW - DAY).length;
    assert.ok(lastDay > 10 * dayBefore, `${lastDay} in the last 24 h vs ${dayBefore} the day before`);
    for (const [i, r] of records.entries()) {
      const result = normalizeRecord(r, i);
      assert.ok(result.ok, `record ${i} normalizes: ${result.ok ? '' : result.error.error}`);
    }
    const times = records.map(at);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first, like a trail file');
  });

  it('spreads over several regions, with IAM, STS-global and sign-in in us-east-1', () => {
    const regions = new Set(records.map((r) => r.awsRegion));
    for (const r of ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2']) assert.ok(regions.has(r), r);
    assert.ok(records.filter((r) => r.eventSource === 'iam.amazonaws.com').every((r) => r.awsRegion === 'us-east-1'));
    assert.ok(records.filter((r) => r.eventName === 'ConsoleLogin').every((r) => r.awsRegion === 'us-east-1'));
    const only = generateSampleRecords({ now: NOW, regions: ['eu-central-1'], backgroundEvents: 200 });
    assert.ok(only.records.some((r) => r.awsRegion === 'eu-central-1'));
    assert.equal(only.records.filter((r) => !['eu-central-1', 'us-east-1', 'eu-west-1', 'us-west-2'].includes(r.awsRegion as string)).length, 0);
  });

  it('tells the WAF story: UpdateWebACL at 02:00 by an Identity Center session, then AccessDenied from the Lambda role', () => {
    const update = byId(story.eventIds.updateWebAcl);
    assert.equal(update.eventName, 'UpdateWebACL');
    assert.equal(at(update), story.incidentTime);
    assert.equal(update.awsRegion, 'eu-west-1');
    assert.equal((update.requestParameters as Rec).id, story.webAclId);
    assert.deepEqual((update.resources as Rec[])[0].ARN, story.webAclArn);
    assert.match(who(update).arn!, /assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/jane\.doe@example\.com$/);
    assert.equal(who(update).sessionContext?.sessionIssuer?.arn, story.ssoRoleArn);
    const lambda = records.filter((r) => who(r).sessionContext?.sessionIssuer?.arn === story.lambdaRoleArn);
    const failures = lambda.filter((r) => r.errorCode);
    assert.ok(failures.length >= 10);
    assert.ok(failures.every((r) => at(r) > story.incidentTime && (r.errorCode as string).startsWith("AccessDenied")));
    assert.ok(lambda.some((r) => !r.errorCode && at(r) < story.incidentTime), 'the same calls succeeded before');
    const insights = records.filter((r) => r.eventCategory === 'Insight');
    assert.deepEqual(
      insights.map((r) => (r.insightDetails as Rec).state),
      ['Start', 'End'],
    );
    assert.ok(records.some((r) => who(r).type === 'IdentityCenterUser' && (r.additionalEventData as Rec).UserName === story.ssoUserName));
  });

  it('tells the route story: 0.0.0.0/0 moved from the NAT gateway to the internet gateway', () => {
    const replace = byId(story.eventIds.replaceRoute);
    assert.equal(replace.awsRegion, 'us-west-2');
    assert.deepEqual(replace.requestParameters, { routeTableId: story.routeTableId, destinationCidrBlock: '0.0.0.0/0', gatewayId: story.internetGatewayId });
    assert.ok(at(replace) > story.incidentTime && at(replace) <= NOW);
    assert.equal(who(replace).sessionContext?.sessionIssuer?.arn, story.roleArn);
    const before = records.find((r) => r.eventName === 'CreateRoute' && (r.requestParameters as Rec).natGatewayId === story.natGatewayId);
    assert.ok(before && at(before) < at(replace));
    assert.ok(records.some((r) => r.eventName === 'AssumeRoleWithWebIdentity' && who(r).type === 'WebIdentityUser'));
  });

  it('tells the takeover story: failed sign-ins from one IP, a success without MFA, backdoor user, StopLogging, open SG, DeleteDBInstance', () => {
    const logins = records.filter((r) => r.eventName === 'ConsoleLogin' && r.sourceIPAddress === story.attackerIp);
    const outcomes = logins.map((r) => (r.responseElements as Rec).ConsoleLogin);
    assert.deepEqual(outcomes, [...Array<string>(story.failedLoginCount).fill('Failure'), 'Success']);
    assert.equal(story.failedLoginCount, 20);
    assert.equal((byId(story.eventIds.consoleLoginSuccess).additionalEventData as Rec).MFAUsed, 'No');

    const del = byId(story.eventIds.deleteDbInstance);
    assert.equal(del.eventName, 'DeleteDBInstance');
    assert.equal(who(del).arn, story.iamUserArn);
    assert.equal(who(del).type, 'IAMUser');
    assert.equal(who(del).sessionContext?.attributes?.mfaAuthenticated, 'false');
    assert.equal(del.sourceIPAddress, story.attackerIp);
    assert.equal((del.requestParameters as Rec).dBInstanceIdentifier, story.dbInstanceId);
    assert.equal((del.responseElements as Rec).dBInstanceArn, story.dbInstanceArn);

    assert.equal((byId(story.eventIds.createUser).requestParameters as Rec).userName, story.createdUserName);
    assert.equal((byId(story.eventIds.attachUserPolicy).requestParameters as Rec).policyArn, 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.equal((byId(story.eventIds.stopLogging).requestParameters as Rec).name, story.trailArn);
    assert.equal((byId(story.eventIds.authorizeSecurityGroupIngress).requestParameters as Rec).groupId, story.securityGroupId);
    for (const id of [story.eventIds.createUser, story.eventIds.stopLogging, story.eventIds.authorizeSecurityGroupIngress, story.eventIds.deleteDbInstance]) {
      assert.equal(byId(id).sourceIPAddress, story.attackerIp);
      assert.ok(at(byId(id)) > at(byId(story.eventIds.consoleLoginSuccess)));
    }
  });

  it('includes service-linked and AWS-service activity and ordinary reads and writes', () => {
    assert.ok(records.some((r) => who(r).type === 'AWSService' && who(r).invokedBy === 'lambda.amazonaws.com'));
    assert.ok(records.some((r) => who(r).invokedBy === 'autoscaling.amazonaws.com' && (who(r).arn ?? '').includes('AWSServiceRoleForAutoScaling')));
    const reads = records.filter((r) => r.readOnly === true && /^(Describe|List|Get)/.test(r.eventName as string)).length;
    const writes = records.filter((r) => r.readOnly === false).length;
    assert.ok(reads > 1000 && writes > 500, `${reads} reads, ${writes} writes`);
    assert.ok(records.some((r) => who(r).type === 'IAMUser' && who(r).accessKeyId?.startsWith('AKIA')));
  });

  it('gives the brute-force story’s failed sign-ins the real shape: errorMessage + ConsoleLogin Failure, no errorCode', () => {
    const failed = records.filter((r) => r.eventName === 'ConsoleLogin' && r.sourceIPAddress === story.attackerIp && (r.responseElements as Rec).ConsoleLogin === 'Failure');
    assert.equal(failed.length, story.failedLoginCount);
    for (const r of failed) {
      assert.equal(r.errorMessage, 'Failed authentication');
      assert.ok(!('errorCode' in r), 'no errorCode, as in the CloudTrail user guide examples');
      assert.equal(r.requestParameters, null);
      assert.equal((r.userIdentity as Rec).accessKeyId, '');
      assert.ok(isFailed(eventById(r.eventID as string)), 'and the core counts it as failed');
    }
    assert.ok(!isFailed(eventById(story.eventIds.consoleLoginSuccess)));
  });

  it('tells the drift story: Terraform created the security group rule and bucket policy, the console changed both later', () => {
    const tfIngress = eventById(story.eventIds.terraformIngress);
    const manual = eventById(story.eventIds.manualIngress);
    assert.deepEqual([changeChannelOf(tfIngress).kind, changeChannelOf(manual).kind], ['terraform', 'console']);
    assert.ok(manual.time > tfIngress.time && manual.time < story.incidentTime);
    for (const r of [byId(story.eventIds.terraformIngress), byId(story.eventIds.manualIngress)]) assert.equal((r.requestParameters as Rec).groupId, story.drift.securityGroupId);
    assert.equal(JSON.stringify(byId(story.eventIds.manualIngress).requestParameters).includes('0.0.0.0/0'), true);
    const policies = [eventById(story.eventIds.terraformBucketPolicy), eventById(story.eventIds.manualBucketPolicy)];
    assert.deepEqual(policies.map((e) => changeChannelOf(e).kind), ['terraform', 'console']);
    assert.ok(policies.every((e) => e.resources.some((r) => r.arn === `arn:aws:s3:::${story.drift.bucketName}`)));
    assert.equal(resolveHumans(normalizedEvents).humanOf(manual).name, story.drift.consoleUserName);
  });

  it('the fixture main.tf finds the drift resources: the security group by its import id, the rule and policy under their parents', () => {
    const tf = renderMainTf();
    const lines = tf.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      const target = terraformTargetAt(tf, line, 0);
      if (target.kind !== 'block') assert.fail(`${needle}: ${target.kind}`);
      return target.resolution.candidates;
    };
    assert.equal(at('resource "aws_security_group" "web"')[0], story.drift.securityGroupId);
    assert.equal(at('resource "aws_vpc_security_group_ingress_rule" "web_https"')[0], story.drift.securityGroupId);
    assert.equal(at('resource "aws_s3_bucket_policy" "artifacts"')[0], story.drift.bucketName);
  });

  it('tells the SSO chain story: alice assumes deploy, deploy assumes release, and each AssumeRole issued the key the next session signs with', () => {
    const humans = resolveHumans(normalizedEvents);
    assert.equal(humans.humanOf(eventById(story.eventIds.onDeploy)).label, `${story.ssoChain.userName} (via role deploy, SSO)`);
    assert.equal(humans.humanOf(eventById(story.eventIds.onRelease)).label, `${story.ssoChain.userName} (via role release, SSO)`);
    assert.equal(humans.issuerOf(eventById(story.eventIds.onRelease))?.id, story.eventIds.assumeRelease);
    assert.equal(humans.issuerOf(eventById(story.eventIds.assumeRelease))?.id, story.eventIds.assumeDeploy);
    const pipeline = eventById(story.eventIds.replaceRoute);
    assert.equal(humans.humanOf(pipeline).label, 'repo:acme/orders-infra:ref:refs/heads/main (via role terraform-deploy, web identity)');
  });

  it('tells the CloudFormation and Crossplane stories', () => {
    assert.equal(changeChannelOf(eventById(story.eventIds.updateStack)).kind, 'cli');
    assert.equal(changeChannelOf(eventById(story.eventIds.cloudFormationChange)).kind, 'cloudformation');
    const crossplane = eventById(story.eventIds.crossplaneChange);
    assert.ok(crossplane.userAgent?.includes('terraform-provider-aws'), 'Crossplane also says Terraform');
    assert.equal(changeChannelOf(crossplane).kind, 'crossplane');
    assert.equal(resolveHumans(normalizedEvents).humanOf(crossplane).name, story.crossplane.serviceAccount);
  });

  it('keeps the committed fixture workspace in sync with the story', () => {
    const committed = readFileSync(join(__dirname, '../../../../test/fixtures/workspace/infra/main.tf'), 'utf8');
    assert.equal(committed, renderMainTf(), 'regenerate with: node out/tools/sample-data/writeWorkspace.js');
    for (const literal of [story.webAclArn, story.securityGroupId, story.dbInstanceArn, story.iamUserArn, story.roleArn, story.routeTableId]) {
      assert.ok(committed.includes(`"${literal}"`), literal);
    }
  });
});
