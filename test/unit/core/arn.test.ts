import * as assert from 'node:assert/strict';
import { ARN_PATTERN, findArns, isGlobalEventSource, lookupRegionFor, parseArn, resourceNameCandidates, tryParseArn } from '../../../src/core/arn';

function parsed(text: string) {
  const result = parseArn(text);
  if (!result.ok) assert.fail(`expected ${text} to parse: ${result.reason}`);
  return result.arn;
}

describe('core/arn parseArn', () => {
  const valid: [string, { partition: string; service: string; region: string; account: string; resource: string; resourceType?: string; resourceId?: string }][] = [
    ['arn:aws:s3:::logs-prod', { partition: 'aws', service: 's3', region: '', account: '', resource: 'logs-prod', resourceType: 'bucket', resourceId: 'logs-prod' }],
    ['arn:aws:s3:::logs-prod/2024/01/a:b.json', { partition: 'aws', service: 's3', region: '', account: '', resource: 'logs-prod/2024/01/a:b.json', resourceType: 'object', resourceId: 'logs-prod/2024/01/a:b.json' }],
    ['arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob', { partition: 'aws', service: 'iam', region: '', account: '123456789012', resource: 'user/division_abc/subdivision_xyz/Bob', resourceType: 'user', resourceId: 'division_abc/subdivision_xyz/Bob' }],
    ['arn:aws:iam::aws:policy/AdministratorAccess', { partition: 'aws', service: 'iam', region: '', account: 'aws', resource: 'policy/AdministratorAccess', resourceType: 'policy', resourceId: 'AdministratorAccess' }],
    ['arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0abc', { partition: 'aws-cn', service: 'ec2', region: 'cn-north-1', account: '123456789012', resource: 'instance/i-0abc', resourceType: 'instance', resourceId: 'i-0abc' }],
    ['arn:aws-us-gov:rds:us-gov-west-1:123456789012:db:orders-db', { partition: 'aws-us-gov', service: 'rds', region: 'us-gov-west-1', account: '123456789012', resource: 'db:orders-db', resourceType: 'db', resourceId: 'orders-db' }],
    ['arn:aws:lambda:eu-west-1:123456789012:function:deploy:PROD', { partition: 'aws', service: 'lambda', region: 'eu-west-1', account: '123456789012', resource: 'function:deploy:PROD', resourceType: 'function', resourceId: 'deploy:PROD' }],
    ['arn:aws:sns:us-east-1:123456789012:alerts', { partition: 'aws', service: 'sns', region: 'us-east-1', account: '123456789012', resource: 'alerts', resourceType: 'topic', resourceId: 'alerts' }],
    ['arn:aws:sns:us-east-1:123456789012:alerts:5f1e', { partition: 'aws', service: 'sns', region: 'us-east-1', account: '123456789012', resource: 'alerts:5f1e', resourceType: 'subscription', resourceId: 'alerts:5f1e' }],
    ['arn:aws:sqs:us-east-2:123456789012:jobs.fifo', { partition: 'aws', service: 'sqs', region: 'us-east-2', account: '123456789012', resource: 'jobs.fifo', resourceType: 'queue', resourceId: 'jobs.fifo' }],
    ['arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL', { partition: 'aws', service: 'cloudfront', region: '', account: '123456789012', resource: 'distribution/E2QWRUHAPOMQZL', resourceType: 'distribution', resourceId: 'E2QWRUHAPOMQZL' }],
    ['arn:aws:route53:::hostedzone/Z08341234ABC', { partition: 'aws', service: 'route53', region: '', account: '', resource: 'hostedzone/Z08341234ABC', resourceType: 'hostedzone', resourceId: 'Z08341234ABC' }],
    ['arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', { partition: 'aws', service: 'wafv2', region: 'us-east-1', account: '123456789012', resource: 'global/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', resourceType: 'global', resourceId: 'webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' }],
    ['arn:aws:apigateway:us-east-1::/restapis/a1b2c3', { partition: 'aws', service: 'apigateway', region: 'us-east-1', account: '', resource: '/restapis/a1b2c3', resourceId: 'restapis/a1b2c3' }],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*', { partition: 'aws', service: 'logs', region: 'us-east-1', account: '123456789012', resource: 'log-group:/aws/lambda/fn:*', resourceType: 'log-group', resourceId: '/aws/lambda/fn:*' }],
    ['  arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab  ', { partition: 'aws', service: 'kms', region: 'ap-southeast-2', account: '123456789012', resource: 'key/1234abcd-12ab-34cd-56ef-1234567890ab', resourceType: 'key', resourceId: '1234abcd-12ab-34cd-56ef-1234567890ab' }],
  ];

  for (const [text, expected] of valid) {
    it(`parses ${text.trim()}`, () => {
      const arn = parsed(text);
      const { raw: _raw, ...fields } = arn;
      assert.deepEqual(fields, expected);
      assert.equal(arn.raw, text.trim());
    });
  }

  const hostile: [string, unknown, RegExp][] = [
    ['empty', '', /empty/],
    ['whitespace', '  \t\n ', /empty/],
    ['not a string', 42, /must be text/],
    ['null', null, /must be text/],
    ['5 colons, nothing else', 'arn:::::', /no partition/],
    ['too few colons', 'arn:aws:s3', /2 colons.*at least 5/],
    ['not an ARN', 'hello world', /space|does not start/],
    ['plain word', 'i-0abc123', /does not start with "arn:"/],
    ['upper case prefix', 'ARN:aws:s3:::bucket', /lower-case/],
    ['non-ASCII', 'arn:aws:s3:::bücket', /non-ASCII character "ü" at position 15/],
    ['emoji', 'arn:aws:iam::123456789012:user/😀', /non-ASCII/],
    ['control character', 'arn:aws:s3:::a\u0000b', /control character/],
    ['inner space', 'arn:aws:s3:::my bucket', /space at position 16/],
    ['10 kB', `arn:aws:s3:::${'a'.repeat(10_240)}`, /10253 characters long; ARNs are at most 2048/],
    ['interpolation', 'arn:aws:s3:::${var.x}', /unresolved interpolation \$\{var\.x\}/],
    ['interpolated account', 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/deploy', /unresolved interpolation/],
    ['CloudFormation Sub', 'arn:aws:s3:::${BucketName}-logs', /unresolved interpolation \$\{BucketName\}/],
    ['unclosed interpolation', 'arn:aws:s3:::${var.x', /unresolved interpolation/],
    ['unknown partition', 'arn:azure:s3:::bucket', /Unsupported partition "azure"/],
    ['empty service', 'arn:aws::us-east-1:123456789012:thing', /no service/],
    ['bad service', 'arn:aws:S3!:::bucket', /not a service namespace/],
    ['bad region', 'arn:aws:ec2:useast1:123456789012:instance/i-1', /region "useast1"/],
    ['bad account', 'arn:aws:ec2:us-east-1:12345:instance/i-1', /account "12345" is not a 12-digit/],
    ['empty resource', 'arn:aws:s3:::', /no resource/],
    ['wildcard resource', 'arn:aws:s3:::bucket/*', /wildcard/],
    ['wildcard region', 'arn:aws:ec2:*:*:instance/*', /wildcard/],
  ];
  for (const [label, input, reason] of hostile) {
    it(`rejects ${label} with a clear reason`, () => {
      let result: ReturnType<typeof parseArn> | undefined;
      assert.doesNotThrow(() => (result = parseArn(input)));
      assert.ok(result && !result.ok, `expected ${label} to be rejected`);
      assert.match(result.reason, reason);
    });
  }

  it('never throws on generated garbage', () => {
    const alphabet = ['arn', ':', '/', 'aws', '$', '{', '}', ' ', 'é', '*', '12', 'us-east-1', 's3', '\n', '"'];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let j = 0; j < 12; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += alphabet[seed % alphabet.length];
      }
      const result = parseArn(text);
      assert.ok(result.ok || result.reason.length > 10, text);
    }
  });

  it('tryParseArn returns undefined for invalid text', () => {
    assert.equal(tryParseArn('nope'), undefined);
    assert.equal(tryParseArn('arn:aws:s3:::b')?.resource, 'b');
  });
});

