import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  findResourceBlockAt,
  findStateInstances,
  findTerraformBlocks,
  identifiersForResource,
  listStateInstances,
  parseResourceAddress,
  resolveTerraformBlock,
  type TerraformBlock,
} from '../../../src/core/terraform';

const dir = path.resolve(__dirname, '../../../../test/fixtures/terraform');
const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
const mainTf = read('main.tf');
const mainLines = mainTf.split('\n');
const state: unknown = JSON.parse(read('terraform.tfstate'));
const show: unknown = JSON.parse(read('show.json'));

function lineOf(needle: string): number {
  const index = mainLines.findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, needle);
  return index;
}

function blockAt(needle: string): TerraformBlock {
  const block = findResourceBlockAt(mainTf, lineOf(needle));
  assert.ok(block, `no block at ${needle}`);
  return block;
}

describe('core/terraform blocks', () => {
  it('lists every resource and data block, skipping braces in strings, comments and heredocs', () => {
    assert.deepEqual(
      findTerraformBlocks(mainTf).map((b) => b.address),
      [
        'aws_security_group.web',
        'aws_wafv2_web_acl.edge',
        'aws_db_instance.orders',
        'aws_iam_user.alice',
        'aws_iam_role.deploy',
        'aws_iam_role_policy.deploy',
        'aws_s3_bucket.logs',
        'aws_s3_bucket.data',
        'aws_s3_bucket_policy.data',
        'aws_iam_user.ops',
        'aws_instance.web',
        'aws_instance.bastion',
        'data.aws_iam_role.admin',
        'aws_sns_topic.alerts',
      ],
    );
  });

  it('finds the block from its header, a nested block line and its closing brace', () => {
    const header = lineOf('resource "aws_security_group" "web"');
    const block = blockAt('cidr_blocks');
    assert.equal(block.address, 'aws_security_group.web');
    assert.equal(block.range.startLine, header);
    assert.equal(mainLines[block.range.endLine], '}');
    assert.equal(findResourceBlockAt(mainTf, header)?.address, 'aws_security_group.web');
    assert.equal(findResourceBlockAt(mainTf, block.range.endLine)?.address, 'aws_security_group.web');
    assert.equal(findResourceBlockAt(mainTf, block.range.endLine + 1), undefined);
    assert.equal(findResourceBlockAt(mainTf, lineOf('variable "bucket_name"')), undefined);
    assert.equal(findResourceBlockAt(mainTf, lineOf('module "net"')), undefined);
  });

  it('splits literal from interpolated attributes (top level only)', () => {
    const sg = blockAt('name        = "web-sg"');
    assert.deepEqual(sg.literals, { name: 'web-sg', description: 'Allow HTTPS {from anywhere}' });
    assert.deepEqual(sg.interpolated, { vpc_id: 'module.net.vpc_id' });
    const db = blockAt('identifier        = "orders-db"');
    assert.equal(db.literals.identifier, 'orders-db');
    assert.equal(db.literals.allocated_storage, '20');
    assert.equal(db.literals.skip_final_snapshot, 'true');
    assert.equal(blockAt('bucket = var.bucket_name').interpolated.bucket, 'var.bucket_name');
  });

  it('does not end a block at a brace inside a comment, string or heredoc', () => {
    const db = blockAt('identifier        = "orders-db"');
    assert.equal(db.range.endLine, lineOf('skip_final_snapshot') + 1);
    const policy = blockAt('"Resource": "arn:aws:s3:::logs-prod/*"');
    assert.equal(policy.address, 'aws_iam_role_policy.deploy');
    assert.equal(policy.interpolated.role, 'aws_iam_role.deploy.id');
    assert.equal(policy.literals.Effect, undefined, 'heredoc content is not an attribute');
  });

  it('marks count and for_each blocks', () => {
    assert.equal(blockAt('for_each = toset').repeatedBy, 'for_each');
    assert.equal(blockAt('count         = 2').repeatedBy, 'count');
    assert.equal(blockAt('t3.nano').repeatedBy, undefined);
  });

  it('reads data blocks, unquoted labels and $${ escapes', () => {
    const data = blockAt('data "aws_iam_role" "admin"');
    assert.deepEqual([data.kind, data.address, data.literals.name], ['data', 'data.aws_iam_role.admin', 'Admin']);
    const topic = blockAt('resource aws_sns_topic alerts');
    assert.equal(topic.address, 'aws_sns_topic.alerts');
    assert.equal(topic.literals.display_name, 'literal ${not.interpolated}');
  });

  it('handles CRLF, a one-line block and an unterminated block without throwing', () => {
    const crlf = 'resource "aws_s3_bucket" "a" {\r\n  bucket = "x"\r\n}\r\n';
    assert.equal(findResourceBlockAt(crlf, 1)?.literals.bucket, 'x');
    assert.equal(findResourceBlockAt('resource "aws_sqs_queue" "q" {}', 0)?.address, 'aws_sqs_queue.q');
    const open = 'resource "aws_s3_bucket" "a" {\n  bucket = "x"\n';
    assert.equal(findResourceBlockAt(open, 1)?.literals.bucket, 'x');
    assert.deepEqual(findTerraformBlocks(''), []);
    assert.deepEqual(findTerraformBlocks('}}}} "unterminated'), []);
  });

  it('reads a child module file', () => {
    assert.deepEqual(findTerraformBlocks(read('modules/net/main.tf')).map((b) => b.address), ['aws_vpc.main', 'aws_security_group.db']);
  });
});

