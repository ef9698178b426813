import * as assert from 'node:assert/strict';
import { changeChannelOf, deriveChangeChannel, isIacChannel, isOutsideIac, type ChangeChannelKind } from '../../../src/core/changeChannel';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { generateSampleRecords } from '../../../tools/sample-data/generate';
import { buildEvent, sampleRecord, type SampleRef } from './fixtures';

function normalized(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) assert.fail(result.error.error);
  return result.event;
}

const CW = 'amazon-cloudwatch-user-guide:doc_source/logging_cw_api_calls.md';
const LOG_EXAMPLES = 'aws-cloudtrail-user-guide:doc_source/cloudtrail-log-file-examples.md@c7adfd8';

/** Real records of test/fixtures/records.jsonl, each named by its page and event; the expected channel is what its fields say. */
const realCases: { ref: SampleRef; kind: ChangeChannelKind; label?: string; detail?: string; why: string }[] = [
  { ref: { source: CW, eventName: 'PutRule' }, kind: 'console', why: 'userAgent "AWS CloudWatch Console"' },
  { ref: { source: LOG_EXAMPLES, eventName: 'CreateKeyPair' }, kind: 'console', why: 'userAgent "EC2ConsoleBackend, aws-sdk-java/…": the console’s backend, not a user’s SDK' },
  { ref: { source: 'aws-cloudtrail-user-guide:doc_source/cloudtrail-event-reference.md@c7adfd8', eventName: 'StartLogging' }, kind: 'console', why: 'userAgent signin.amazonaws.com' },
  { ref: { source: 'iam-user-guide:doc_source/cloudtrail-integration.md', eventName: 'GetUserPolicy' }, kind: 'console', why: 'invokedBy and userAgent signin.amazonaws.com' },
  { ref: { source: 'amazon-athena-user-guide:doc_source/notebooks-spark-troubleshooting-cloudtrail.md', eventName: 'StartSession' }, kind: 'console', why: 'sessionCredentialFromConsole "true" and a browser user agent' },
  { ref: { source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID: '3fcfb182-98f8-4744-bd45-10a395ab61cb' }, kind: 'console', why: 'a console sign-in (eventType AwsConsoleSignIn, browser agent)' },
  { ref: { source: 'iam-user-guide:doc_source/cloudtrail-integration.md', eventName: 'DeleteBucket' }, kind: 'cli', detail: '1.11.10', why: 'userAgent "[aws-cli/1.11.10 …]" (brackets and all)' },
  { ref: { source: 'amazon-ecs-developer-guide', eventName: 'PutAccountSettingDefault' }, kind: 'cli', detail: '2.9.8 · ecs.put-account-setting', why: 'AWS CLI v2 with command/ecs.put-account-setting' },
  { ref: { source: LOG_EXAMPLES, eventName: 'StartInstances' }, kind: 'cli', label: 'EC2 API tools', why: 'userAgent "ec2-api-tools 1.6.12.2"' },
  { ref: { source: CW, eventName: 'PutMetricAlarm' }, kind: 'sdk', label: 'SDK (Ruby)', detail: 'Ruby 2.0.0.rc4', why: 'aws-sdk-ruby2/2.0.0.rc4' },
  { ref: { source: 'amazon-athena-user-guide:doc_source/notebooks-spark-troubleshooting-cloudtrail.md', eventName: 'UpdateNotebook' }, kind: 'sdk', label: 'SDK (Python)', why: 'Boto3/1.24.84' },
  { ref: { source: 'amazon-dynamodb-developer-guide:doc_source/encryption.usagenotes.md', eventName: 'GenerateDataKey' }, kind: 'awsService', detail: 'dynamodb.amazonaws.com', why: 'userIdentity.type AWSService, invokedBy dynamodb' },
  { ref: { source: 'amazon-dynamodb-developer-guide:doc_source/encryption.usagenotes.md', eventName: 'Decrypt' }, kind: 'awsService', detail: 'dynamodb.amazonaws.com', why: 'an assumed role’s call made by DynamoDB for it (invokedBy)' },
  { ref: { source: 'aws-kms-developer-guide:doc_source/ct-rotatekey.md', eventName: 'RotateKey' }, kind: 'awsService', why: 'userAgent "AWS Internal"' },
  { ref: { source: 'amazon-cloudwatch-user-guide', eventName: 'DescribeCanaries' }, kind: 'awsService', why: 'userAgent "aws-internal/3 aws-sdk-java/…"' },
  { ref: { source: 'amazon-ec2-user-guide:doc_source/logging-ebs-apis-using-cloudtrail.md', eventName: 'ListSnapshotBlocks' }, kind: 'unknown', why: 'PostmanRuntime: a tool this does not know' },
  { ref: { source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'EnableMFADevice' }, kind: 'unknown', why: 'userAgent "Coral/Netty4"' },
];