describe('core/arn findArns and ARN_PATTERN', () => {
  it('finds several ARNs on a line, stripping trailing punctuation', () => {
    const line = 'Roles arn:aws:iam::123456789012:role/a and arn:aws:iam::123456789012:role/b. Done';
    assert.deepEqual(findArns(line), [
      { arn: 'arn:aws:iam::123456789012:role/a', start: 6, end: 38 },
      { arn: 'arn:aws:iam::123456789012:role/b', start: 43, end: 75 },
    ]);
  });

  it('stops at quotes, commas and brackets', () => {
    const line = '["arn:aws:s3:::a","arn:aws:s3:::b"], (arn:aws:sns:us-east-1:123456789012:t)';
    assert.deepEqual(findArns(line).map((m) => m.arn), ['arn:aws:s3:::a', 'arn:aws:s3:::b', 'arn:aws:sns:us-east-1:123456789012:t']);
  });

  it('keeps interpolations inside the token', () => {
    assert.deepEqual(findArns('bucket = "arn:aws:s3:::${var.bucket}/logs"').map((m) => m.arn), ['arn:aws:s3:::${var.bucket}/logs']);
    assert.deepEqual(findArns('arn:aws:iam::${local.account}:role/x').map((m) => m.arn), ['arn:aws:iam::${local.account}:role/x']);
  });

  it('does not match inside a longer word', () => {
    assert.deepEqual(findArns('barn:aws:s3:::x yarn:aws:s3:::y'), []);
  });

  it('ARN_PATTERN is not global, so repeated use has no lastIndex state', () => {
    assert.equal(ARN_PATTERN.global, false);
    assert.ok(ARN_PATTERN.test('x arn:aws:s3:::a'));
    assert.ok(ARN_PATTERN.test('x arn:aws:s3:::a'));
    assert.ok(!ARN_PATTERN.test(''));
  });

  it('scans a 1 MB line without catastrophic backtracking', () => {
    const text = `${'arn:aws:x '.repeat(50_000)} arn:aws:s3:::${'$'.repeat(200_000)} arn:aws:s3:::ok`;
    assert.deepEqual(findArns(text).map((m) => m.arn), ['arn:aws:s3:::ok']);
  });
});