describe('core/terraform state', () => {
  for (const [label, source] of [['terraform.tfstate v4', state], ['terraform show -json', show]] as const) {
    describe(label, () => {
      it('finds a root resource with its arn and id', () => {
        const found = findStateInstances(source, 'aws_security_group.web');
        assert.ok(found.ok, found.ok ? '' : found.reason);
        assert.equal(found.instances.length, 1);
        assert.deepEqual(
          { address: found.instances[0].address, arn: found.instances[0].arn, id: found.instances[0].id, name: found.instances[0].attributes.name },
          { address: 'aws_security_group.web', arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f60718', id: 'sg-0a1b2c3d4e5f60718', name: 'web-sg' },
        );
      });

      it('returns every for_each instance, or one by key', () => {
        const all = findStateInstances(source, 'aws_iam_user.ops');
        assert.ok(all.ok);
        assert.deepEqual(all.instances.map((i) => [i.address, i.indexKey, i.arn]), [
          ['aws_iam_user.ops["bob"]', 'bob', 'arn:aws:iam::111122223333:user/bob'],
          ['aws_iam_user.ops["carol"]', 'carol', 'arn:aws:iam::111122223333:user/carol'],
        ]);
        const carol = findStateInstances(source, 'aws_iam_user.ops["carol"]');
        assert.ok(carol.ok);
        assert.deepEqual(carol.instances.map((i) => i.id), ['carol']);
      });

      it('returns every count instance, or one by index', () => {
        const all = findStateInstances(source, 'aws_instance.web');
        assert.ok(all.ok);
        assert.deepEqual(all.instances.map((i) => [i.address, i.indexKey, i.id]), [
          ['aws_instance.web[0]', 0, 'i-0aaaaaaaaaaaaaaa0'],
          ['aws_instance.web[1]', 1, 'i-0bbbbbbbbbbbbbbb1'],
        ]);
        const second = findStateInstances(source, 'aws_instance.web[1]');
        assert.ok(second.ok);
        assert.deepEqual(second.instances.map((i) => i.id), ['i-0bbbbbbbbbbbbbbb1']);
      });

      it('finds resources in nested modules by full address', () => {
        const vpc = findStateInstances(source, 'module.net.aws_vpc.main');
        assert.ok(vpc.ok);
        assert.equal(vpc.instances[0].id, 'vpc-0123456789abcdef0');
        const flow = findStateInstances(source, 'module.net.module.flow.aws_cloudwatch_log_group.flow');
        assert.ok(flow.ok);
        assert.equal(flow.instances[0].arn, 'arn:aws:logs:us-east-1:111122223333:log-group:/vpc/flow-logs');
      });

      it('matches a module resource by type and name only when asked to', () => {
        const strict = findStateInstances(source, 'aws_vpc.main');
        assert.ok(!strict.ok);
        assert.match(strict.reason, /aws_vpc\.main is not in the Terraform state\. State has module\.net\.aws_vpc\.main\./);
        const loose = findStateInstances(source, 'aws_vpc.main', { anyModule: true });
        assert.ok(loose.ok);
        assert.equal(loose.instances[0].address, 'module.net.aws_vpc.main');
      });

      it('keeps data sources apart from managed resources', () => {
        const data = findStateInstances(source, 'data.aws_iam_role.admin');
        assert.ok(data.ok);
        assert.equal(data.instances[0].arn, 'arn:aws:iam::111122223333:role/Admin');
        assert.ok(!findStateInstances(source, 'aws_iam_role.admin').ok);
      });
    });
  }

  it('finds resources in a module instance created with for_each', () => {
    const found = findStateInstances(state, 'module.app["blue"].aws_lambda_function.handler');
    assert.ok(found.ok, found.ok ? '' : found.reason);
    assert.equal(found.instances[0].arn, 'arn:aws:lambda:us-east-1:111122223333:function:handler-blue');
  });

  it('keeps only string and number attributes', () => {
    const found = findStateInstances(state, 'aws_db_instance.orders');
    assert.ok(found.ok);
    const attributes = found.instances[0].attributes;
    assert.equal(attributes.identifier, 'orders-db');
    assert.equal(attributes.allocated_storage, '20');
    assert.equal(attributes.password, undefined);
  });

  it('explains empty, legacy and malformed state', () => {
    const empty = findStateInstances(JSON.parse(read('empty.tfstate')), 'aws_s3_bucket.logs');
    assert.ok(!empty.ok);
    assert.match(empty.reason, /not in the Terraform state\. The state is empty/);
    const legacy = findStateInstances(JSON.parse(read('legacy-v3.tfstate')), 'aws_s3_bucket.logs');
    assert.ok(!legacy.ok);
    assert.match(legacy.reason, /Unsupported state format version 3/);
    for (const bad of [null, 42, 'text', [], { version: 4, resources: 'nope' }, { format_version: '1.0', values: 7 }]) {
      const result = findStateInstances(bad, 'aws_s3_bucket.logs');
      assert.ok(!result.ok, JSON.stringify(bad));
      assert.ok(result.reason.length > 10);
    }
    assert.ok(listStateInstances({ format_version: '1.0' }).ok, 'show -json of an empty state has no values');
    const badAddress = findStateInstances(state, 'not an address');
    assert.ok(!badAddress.ok);
    assert.match(badAddress.reason, /is not a Terraform resource address/);
  });

  it('parses addresses', () => {
    assert.deepEqual(parseResourceAddress('module.a["x"].module.b.data.aws_iam_role.r[3]'), { module: 'module.a["x"].module.b', mode: 'data', type: 'aws_iam_role', name: 'r', indexKey: 3 });
    assert.deepEqual(parseResourceAddress('aws_iam_user.ops["a.b"]'), { module: '', mode: 'managed', type: 'aws_iam_user', name: 'ops', indexKey: 'a.b' });
    assert.equal(parseResourceAddress('aws_iam_user'), undefined);
    assert.equal(parseResourceAddress('aws_iam_user.ops["\\x"]'), undefined);
  });
});

describe('core/terraform identifiers and resolution', () => {
  it('builds fallback candidates from literal attributes', () => {
    assert.deepEqual(identifiersForResource('aws_s3_bucket', { bucket: 'logs-prod' }), ['logs-prod', 'arn:aws:s3:::logs-prod']);
    assert.deepEqual(identifiersForResource('aws_s3_bucket', { bucket: 'logs-prod' }, 'aws-cn'), ['logs-prod', 'arn:aws-cn:s3:::logs-prod']);
    assert.deepEqual(identifiersForResource('aws_iam_user', { name: 'alice', path: '/ops/' }), ['alice']);
    assert.deepEqual(identifiersForResource('aws_security_group', { name: 'web-sg' }), ['web-sg']);
    assert.deepEqual(identifiersForResource('aws_db_instance', { identifier: 'orders-db', engine: 'postgres' }), ['orders-db']);
    assert.deepEqual(identifiersForResource('aws_wafv2_web_acl', { name: 'edge-acl' }), ['edge-acl']);
    assert.deepEqual(identifiersForResource('aws_lambda_function', { function_name: 'fn' }), ['fn']);
    assert.deepEqual(identifiersForResource('aws_ssm_parameter', { name: '/prod/db' }), ['/prod/db', 'prod/db']);
    assert.deepEqual(identifiersForResource('aws_kms_alias', { name: 'alias/app' }), ['alias/app']);
    assert.deepEqual(identifiersForResource('aws_something_new', { name: 'thing' }), ['thing']);
    assert.deepEqual(identifiersForResource('aws_instance', { ami: 'ami-1' }), []);
    assert.deepEqual(identifiersForResource('aws_iam_role', { arn: 'arn:aws:iam::111122223333:role/x', name: 'x' }), ['x', 'arn:aws:iam::111122223333:role/x']);
  });

  it('resolves from state first, with ARNs for region and account', () => {
    const result = resolveTerraformBlock(blockAt('name        = "web-sg"'), state);
    assert.equal(result.source, 'state');
    assert.deepEqual(result.arns.map((a) => a.raw), ['arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f60718']);
    assert.deepEqual(result.candidates, ['sg-0a1b2c3d4e5f60718', 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f60718', 'web-sg']);
    assert.deepEqual(result.messages, []);
  });

  it('resolves the issue #8 fixtures: WAF web ACL, DB instance, IAM user and role', () => {
    const expectations: [string, string][] = [
      ['name  = "edge-acl"', 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'],
      ['identifier        = "orders-db"', 'arn:aws:rds:us-east-1:111122223333:db:orders-db'],
      ['name = "alice"', 'arn:aws:iam::111122223333:user/ops/alice'],
      ['name = "deploy"', 'arn:aws:iam::111122223333:role/deploy'],
    ];
    for (const [needle, arn] of expectations) {
      const result = resolveTerraformBlock(blockAt(needle), state);
      assert.equal(result.source, 'state', needle);
      assert.deepEqual(result.arns.map((a) => a.raw), [arn]);
      assert.ok(result.candidates.includes(arn));
    }
    assert.deepEqual(resolveTerraformBlock(blockAt('name = "alice"'), state).candidates, ['alice', 'arn:aws:iam::111122223333:user/ops/alice', 'ops/alice']);
  });

  it('resolves every instance of a for_each resource', () => {
    const result = resolveTerraformBlock(blockAt('for_each = toset'), state);
    assert.equal(result.instances.length, 2);
    assert.deepEqual(result.candidates, ['bob', 'arn:aws:iam::111122223333:user/bob', 'carol', 'arn:aws:iam::111122223333:user/carol']);
  });

  it('resolves an interpolated bucket name through state', () => {
    const result = resolveTerraformBlock(blockAt('bucket = var.bucket_name'), state);
    assert.equal(result.source, 'state');
    assert.deepEqual(result.candidates, ['data-default', 'arn:aws:s3:::data-default']);
  });

  it('resolves a child module file with its module prefix or by searching all modules', () => {
    const db = findResourceBlockAt(read('modules/net/main.tf'), 5);
    assert.ok(db);
    const prefixed = resolveTerraformBlock(db, state, { modulePrefix: 'module.net' });
    assert.equal(prefixed.source, 'state');
    assert.equal(prefixed.candidates[0], 'sg-0fedcba9876543210');
    assert.equal(resolveTerraformBlock(db, state).source, 'state', 'anyModule is the default without a prefix');
  });

  it('falls back to literals with a message when state lacks the resource', () => {
    const result = resolveTerraformBlock(blockAt('bucket = "logs-prod"'), state);
    assert.equal(result.source, 'literals');
    assert.deepEqual(result.candidates, ['logs-prod', 'arn:aws:s3:::logs-prod']);
    assert.deepEqual(result.arns.map((a) => a.raw), ['arn:aws:s3:::logs-prod']);
    assert.match(result.messages.join(' '), /aws_s3_bucket\.logs is not in the Terraform state/);
  });

  it('falls back to literals when there is no state at all', () => {
    const result = resolveTerraformBlock(blockAt('name  = "edge-acl"'), undefined);
    assert.equal(result.source, 'literals');
    assert.deepEqual(result.candidates, ['edge-acl']);
    assert.match(result.messages[0] ?? '', /No Terraform state was found for aws_wafv2_web_acl\.edge/);
  });

  it('says what could not be resolved', () => {
    const interpolated = resolveTerraformBlock(blockAt('bucket = var.bucket_name'), undefined);
    assert.equal(interpolated.source, 'none');
    assert.match(interpolated.messages.join(' '), /bucket is var\.bucket_name, which only Terraform can evaluate/);
    const assigned = resolveTerraformBlock(blockAt('t3.nano'), state);
    assert.equal(assigned.source, 'none');
    assert.match(assigned.messages.join(' '), /aws_instance\.bastion is not in the Terraform state/);
    assert.match(assigned.messages.join(' '), /AWS assigns this resource's id when it is created/);
    const policy = resolveTerraformBlock(blockAt('bucket = aws_s3_bucket.data.id'), undefined);
    assert.equal(policy.source, 'none');
    assert.match(policy.messages.join(' '), /aws_s3_bucket_policy\.data: CloudTrail records its changes under bucket = aws_s3_bucket\.data\.id/);
  });
});
