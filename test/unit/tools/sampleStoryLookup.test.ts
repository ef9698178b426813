import assert from 'node:assert/strict';
import { createApiEventSource } from '../../../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../../../src/aws/rateLimiter';
import { lookupResource } from '../../../src/core/resourceLookup';
import type { TrailEventSource } from '../../../src/core/query';
import { startLocalCloudTrail, type LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { CREDENTIALS, NOW, SAMPLE } from './toolsTestSupport';

/**
 * The demo's path: a person right-clicks an ARN of the fixture's main.tf and the extension's
 * resource lookup (the core's ResourceName candidates, in the ARN's lookup region) must find the
 * story's events on the local endpoint, because the endpoint indexes them like CloudTrail.
 */
const { records, story } = SAMPLE;

describe('sample story resources found through the engine’s resource lookup', () => {
  let server: LocalCloudTrail;
  let source: TrailEventSource;

  before(async () => {
    server = await startLocalCloudTrail({ records, requestsPerSecond: 0 });
    source = createApiEventSource({ regions: ['us-east-1'], endpoint: server.url, credentials: CREDENTIALS, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }) });
  });
  after(async () => {
    await server.close();
  });

  const cases: [string, () => string, () => string, string][] = [
    ['WAF web ACL', () => story.webAclArn, () => story.eventIds.updateWebAcl, 'eu-west-1'],
    ['security group', () => story.securityGroupArn, () => story.eventIds.authorizeSecurityGroupIngress, 'eu-west-1'],
    ['DB instance', () => story.dbInstanceArn, () => story.eventIds.deleteDbInstance, 'eu-west-1'],
    ['trail', () => story.trailArn, () => story.eventIds.stopLogging, 'us-east-1'],
    ['created IAM user', () => story.createdUserArn, () => story.eventIds.attachUserPolicy, 'us-east-1'],
  ];
  for (const [label, arn, eventId, region] of cases) {
    it(`finds the ${label}’s key event`, async () => {
      const result = await lookupResource(source, arn(), { start: NOW - 90 * 86_400_000, end: NOW, includeReadOnly: true, maxEvents: 1000 });
      assert.equal(result.region, region);
      assert.ok(
        result.events.some((e) => e.id === eventId()),
        `${arn()} → ${result.events.map((e) => e.name).join(', ')} (candidates ${result.candidates.join(', ')})`,
      );
    });
  }

  it('finds the IAM user’s policy attachment and the deploy role’s web-identity sessions', async () => {
    const window = { start: NOW - 90 * 86_400_000, end: NOW, includeReadOnly: true, maxEvents: 1000 };
    const user = await lookupResource(source, story.iamUserArn, window);
    assert.ok(user.events.some((e) => e.name === 'AttachUserPolicy'));
    const role = await lookupResource(source, story.roleArn, window);
    assert.equal(role.events.filter((e) => e.name === 'AssumeRoleWithWebIdentity').length, 2);
    assert.ok(role.events.every((e) => ['AssumeRoleWithWebIdentity', 'GetRole', 'ListAttachedRolePolicies', 'PutRolePolicy'].includes(e.name)));
  });
});