describe('core/arn resourceNameCandidates', () => {
  const cases: [string, string[]][] = [
    ['arn:aws:s3:::logs-prod', ['logs-prod', 'arn:aws:s3:::logs-prod']],
    ['arn:aws:s3:::logs-prod/a/b.txt', ['logs-prod', 'arn:aws:s3:::logs-prod/a/b.txt', 'arn:aws:s3:::logs-prod']],
    ['arn:aws:iam::123456789012:user/ops/alice', ['alice', 'arn:aws:iam::123456789012:user/ops/alice', 'ops/alice']],
    ['arn:aws:iam::123456789012:role/deploy', ['deploy', 'arn:aws:iam::123456789012:role/deploy']],
    ['arn:aws:iam::123456789012:role/service-role/lambda-exec', ['lambda-exec', 'arn:aws:iam::123456789012:role/service-role/lambda-exec', 'service-role/lambda-exec']],
    ['arn:aws:iam::123456789012:policy/teams/ReadOnly', ['arn:aws:iam::123456789012:policy/teams/ReadOnly', 'ReadOnly']],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-lb/50dc6c495c0c9188', ['web-lb', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-lb/50dc6c495c0c9188']],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/50dc6c495c0c9188', ['nlb', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/50dc6c495c0c9188']],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-web/73e2d6bc24d8a067', ['tg-web', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-web/73e2d6bc24d8a067']],
    ['arn:aws:ec2:us-east-1:123456789012:security-group/sg-0262abcd', ['sg-0262abcd', 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0262abcd']],
    ['arn:aws:ec2:us-east-1:123456789012:instance/i-0ad1', ['i-0ad1', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0ad1']],
    ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1a2b', ['vpc-1a2b', 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1a2b']],
    ['arn:aws:ec2:us-east-1:123456789012:subnet/subnet-9f', ['subnet-9f', 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-9f']],
    ['arn:aws:ec2:us-east-1:123456789012:route-table/rtb-77', ['rtb-77', 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-77']],
    ['arn:aws:rds:us-east-1:123456789012:db:orders-db', ['orders-db', 'arn:aws:rds:us-east-1:123456789012:db:orders-db']],
    ['arn:aws:lambda:us-east-1:123456789012:function:deploy', ['arn:aws:lambda:us-east-1:123456789012:function:deploy', 'deploy']],
    ['arn:aws:lambda:us-east-1:123456789012:function:deploy:PROD', ['arn:aws:lambda:us-east-1:123456789012:function:deploy', 'deploy', 'arn:aws:lambda:us-east-1:123456789012:function:deploy:PROD']],
    ['arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/a1b2', ['arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/a1b2', 'api-acl', 'a1b2']],
    ['arn:aws:kms:us-east-1:123456789012:key/1234abcd', ['1234abcd', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd']],
    ['arn:aws:kms:us-east-1:123456789012:alias/app', ['alias/app', 'arn:aws:kms:us-east-1:123456789012:alias/app']],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:apps/app-wizard/llm-AbC123', ['arn:aws:secretsmanager:us-east-1:123456789012:secret:apps/app-wizard/llm-AbC123', 'apps/app-wizard/llm', 'apps/app-wizard/llm-AbC123']],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000', ['orders', 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000']],
    ['arn:aws:sns:us-east-1:123456789012:alerts', ['arn:aws:sns:us-east-1:123456789012:alerts', 'alerts']],
    ['arn:aws:cloudformation:us-east-1:123456789012:stack/web/0a1b-2c3d', ['arn:aws:cloudformation:us-east-1:123456789012:stack/web/0a1b-2c3d', 'web']],
    ['arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL', ['E2QWRUHAPOMQZL', 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL']],
    ['arn:aws:route53:::hostedzone/Z0834', ['Z0834', 'arn:aws:route53:::hostedzone/Z0834']],
    ['arn:aws:eks:us-east-1:123456789012:cluster/paul-cluster', ['paul-cluster', 'arn:aws:eks:us-east-1:123456789012:cluster/paul-cluster']],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password', ['/prod/db/password', 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password', 'prod/db/password']],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*', ['/aws/lambda/fn', 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn', 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*']],
    ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:5f1e:autoScalingGroupName/asg', ['asg', 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:5f1e:autoScalingGroupName/asg']],
    ['arn:aws:ecs:us-east-1:123456789012:service/prod/web', ['arn:aws:ecs:us-east-1:123456789012:service/prod/web', 'web', 'prod/web']],
    ['arn:aws:glue:us-east-1:123456789012:database/sales', ['arn:aws:glue:us-east-1:123456789012:database/sales', 'sales']],
    // Other S3 resources, IAM identity providers, other Lambda resources: the ARN first, then the bare name.
    ['arn:aws:s3:us-east-1:123456789012:accesspoint/reports', ['arn:aws:s3:us-east-1:123456789012:accesspoint/reports', 'reports']],
    ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', 'token.actions.githubusercontent.com']],
    ['arn:aws:iam::123456789012:saml-provider/Okta', ['arn:aws:iam::123456789012:saml-provider/Okta', 'Okta']],
    ['arn:aws:lambda:us-east-1:123456789012:event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2', ['arn:aws:lambda:us-east-1:123456789012:event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2', '14e0db71-5d35-4eb5-b481-8945cf9d10c2']],
    // A parameter outside any path: its bare name first, then the ARN and the name with a leading slash.
    ['arn:aws:ssm:us-east-1:123456789012:parameter/dbpass', ['dbpass', 'arn:aws:ssm:us-east-1:123456789012:parameter/dbpass', '/dbpass']],
    // Resource types beside the ones a branch is written for (mutation survivors of the ARN candidates):
    // a listener is not its load balancer, a classic load balancer is named by its only segment, an ECS
    // cluster and an SSM document are not a task definition or a parameter, a Logs destination is not a
    // log group, a DynamoDB global table is not a table.
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2', ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2']],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/my-classic', ['my-classic', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/my-classic']],
    ['arn:aws:ecs:us-east-1:123456789012:cluster/prod', ['prod', 'arn:aws:ecs:us-east-1:123456789012:cluster/prod']],
    ['arn:aws:ssm:us-east-1:123456789012:document/MyDoc', ['MyDoc', 'arn:aws:ssm:us-east-1:123456789012:document/MyDoc']],
    ['arn:aws:logs:us-east-1:123456789012:destination:my-dest', ['arn:aws:logs:us-east-1:123456789012:destination:my-dest', 'my-dest']],
    ['arn:aws:dynamodb:us-east-1:123456789012:global-table/Orders', ['arn:aws:dynamodb:us-east-1:123456789012:global-table/Orders', 'Orders']],
  ];
  for (const [text, expected] of cases) {
    it(`candidates for ${text}`, () => {
      assert.deepEqual(resourceNameCandidates(parsed(text)), expected);
    });
  }

  it('always includes the ARN and never duplicates', () => {
    for (const [text] of cases) {
      const candidates = resourceNameCandidates(parsed(text));
      assert.ok(candidates.includes(text), text);
      assert.equal(new Set(candidates).size, candidates.length, text);
    }
  });
});

