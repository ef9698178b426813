import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { belongsToResourceType, subResourceEventNames } from '../../../src/core/subResourceEvents';
import { TERRAFORM_TYPES } from '../../../src/core/terraformTypes';

const root = path.resolve(__dirname, '../../../..');
const real: TrailEvent[] = readFileSync(path.join(root, 'test', 'fixtures', 'records.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => normalizeRecord((JSON.parse(line) as { record: unknown }).record))
  .flatMap((r) => (r.ok ? [r.event] : []));

/** The real record (AWS docs) named `name` from `source`. */
function record(name: string, source: string): TrailEvent {
  const found = real.find((e) => e.name === name && e.service.source === source);
  assert.ok(found, `${name} from ${source} is in test/fixtures/records.jsonl`);
  return found;
}

describe('core/subResourceEvents: a Terraform sub-resource takes only the events that change it', () => {
  it('a bucket ACL takes the real PutBucketAcl; the bucket policy, versioning and public access block do not', () => {
    const acl = record('PutBucketAcl', 's3.amazonaws.com');
    assert.equal(belongsToResourceType('aws_s3_bucket_acl', acl), true);
    for (const type of ['aws_s3_bucket_policy', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block']) assert.equal(belongsToResourceType(type, acl), false, type);
  });

  it('deleting the bucket (real DeleteBucket) is the bucket’s change, not its policy’s', () => {
    const deleted = record('DeleteBucket', 's3.amazonaws.com');
    assert.equal(belongsToResourceType('aws_s3_bucket', deleted), true, 'the bucket itself takes every event');
    assert.equal(belongsToResourceType('aws_s3_bucket_policy', deleted), false);
  });

  it('an SQS queue policy takes the real SetQueueAttributes, AddPermission and RemovePermission; a Lambda permission does not take SQS’s AddPermission', () => {
    for (const name of ['SetQueueAttributes', 'AddPermission', 'RemovePermission']) assert.equal(belongsToResourceType('aws_sqs_queue_policy', record(name, 'sqs.amazonaws.com')), true, name);
    assert.equal(belongsToResourceType('aws_lambda_permission', record('AddPermission', 'sqs.amazonaws.com')), false, 'same name, other service');
  });

  it('Lambda’s versioned event names (AddPermission20150331v2) match their operation', () => {
    const event = { ...record('AddPermission', 'sqs.amazonaws.com'), service: { ...record('AddPermission', 'sqs.amazonaws.com').service, source: 'lambda.amazonaws.com' }, name: 'AddPermission20150331v2' };
    assert.equal(belongsToResourceType('aws_lambda_permission', event), true);
    assert.equal(belongsToResourceType('aws_lambda_alias', event), false);
  });

  it('security group rules take ingress/egress authorizations and revocations by direction', () => {
    const base = record('PutBucketAcl', 's3.amazonaws.com');
    const ec2 = (name: string): TrailEvent => ({ ...base, service: { ...base.service, source: 'ec2.amazonaws.com' }, name });
    assert.equal(belongsToResourceType('aws_vpc_security_group_ingress_rule', ec2('AuthorizeSecurityGroupIngress')), true);
    assert.equal(belongsToResourceType('aws_vpc_security_group_ingress_rule', ec2('AuthorizeSecurityGroupEgress')), false);
    assert.equal(belongsToResourceType('aws_security_group_rule', ec2('RevokeSecurityGroupEgress')), true);
    assert.equal(belongsToResourceType('aws_security_group_rule', ec2('CreateTags')), false);
    assert.equal(belongsToResourceType('aws_route', ec2('ReplaceRoute')), true);
    assert.equal(belongsToResourceType('aws_route', ec2('CreateTags')), false);
  });

  it('every sub-resource type indexed only under its parent has its own event names; other types have none', () => {
    for (const [type, spec] of Object.entries(TERRAFORM_TYPES)) {
      const subOnly = spec?.parents !== undefined && spec.names === undefined && spec.idIndexed !== true;
      if (subOnly) assert.ok((subResourceEventNames(type)?.names.length ?? 0) > 0, `${type} has event names`);
    }
    assert.equal(subResourceEventNames('aws_s3_bucket'), undefined);
    assert.equal(subResourceEventNames('aws_security_group'), undefined);
    assert.deepEqual(subResourceEventNames('aws_s3_bucket_policy'), { source: 's3.amazonaws.com', names: ['PutBucketPolicy', 'DeleteBucketPolicy'] });
  });
});