/** User agents quoted from public sources (the issue, pull request or docs named beside each). */
const documentedAgents: [string, string, ChangeChannelKind, string?][] = [
  [
    'channels-humans-and-scale.md (Terraform AWS provider)',
    'APN/1.0 HashiCorp/1.0 Terraform/1.5.7 (+https://www.terraform.io) terraform-provider-aws/5.31.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0',
    'terraform',
    'Terraform 1.5.7 · aws provider 5.31.0',
  ],
  ['hashicorp/terraform#15770 (old provider, SDK first)', 'aws-sdk-go/1.10.18 (go1.8; linux; amd64) APN/1.0 HashiCorp/1.0 Terraform/0.9.8', 'terraform', 'Terraform 0.9.8'],
  ['hashicorp/terraform#9806 (pre-APN format)', 'terraform/0.7.9-dev aws-sdk-go/1.4.17 (go1.7.3; darwin; amd64)', 'terraform'],
  [
    'hashicorp/terraform-provider-awscc#247',
    'APN/1.0 HashiCorp/1.0 Terraform/1.0.8 (+https://www.terraform.io) terraform-provider-awscc/dev (+https://registry.terraform.io/providers/hashicorp/awscc) my-test-module/0.0.1 (testing user-agent comment) aws-sdk-go-v2/1.9.1 os/macos lang/go/1.17 md/GOOS/darwin md/GOARCH/amd64 api/cloudcontrol/1.0.0',
    'terraform',
    'Terraform 1.0.8 · awscc provider dev',
  ],
  [
    'crossplane-contrib/provider-jet-aws#180 (Crossplane says Terraform too)',
    'APN/1.0 HashiCorp/1.0 Terraform/1.0.5 (+https://www.terraform.io) terraform-provider-aws/3.56.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.40.29 (go1.16; linux; amd64) crossplane-provider-jet-aws/v0.4.0-30.g2f6b907c.dirty',
    'crossplane',
    '0.4.0-30.g2f6b907c.dirty',
  ],
  [
    'crossplane-contrib/provider-upjet-aws#160 (upjet, Terraform path)',
    'APN/1.0 HashiCorp/1.0 Terraform/1.1.9 (+https://www.terraform.io) terraform-provider-aws/dev (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.15 (go1.17.6; darwin; amd64) crossplane-provider-aws-upbound/v0.0.0',
    'crossplane',
  ],
  ['crossplane-contrib/provider-upjet-aws#160 (upjet, Go SDK path)', 'aws-sdk-go-v2/1.16.15 os/macos lang/go/1.19.2 md/GOOS/darwin md/GOARCH/amd64 api/sts/1.9.0 crossplane-provider-aws-upbound/0.0.0', 'crossplane'],
  ['crossplane-contrib/provider-aws#1243 (classic provider)', 'aws-sdk-go-v2/1.11.2 os/linux lang/go/1.17 md/GOOS/linux md/GOARCH/amd64 api/ecr/1.9.0 crossplane-provider-aws/v0.26.0-rc.0.18.ge6ac32da.dirty', 'crossplane'],
  ['pulumi/pulumi-aws#1604', 'APN/1.0 Pulumi/1.0 Pulumi-Aws/4.17.0-alpha.1629393364+0b9d696e.dirty (+https://www.pulumi.com) aws-sdk-go/1.40.20 (go1.16.4; darwin; amd64)', 'pulumi', '4.17.0-alpha.1629393364+0b9d696e.dirty'],
  ['aws/aws-cdk#11 / #51 (CDK CLI prepends aws-cdk/<version>)', 'aws-cdk/2.150.0 aws-sdk-js/3.600.0 ua/2.0 os/linux lang/js md/nodejs#20.15.0', 'cdk', '2.150.0'],
  ['aws/aws-cdk#17554 (cdk hotswap)', 'aws-sdk-js/3.600.0 cdk-hotswap/success-lambda-function', 'cdk'],
  ['aws/amazon-vpc-cni-k8s#3555 (a Go SDK workload)', 'aws-sdk-go-v2/1.39.2 ua/2.1 os/linux lang/go#1.25.4 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.254.1 m/E,z', 'sdk', 'Go 1.39.2'],
];

