import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findAllArnsInLine, findArnAt, type ArnAtPosition } from '../../../src/core/arnAtPosition';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

function lines(relative: string): string[] {
  return readFileSync(path.join(fixtures, relative), 'utf8').split(/\r?\n/);
}

/** The line containing `needle` and the character `offset` characters into the needle. */
function at(fileLines: readonly string[], needle: string, offset = 0): { line: string; character: number } {
  const line = fileLines.find((l) => l.includes(needle));
  if (line === undefined) assert.fail(`fixture has no line with ${needle}`);
  return { line, character: line.indexOf(needle) + offset };
}

function expectArn(result: ArnAtPosition | undefined, raw: string): void {
  assert.ok(result, `expected an ARN, got nothing`);
  assert.ok(result.kind === 'arn', JSON.stringify(result));
  assert.equal(result.text, raw);
  assert.equal(result.arn.raw, raw);
}

describe('core/arnAtPosition findArnAt', () => {
  describe('HCL (.tfvars/.tf)', () => {
    const tfvars = lines('terraform/prod.tfvars');
    const tf = lines('terraform/main.tf');

    it('finds a quoted ARN with the cursor at its start, middle and just after its end', () => {
      const arn = 'arn:aws:iam::111122223333:role/deploy';
      for (const offset of [0, 10, arn.length]) {
        const { line, character } = at(tfvars, arn, offset);
        expectArn(findArnAt(line, character), arn);
      }
    });

    it('gives the range of the ARN inside the quotes', () => {
      const { line } = at(tfvars, 'role_arn');
      const result = findArnAt(line, 20);
      assert.ok(result);
      assert.deepEqual([result.start, result.end], [line.indexOf('arn:'), line.lastIndexOf('"')]);
    });

    it('picks the right one of several ARNs on a line', () => {
      const { line } = at(tfvars, 'topic_arns');
      expectArn(findArnAt(line, line.indexOf('alerts')), 'arn:aws:sns:us-east-1:111122223333:alerts');
      expectArn(findArnAt(line, line.indexOf('pager')), 'arn:aws:sns:us-east-1:111122223333:pager');
      assert.equal(findArnAt(line, line.indexOf('","') + 1), undefined, 'the comma between the quotes is not an ARN');
      assert.equal(findAllArnsInLine(line).length, 2);
    });

    it('ignores a trailing comment and finds slashes and dashes in WAF ARNs', () => {
      expectArn(findArnAt(at(tfvars, 'bucket_arn').line, 20), 'arn:aws:s3:::logs-prod');
      const { line, character } = at(tfvars, 'EXAMPLE11111');
      expectArn(findArnAt(line, character), 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111');
    });

    it('reports which part of an interpolated ARN is unresolved', () => {
      const { line, character } = at(tf, 'arn:aws:s3:::${var.bucket_name}/*', 3);
      const result = findArnAt(line, character);
      assert.ok(result?.kind === 'interpolated', JSON.stringify(result));
      assert.equal(result.text, 'arn:aws:s3:::${var.bucket_name}/*');
      assert.deepEqual(result.expressions, ['${var.bucket_name}']);
      assert.deepEqual(result.parts, ['resource']);
      assert.match(result.message, /the resource part comes from \$\{var\.bucket_name\}/);
    });

    it('explains why a wildcard ARN in a heredoc policy cannot be looked up', () => {
      const { line, character } = at(tf, 'arn:aws:s3:::logs-prod/*', 5);
      const result = findArnAt(line, character);
      assert.ok(result?.kind === 'invalid');
      assert.match(result.reason, /wildcard/);
    });

    it('finds the account-root ARN inside jsonencode', () => {
      const { line, character } = at(tf, 'arn:aws:iam::111122223333:root', 1);
      expectArn(findArnAt(line, character), 'arn:aws:iam::111122223333:root');
    });

    it('returns nothing away from an ARN', () => {
      const { line } = at(tfvars, 'role_arn');
      assert.equal(findArnAt(line, 0), undefined);
      assert.equal(findArnAt('', 0), undefined);
      assert.equal(findArnAt('resource "aws_s3_bucket" "logs" {', 12), undefined);
    });
  });

  describe('JSON (IAM policy)', () => {
    const json = lines('arnAtPosition/policy.json');
    it('finds each ARN in a JSON array of strings', () => {
      const { line } = at(json, '"Resource": [');
      expectArn(findArnAt(line, line.indexOf('arn:aws:s3:::logs-prod"') + 5), 'arn:aws:s3:::logs-prod');
      const all = findAllArnsInLine(line);
      assert.deepEqual(all.map((r) => r.kind), ['arn', 'invalid']);
    });
    it('finds a single JSON string value', () => {
      const { line, character } = at(json, 'role/deploy');
      expectArn(findArnAt(line, character), 'arn:aws:iam::111122223333:role/deploy');
    });
  });

  describe('YAML (CloudFormation)', () => {
    const yaml = lines('arnAtPosition/template.yaml');
    it('finds unquoted and single-quoted ARNs', () => {
      expectArn(findArnAt(at(yaml, 'TopicArn').line, at(yaml, 'TopicArn').line.length), 'arn:aws:sns:us-east-1:111122223333:alerts');
      const { line, character } = at(yaml, ':jobs', 2);
      expectArn(findArnAt(line, character), 'arn:aws:sqs:us-east-1:111122223333:jobs');
    });
    it('reports !Sub placeholders in the partition and resource parts', () => {
      const { line, character } = at(yaml, '!Sub arn:', 6);
      const result = findArnAt(line, character);
      assert.ok(result?.kind === 'interpolated', JSON.stringify(result));
      assert.deepEqual(result.expressions, ['${AWS::Partition}', '${BucketName}']);
      assert.deepEqual(result.parts, ['partition', 'resource']);
      assert.match(result.message, /the partition and resource parts come from/);
    });
    it('reports an interpolated account', () => {
      const { line, character } = at(yaml, 'AWS::AccountId', 0);
      const result = findArnAt(line, character);
      assert.ok(result?.kind === 'interpolated');
      assert.deepEqual(result.parts, ['account']);
    });
    it('handles a flow sequence with two ARNs and a trailing comment', () => {
      const { line } = at(yaml, 'AlarmActions');
      expectArn(findArnAt(line, line.indexOf(':alerts')), 'arn:aws:sns:us-east-1:111122223333:alerts');
      expectArn(findArnAt(line, line.indexOf(':pager]')), 'arn:aws:sns:us-east-1:111122223333:pager');
    });
  });

  describe('plain text', () => {
    const text = lines('arnAtPosition/notes.txt');
    it('drops sentence punctuation and parentheses', () => {
      const first = at(text, 'role/deploy', 'role/deploy'.length);
      expectArn(findArnAt(first.line, first.character), 'arn:aws:iam::111122223333:role/deploy');
      const period = at(text, 'sg-0a1b2c3d4e5f60718,', 'sg-0a1b2c3d4e5f60718'.length);
      assert.equal(findArnAt(period.line, period.character)?.text.endsWith('60718'), true, 'the comma is not part of the ARN');
      const second = at(text, 'sg-0a1b');
      expectArn(findArnAt(second.line, second.character), 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f60718');
      const third = at(text, 'db:orders-db');
      expectArn(findArnAt(third.line, third.character), 'arn:aws:rds:us-east-1:111122223333:db:orders-db');
    });
    it('does not take words that merely contain arn: or upper-case ARN', () => {
      const { line } = at(text, 'barn:');
      assert.equal(findArnAt(line, line.indexOf('barn:') + 2), undefined);
      assert.equal(findArnAt(line, line.indexOf('arn:aws:s3 ') + 2), undefined, 'too few colons');
      assert.equal(findArnAt(line, line.indexOf('ARN:') + 2), undefined);
    });
    it('handles a line end without a newline and CRLF leftovers', () => {
      expectArn(findArnAt('arn:aws:s3:::bucket', 19), 'arn:aws:s3:::bucket');
      expectArn(findArnAt('x arn:aws:s3:::bucket\r', 5), 'arn:aws:s3:::bucket');
    });
    it('classifies an ARN-shaped token with a bad account as invalid with a reason', () => {
      const result = findArnAt('arn:aws:ec2:us-east-1:12345:instance/i-1', 3);
      assert.ok(result?.kind === 'invalid');
      assert.match(result.reason, /12-digit/);
    });
  });
});
