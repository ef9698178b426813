import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTerraformModule, resolveTerraformBlock, resolveTerraformResource } from '../../../src/core/terraform';
import { hasTerraformTargetAt, terraformTargetAt, type TerraformTarget } from '../../../src/core/terraformTarget';
import { generateSampleRecords } from '../../../tools/sample-data/generate';
import { asLookupEvents, repoRoot } from './fixtures';

const mainTf = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', 'infra', 'main.tf'), 'utf8');
const lines = mainTf.split('\n');
const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
const { records, story } = generateSampleRecords({ now: NOW, backgroundEvents: 100 });
const events = asLookupEvents(records);

function lineOf(needle: string, from = 0): number {
  const index = lines.findIndex((l, i) => i >= from && l.includes(needle));
  assert.ok(index >= 0, needle);
  return index;
}

function blockTarget(target: TerraformTarget): Extract<TerraformTarget, { kind: 'block' }> {
  if (target.kind !== 'block') assert.fail(`expected a block, got ${JSON.stringify(target)}`);
  return target;
}

/** The story's key event is found by looking up `candidates[0]` as ResourceName (as the local endpoint indexes it). */
function foundBy(candidate: string, eventId: string): boolean {
  return events.some((e) => e.id === eventId && e.resources.some((r) => r.name === candidate));
}