describe('core/changeChannel on real records', () => {
  for (const c of realCases) {
    it(`${c.kind}: ${c.ref.eventName} — ${c.why}`, () => {
      const event = normalized(sampleRecord(c.ref));
      const channel = changeChannelOf(event);
      assert.equal(channel.kind, c.kind);
      assert.deepEqual(event.channel, channel, 'computed at normalisation');
      if (c.label !== undefined) assert.equal(channel.label, c.label);
      if (c.detail !== undefined) assert.equal(channel.detail, c.detail);
      assert.equal(channel.iac, isIacChannel(c.kind));
    });
  }
});

describe('core/changeChannel on documented user agents', () => {
  for (const [source, userAgent, kind, detail] of documentedAgents) {
    it(`${kind}: ${source}`, () => {
      const channel = deriveChangeChannel({ eventName: 'X', userAgent, userIdentity: { type: 'AssumedRole' } });
      assert.equal(channel.kind, kind);
      assert.equal(channel.iac, isIacChannel(kind));
      if (detail !== undefined) assert.equal(channel.detail, detail);
    });
  }

  it('CloudFormation: invokedBy, sourceIPAddress or userAgent cloudformation.amazonaws.com, whatever the caller', () => {
    for (const fields of [{ userIdentity: { type: 'AssumedRole', invokedBy: 'cloudformation.amazonaws.com' } }, { sourceIPAddress: 'cloudformation.amazonaws.com' }, { userAgent: 'cloudformation.amazonaws.com' }]) {
      assert.equal(deriveChangeChannel({ eventName: 'CreateBucket', ...fields }).kind, 'cloudformation', JSON.stringify(fields));
    }
  });
});

describe('core/changeChannel filter and sample data', () => {
  it('"outside IaC" keeps console, CLI, SDK and unknown changes, not IaC nor AWS services acting on their own', () => {
    const expected: Record<ChangeChannelKind, boolean> = { terraform: false, crossplane: false, pulumi: false, cloudformation: false, cdk: false, console: true, cli: true, sdk: true, awsService: false, unknown: true };
    for (const [kind, outside] of Object.entries(expected)) {
      const event = buildEvent({ channel: { kind: kind as ChangeChannelKind, label: kind, iac: isIacChannel(kind as ChangeChannelKind), signal: 'test' } });
      assert.equal(isOutsideIac(event), outside, kind);
    }
  });

  it('derives the channel of events built without one (CSV rows, older state) from their fields', () => {
    assert.equal(changeChannelOf(buildEvent({ partial: true, userAgent: 'aws-cli/2.17.52 command/s3api.put-bucket-policy' })).kind, 'cli');
    assert.equal(changeChannelOf(buildEvent({ raw: { userAgent: 'console.amazonaws.com' } })).kind, 'console');
  });

  it('never throws on odd records', () => {
    for (const odd of [null, 7, 'x', [], { userAgent: 42 }, { userIdentity: 'x', userAgent: '' }, { userAgent: 'a'.repeat(100_000) }]) {
      assert.ok(deriveChangeChannel(odd).label.length > 0);
    }
  });

  it('generated: every sample-data pipeline call (Terraform agent) is Terraform, every console-flagged call is console', () => {
    const { records } = generateSampleRecords({ now: Date.UTC(2026, 10, 21, 11, 40, 0), backgroundEvents: 400 });
    let terraform = 0;
    let console = 0;
    for (const record of records) {
      const channel = deriveChangeChannel(record);
      if (String(record.userAgent).includes('terraform-provider-aws') && !String(record.userAgent).includes('crossplane')) {
        assert.equal(channel.kind, 'terraform');
        terraform++;
      }
      if (record.sessionCredentialFromConsole === 'true') {
        assert.equal(channel.kind, 'console', String(record.userAgent));
        console++;
      }
    }
    assert.ok(terraform > 0 && console > 0, `${terraform} Terraform, ${console} console`);
  });
});
