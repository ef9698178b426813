/**
 * The 02:00 incident: an Identity Center admin signs in and updates the orders API's WAF web ACL;
 * from then on the orders Lambda's calls fail with AccessDenied, and CloudTrail Insights flags the
 * error rate. Before it, the same calls succeed, and Lambda (an AWS service) assumes the role.
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, assumedRoleIdentity, awsServiceIdentity, sessionKeyId, type Caller } from './principals';
import { assumeRole } from './sessions';
import { isoSeconds, type SeededRandom } from './random';
import { buildRecord } from './recordBuilder';
import type { SampleStory } from './story';

type Obj = Record<string, unknown>;

const HOUR = 3_600_000;

function insightRecord(rand: SeededRandom, time: number, region: string, sharedEventID: string, state: 'Start' | 'End'): Obj {
  const statistics: Obj =
    state === 'Start'
      ? { baseline: { average: 0.0132 }, insight: { average: 0.6 } }
      : { baseline: { average: 0.0132 }, insight: { average: 0.6 }, insightDuration: 40, baselineDuration: 10080 };
  return {
    eventVersion: '1.08',
    eventTime: isoSeconds(time),
    awsRegion: region,
    eventID: rand.uuid(),
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: ACCOUNT_ID,
    sharedEventID,
    insightDetails: {
      state,
      eventSource: 'kms.amazonaws.com',
      eventName: 'Decrypt',
      insightType: 'ApiErrorRateInsight',
      errorCode: 'AccessDeniedException',
      insightContext: {
        statistics,
        attributions: [
          { attribute: 'userIdentityArn', insight: [{ value: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/orders-api-lambda-role/orders-api`, average: 0.6 }], baseline: [] },
          { attribute: 'errorCode', insight: [{ value: 'AccessDeniedException', average: 0.6 }], baseline: [{ value: 'null', average: 0.0132 }] },
        ],
      },
    },
    eventCategory: 'Insight',
  };
}

export function buildWafStory(rand: SeededRandom, story: SampleStory, cast: Cast): Obj[] {
  const out: Obj[] = [];
  const { app } = story.regions;
  const t0 = story.incidentTime;
  const janeIp = '198.51.100.61';

  out.push(
    buildRecord(rand, {
      time: t0 - 12 * 60_000,
      region: app,
      source: 'signin.amazonaws.com',
      name: 'CredentialChallenge',
      caller: {
        userIdentity: {
          type: 'IdentityCenterUser',
          arn: '',
          accountId: ACCOUNT_ID,
          accessKeyId: '',
          onBehalfOf: { userId: '94d00cd8-e9e6-4810-b177-b08e84725435', identityStoreArn: `arn:aws:identitystore::${ACCOUNT_ID}:identitystore/d-93670d1a2b` },
          credentialId: rand.uuid(),
        },
        sourceIPAddress: janeIp,
        userAgent: cast.consoleAgent,
      },
      readOnly: false,
      additionalEventData: { UserName: story.ssoUserName, CredentialType: 'PASSWORD' },
      eventType: 'AwsServiceEvent',
      extra: { serviceEventDetails: { CredentialChallenge: 'Success' } },
    }),
  );

  const jane: Caller = {
    userIdentity: assumedRoleIdentity(cast.ssoAdminRole, story.ssoUserName, sessionKeyId(rand), t0 - 10 * 60_000),
    sourceIPAddress: janeIp,
    userAgent: cast.consoleAgent,
    console: true,
  };
  out.push(buildRecord(rand, { time: t0 - 6 * 60_000, region: app, source: 'wafv2.amazonaws.com', name: 'ListWebACLs', caller: jane, readOnly: true, requestParameters: { scope: 'REGIONAL', limit: 100 } }));
  out.push(
    buildRecord(rand, {
      time: t0 - 4 * 60_000,
      region: app,
      source: 'wafv2.amazonaws.com',
      name: 'GetWebACL',
      caller: jane,
      readOnly: true,
      requestParameters: { name: story.webAclName, scope: 'REGIONAL', id: story.webAclId },
    }),
  );
  const update = buildRecord(rand, {
    time: t0,
    region: app,
    source: 'wafv2.amazonaws.com',
    name: 'UpdateWebACL',
    caller: jane,
    readOnly: false,
    requestParameters: {
      name: story.webAclName,
      scope: 'REGIONAL',
      id: story.webAclId,
      defaultAction: { block: {} },
      description: 'Block by default; allow EU traffic',
      rules: [
        {
          name: 'allow-eu',
          priority: 0,
          statement: { geoMatchStatement: { countryCodes: ['DE', 'FR', 'IE', 'NL'] } },
          action: { allow: {} },
          visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: 'allow-eu' },
        },
      ],
      visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: story.webAclName },
      lockToken: rand.uuid(),
    },
    responseElements: { nextLockToken: rand.uuid() },
    resources: [{ accountId: ACCOUNT_ID, type: 'AWS::WAFv2::WebACL', ARN: story.webAclArn }],
  });
  out.push(update);
  story.eventIds.updateWebAcl = update.eventID as string;

  // The orders Lambda: Lambda assumes its role (AWSService), then the function reads its secret.
  const secretArn = `arn:aws:secretsmanager:${app}:${ACCOUNT_ID}:secret:orders/db-credentials-Xy12Ab`;
  const keyArn = `arn:aws:kms:${app}:${ACCOUNT_ID}:key/6d1f2e3a-4b5c-4d7e-8f90-a1b2c3d4e5f6`;
  for (let t = t0 - 12 * HOUR; t < t0 + 45 * 60_000; t += 30 * 60_000) {
    const failing = t >= t0;
    const assumed = assumeRole(rand, {
      time: t,
      region: app,
      caller: { userIdentity: awsServiceIdentity('lambda.amazonaws.com'), sourceIPAddress: 'lambda.amazonaws.com', userAgent: 'lambda.amazonaws.com' },
      role: cast.lambdaRole,
      sessionName: story.lambdaFunctionName,
      sessionIp: '34.240.12.7',
      sessionAgent: cast.boto3Agent,
    });
    out.push(assumed.record);
    const lambda = assumed.session;
    const denied = (action: string, resource: string): Obj => ({
      errorCode: action.startsWith('kms') ? 'AccessDeniedException' : 'AccessDenied',
      errorMessage: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/${story.lambdaRoleName}/${story.lambdaFunctionName} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    });
    const calls = failing ? 6 : 1;
    for (let i = 0; i < calls; i++) {
      const at = t + 20_000 + i * 4 * 60_000;
      out.push(
        buildRecord(rand, {
          time: at,
          region: app,
          source: 'secretsmanager.amazonaws.com',
          name: 'GetSecretValue',
          caller: lambda,
          readOnly: true,
          requestParameters: { secretId: secretArn },
          ...(failing ? denied('secretsmanager:GetSecretValue', secretArn) : {}),
        }),
      );
      out.push(
        buildRecord(rand, {
          time: at + 1_000,
          region: app,
          source: 'kms.amazonaws.com',
          name: 'Decrypt',
          caller: lambda,
          readOnly: true,
          requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { SecretARN: secretArn } },
          resources: [{ accountId: ACCOUNT_ID, type: 'AWS::KMS::Key', ARN: keyArn }],
          ...(failing ? denied('kms:Decrypt', keyArn) : {}),
        }),
      );
    }
  }

  const shared = rand.uuid();
  out.push(insightRecord(rand, t0 + 5 * 60_000, app, shared, 'Start'), insightRecord(rand, t0 + 45 * 60_000, app, shared, 'End'));
  return out;
}