describe('core/arn lookupRegionFor / isGlobalEventSource', () => {
  const cases: [string, string][] = [
    ['arn:aws:iam::123456789012:user/alice', 'us-east-1'],
    ['arn:aws:sts::123456789012:assumed-role/deploy/session', 'us-east-1'],
    ['arn:aws:cloudfront::123456789012:distribution/E1', 'us-east-1'],
    ['arn:aws:route53:::hostedzone/Z1', 'us-east-1'],
    ['arn:aws:waf::123456789012:webacl/abc', 'us-east-1'],
    ['arn:aws:organizations::123456789012:account/o-abc/210987654321', 'us-east-1'],
    ['arn:aws:s3:::logs-prod', 'eu-west-3'],
    ['arn:aws:ec2:ap-south-1:123456789012:instance/i-1', 'ap-south-1'],
    ['arn:aws:wafv2:us-east-1:123456789012:global/webacl/a/b', 'us-east-1'],
    ['arn:aws:waf-regional:eu-west-1:123456789012:webacl/abc', 'eu-west-1'],
    ['arn:aws-cn:iam::123456789012:role/r', 'cn-north-1'],
    ['arn:aws-us-gov:iam::123456789012:role/r', 'us-gov-west-1'],
  ];
  for (const [text, region] of cases) {
    it(`${text} → ${region}`, () => {
      assert.equal(lookupRegionFor(parsed(text), 'eu-west-3'), region);
    });
  }

  it('recognises global event sources', () => {
    for (const source of ['iam.amazonaws.com', 'sts.amazonaws.com', 'cloudfront.amazonaws.com', 'route53.amazonaws.com', 'signin.amazonaws.com', 'waf.amazonaws.com', 'organizations.amazonaws.com']) {
      assert.ok(isGlobalEventSource(source), source);
    }
    for (const source of ['ec2.amazonaws.com', 's3.amazonaws.com', 'wafv2.amazonaws.com', '', 'iam']) {
      assert.ok(!isGlobalEventSource(source), source);
    }
  });
});
