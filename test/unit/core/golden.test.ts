import * as assert from 'node:assert/strict';
import { lookupRegionFor, parseArn, resourceNameCandidates } from '../../../src/core/arn';
import { normalizeRecord } from '../../../src/core/event';
import { matchesAttribute } from '../../../src/core/filters';
import type { TrailEvent } from '../../../src/core/model';
import { sampleRecord, type SampleRef } from './fixtures';

/**
 * Golden tables whose every expected value is traced to a real record of test/fixtures/records.jsonl
 * (a copy of the AWS documentation examples): the row names the page and event, and the test first
 * checks that the value really is in that record before checking what the core derives from it.
 */
function normalized(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) assert.fail(result.error.error);
  return result.event;
}

const json = (record: unknown): string => JSON.stringify(record);

describe('golden: LookupEvents Username, traced to real records', () => {
  // What Event history reports as "User name" (the Username lookup attribute) for each identity type:
  // the IAM user name, the role session name, "root" for the root user, the federated user's name.
  const rows: { ref: SampleRef; username: string | undefined; tracedBy: (r: Record<string, unknown>) => boolean; why: string }[] = [
    {
      ref: { source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID: 'deb1e1f9-c99b-4612-8e9f-21f93b5d79c0' },
      username: 'root',
      tracedBy: (r) => (r.userIdentity as { type?: string }).type === 'Root' && !json(r.userIdentity).includes('userName'),
      why: 'Root without userName: Event history says "root"',
    },
    { ref: { source: 'amazon-cloudwatch-user-guide', eventName: 'PutMetricAlarm' }, username: 'root', tracedBy: (r) => (r.userIdentity as { type?: string }).type === 'Root', why: 'Root with an access key' },
    { ref: { source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', eventID: '3fcfb182-98f8-4744-bd45-10a395ab61cb' }, username: 'anaya', tracedBy: (r) => json(r.userIdentity).includes('"userName":"anaya"'), why: 'IAM user name' },
    { ref: { source: 'amazon-athena-user-guide:doc_source/notebooks-spark-troubleshooting-cloudtrail.md', eventName: 'StartSession' }, username: 'alias', tracedBy: (r) => json(r.userIdentity).includes('assumed-role/Admin/alias'), why: 'role session name from assumed-role/Admin/alias' },
    { ref: { source: 'iam-user-guide:doc_source/cloudtrail-integration.md', eventName: 'DeleteBucket' }, username: 'devdsk', tracedBy: (r) => json(r.userIdentity).includes('assumed-role/AssumeNothing/devdsk'), why: 'role session name' },
    { ref: { source: 'aws-codebuild-user-guide', eventName: 'CreateProject' }, username: 'user-name', tracedBy: (r) => json(r.userIdentity).includes('federated-user/user-name'), why: 'federated user name' },
    { ref: { source: 'aws-single-sign-on-user-guide:doc_source/understanding-sign-in-events.md', eventName: 'CredentialChallenge' }, username: 'user1', tracedBy: (r) => json(r.userIdentity).includes('"userName":"user1"'), why: 'Identity Center sign-in (type Unknown)' },
    { ref: { source: 'amazon-dynamodb-developer-guide:doc_source/encryption.usagenotes.md', eventName: 'GenerateDataKey' }, username: undefined, tracedBy: (r) => (r.userIdentity as { type?: string }).type === 'AWSService', why: 'an AWS service has no user name' },
  ];
  for (const row of rows) {
    it(`${row.username ?? '(none)'} — ${row.why}`, () => {
      const record = sampleRecord(row.ref);
      assert.ok(row.tracedBy(record), 'the expected value is what the record says');
      const event = normalized(record);
      assert.equal(event.principal.userName, row.username);
      if (row.username !== undefined) {
        assert.ok(matchesAttribute(event, { key: 'Username', value: row.username }), 'the Username filter matches it');
        assert.ok(!matchesAttribute(event, { key: 'Username', value: row.username.toUpperCase() === row.username ? row.username.toLowerCase() : row.username.toUpperCase() }), 'case-sensitively');
      }
    });
  }
});

describe('golden: ResourceName candidates and region of ARNs found in real records', () => {
  const rows: { ref: SampleRef; arn: string; candidates: string[]; region: string }[] = [
    { ref: { source: 'amazon-dynamodb-developer-guide:doc_source/understanding-ddb-log-entries.md', eventName: 'PutItem' }, arn: 'arn:aws:dynamodb:us-west-2:123456789012:table/Music', candidates: ['Music', 'arn:aws:dynamodb:us-west-2:123456789012:table/Music'], region: 'us-west-2' },
    { ref: { source: 'logging-ebs-apis-using-cloudtrail.md', eventName: 'ListSnapshotBlocks' }, arn: 'arn:aws:ec2:us-west-2::snapshot/snap-abcdef01234567890', candidates: ['snap-abcdef01234567890', 'arn:aws:ec2:us-west-2::snapshot/snap-abcdef01234567890'], region: 'us-west-2' },
    { ref: { source: 'aws-kms-developer-guide:doc_source/ct-createalias.md', eventName: 'CreateAlias' }, arn: 'arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias', candidates: ['alias/ExampleAlias', 'arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias'], region: 'us-west-2' },
    {
      ref: { source: 'aws-kms-developer-guide:doc_source/ct-createalias.md', eventName: 'CreateAlias' },
      arn: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      candidates: ['1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      region: 'us-west-2',
    },
    { ref: { source: 'iam-user-guide:doc_source/cloudtrail-integration.md', eventName: 'AssumeRole', eventID: 'dEXAMPLE-ac7f-466c-a608-4ac8dEXAMPLE' }, arn: 'arn:aws:iam::111122223333:role/EC2-dev', candidates: ['EC2-dev', 'arn:aws:iam::111122223333:role/EC2-dev'], region: 'us-east-1' },
    { ref: { source: 'aws-codecommit-user-guide', eventName: 'CreateRepository' }, arn: 'arn:aws:codecommit:us-east-2:111122223333:MyDemoRepo', candidates: ['arn:aws:codecommit:us-east-2:111122223333:MyDemoRepo', 'MyDemoRepo'], region: 'us-east-2' },
    { ref: { source: 'viewing-service-linked-channels.md', eventName: 'CreateServiceLinkedChannel' }, arn: 'arn:aws:cloudtrail:us-east-1:111122223333:channel/7944f0ec-EXAMPLE', candidates: ['arn:aws:cloudtrail:us-east-1:111122223333:channel/7944f0ec-EXAMPLE', '7944f0ec-EXAMPLE'], region: 'us-east-1' },
  ];
  for (const row of rows) {
    it(row.arn, () => {
      const record = sampleRecord(row.ref);
      assert.ok(json(record.resources).includes(row.arn), `the record's resources list ${row.arn}`);
      const parsed = parseArn(row.arn);
      if (!parsed.ok) assert.fail(parsed.reason);
      assert.deepEqual(resourceNameCandidates(parsed.arn), row.candidates);
      assert.equal(lookupRegionFor(parsed.arn, 'eu-west-3'), row.region);
      assert.ok(normalized(record).resources.some((r) => r.arn === row.arn), 'normalisation keeps it');
    });
  }
});