describe('core/terraformTarget on the fixture workspace (generated from the sample story)', () => {
  it('finds the story’s aws_security_group by the sg- id of its import block (it used its name, which found nothing)', () => {
    const header = lineOf('resource "aws_security_group" "orders_db"');
    const target = blockTarget(terraformTargetAt(mainTf, header, 3));
    assert.equal(target.resolution.candidates[0], story.securityGroupId);
    assert.deepEqual(target.resolution.identifiers[0], { value: story.securityGroupId, from: 'import', via: 'import block' });
    assert.ok(target.resolution.candidates.includes(story.securityGroupName));
    assert.equal(target.resolution.region, story.regions.app);
    assert.ok(foundBy(target.resolution.candidates[0], story.eventIds.authorizeSecurityGroupIngress), 'the story’s AuthorizeSecurityGroupIngress is indexed under it');
  });

  it('finds the story’s aws_route by its route_table_id, in its provider’s region (it said it had no identifier)', () => {
    const header = lineOf('resource "aws_route" "private_default"');
    const target = blockTarget(terraformTargetAt(mainTf, header, 0));
    assert.deepEqual(target.resolution.candidates, [story.routeTableId]);
    assert.deepEqual(target.resolution.identifiers[0], { value: story.routeTableId, from: 'parent', via: 'route_table_id' });
    assert.equal(target.resolution.region, story.regions.network, 'provider = aws.network → us-west-2');
    assert.ok(foundBy(story.routeTableId, story.eventIds.replaceRoute));
    // The old single-block API now sees the parent argument too.
    const block = target.block;
    assert.deepEqual(resolveTerraformBlock(block, undefined).candidates, [story.routeTableId]);
  });

  it('answers anywhere inside a block, not only on its header', () => {
    const header = lineOf('resource "aws_security_group" "orders_db"');
    const inside = lineOf('description = "Orders database"', header);
    assert.equal(blockTarget(terraformTargetAt(mainTf, inside, 2)).block.address, 'aws_security_group.orders_db');
    const wafHeader = lineOf('resource "aws_wafv2_web_acl" "orders_api"');
    const nested = lineOf('cloudwatch_metrics_enabled', wafHeader);
    const waf = blockTarget(terraformTargetAt(mainTf, nested, 4));
    assert.deepEqual(waf.resolution.candidates.slice(0, 2), [story.webAclId, story.webAclName], 'ID/NAME/SCOPE import id');
    const closing = waf.block.range.endLine;
    assert.equal(blockTarget(terraformTargetAt(mainTf, closing, 0)).block.address, 'aws_wafv2_web_acl.orders_api');
  });

  it('a bare id under the cursor wins over its block, with the block’s region', () => {
    const rule = lineOf('resource "aws_vpc_security_group_ingress_rule" "db_from_app"');
    const idLine = lineOf(`security_group_id = "${story.securityGroupId}"`, rule);
    const column = lines[idLine].indexOf('sg-') + 4;
    const target = terraformTargetAt(mainTf, idLine, column);
    if (target.kind !== 'id') assert.fail(target.kind);
    assert.deepEqual([target.id, target.idKind.label, target.region, target.block?.address], [story.securityGroupId, 'security group', story.regions.app, 'aws_vpc_security_group_ingress_rule.db_from_app']);
    const vpc = lineOf('vpc_id      = "vpc-');
    const vpcTarget = terraformTargetAt(mainTf, vpc, lines[vpc].indexOf('vpc-') + 1);
    assert.equal(vpcTarget.kind === 'id' ? vpcTarget.idKind.label : vpcTarget.kind, 'VPC', 'the VPC id, not the security group');
  });

  it('a security group rule (aws_vpc_security_group_ingress_rule) is looked up under its security group', () => {
    const rule = lineOf('resource "aws_vpc_security_group_ingress_rule" "db_from_app"');
    assert.deepEqual(blockTarget(terraformTargetAt(mainTf, rule, 0)).resolution.candidates, [story.securityGroupId]);
  });

  it('the import block under the cursor resolves the block it imports', () => {
    const imp = lineOf('to = aws_security_group.orders_db');
    assert.equal(blockTarget(terraformTargetAt(mainTf, imp, 8)).block.address, 'aws_security_group.orders_db');
    const idLine = lineOf(`id = "${story.securityGroupId}"`);
    assert.equal(terraformTargetAt(mainTf, idLine, lines[idLine].indexOf('sg-') + 2).kind, 'id');
  });

  it('an ARN under the cursor is returned as an ARN, and lines outside blocks give none', () => {
    const arnLine = lineOf(`web_acl_arn  = "${story.webAclArn}"`);
    assert.equal(terraformTargetAt(mainTf, arnLine, lines[arnLine].indexOf('arn:') + 5).kind, 'arn');
    assert.equal(terraformTargetAt(mainTf, 0, 0).kind, 'none');
    assert.equal(hasTerraformTargetAt(mainTf, 0, 0), false);
    assert.equal(hasTerraformTargetAt(mainTf, lineOf('resource "aws_route" "private_default"') + 1, 0), true);
  });

  it('reads import and provider blocks from the module’s other files', () => {
    const resource = 'resource "aws_security_group" "web" {\n  name = "web-sg"\n}\n';
    const other = parseTerraformModule(['provider "aws" {\n  region = "ap-southeast-2"\n}\n\nimport {\n  to = aws_security_group.web\n  id = "sg-0123456789abcdef0"\n}\n']);
    const target = blockTarget(terraformTargetAt(resource, 1, 2, { module: other }));
    assert.deepEqual(target.resolution.candidates, ['sg-0123456789abcdef0', 'web-sg']);
    assert.equal(target.resolution.region, 'ap-southeast-2');
  });

  it('follows references to other blocks through their import blocks and state', () => {
    const text = [
      'resource "aws_route_table" "private" {',
      '  vpc_id = aws_vpc.main.id',
      '}',
      'import {',
      '  to = aws_route_table.private',
      '  id = "rtb-0f1e2d3c4b5a69788"',
      '}',
      'resource "aws_route" "default" {',
      '  route_table_id         = aws_route_table.private.id',
      '  destination_cidr_block = "0.0.0.0/0"',
      '}',
      'resource "aws_s3_bucket" "data" {',
      '  bucket = var.name',
      '}',
      'resource "aws_s3_bucket_policy" "data" {',
      '  bucket = aws_s3_bucket.data.id',
      '}',
    ].join('\n');
    const module = parseTerraformModule([text]);
    const route = module.blocks.find((b) => b.address === 'aws_route.default')!;
    const resolved = resolveTerraformResource(module, route, undefined);
    assert.deepEqual(resolved.identifiers, [{ value: 'rtb-0f1e2d3c4b5a69788', from: 'reference', via: 'aws_route_table.private' }]);
    const policy = module.blocks.find((b) => b.address === 'aws_s3_bucket_policy.data')!;
    const state = { version: 4, resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'data', instances: [{ attributes: { id: 'acme-data', bucket: 'acme-data', arn: 'arn:aws:s3:::acme-data' } }] }] };
    assert.deepEqual(resolveTerraformResource(module, policy, state).candidates, ['acme-data', 'arn:aws:s3:::acme-data']);
    assert.match(resolveTerraformResource(module, policy, undefined).messages.join(' '), /CloudTrail records its changes under bucket = aws_s3_bucket\.data\.id/);
  });

  it('never throws on odd text and positions', () => {
    for (const [text, line, ch] of [['', 0, 0], ['resource "aws_x" "y" {', 0, 100], ['}}}{{{', 5, -1], ['import {\n to = \n}', 1, 3]] as const) {
      assert.ok(['none', 'block', 'id', 'arn', 'invalid', 'interpolated'].includes(terraformTargetAt(text, line, ch).kind));
    }
  });
});
