import * as assert from 'node:assert/strict';
import { applyViewFilter, describeFilter, isFilterActive, NO_FILTER } from '../../../src/core/viewFilter';
import { buildEvent } from './fixtures';

describe('views/viewFilter', () => {
  const events = [
    buildEvent({ id: '1', name: 'DeleteBucket', service: { source: 's3.amazonaws.com', key: 's3', label: 'S3' }, sourceIp: '203.0.113.7' }),
    buildEvent({ id: '2', name: 'RunInstances', principal: { label: 'bob', key: 'arn:aws:iam::1:user/bob', userName: 'bob' }, errorCode: 'UnauthorizedOperation' }),
    buildEvent({ id: '3', name: 'PutObject', resources: [{ name: 'invoices-bucket', type: 'AWS::S3::Bucket' }] }),
  ];

  it('returns the same array when nothing filters', () => {
    assert.equal(applyViewFilter(events, NO_FILTER), events);
    assert.equal(isFilterActive({ text: '   ', errorsOnly: false }), false);
  });

  it('matches text across event name, principal, resource and source IP', () => {
    const ids = (text: string): string[] => applyViewFilter(events, { text, errorsOnly: false }).map((e) => e.id);
    assert.deepEqual(ids('deletebucket'), ['1']);
    assert.deepEqual(ids('bob'), ['2']);
    assert.deepEqual(ids('invoices'), ['3']);
    assert.deepEqual(ids('203.0.113.7'), ['1']);
    assert.deepEqual(ids('alice put'), ['3']);
  });

  it('keeps only failed calls with errors only, combined with text', () => {
    assert.deepEqual(applyViewFilter(events, { text: '', errorsOnly: true }).map((e) => e.id), ['2']);
    assert.deepEqual(applyViewFilter(events, { text: 'alice', errorsOnly: true }), []);
  });

  it('describes the active filter for the view title', () => {
    assert.equal(describeFilter({ text: ' alice ', errorsOnly: true }), 'errors only · "alice"');
    assert.equal(describeFilter(NO_FILTER), '');
  });

  it('keeps only changes made outside IaC (console, CLI, SDK), not Terraform or AWS services', () => {
    const mixed = [
      buildEvent({ id: 'tf', raw: { userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.80.0 aws-sdk-go-v2/1.32.6' } }),
      buildEvent({ id: 'console', raw: { userAgent: 'Mozilla/5.0 (Macintosh)', sessionCredentialFromConsole: 'true' } }),
      buildEvent({ id: 'svc', raw: { userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' }, userAgent: 'lambda.amazonaws.com' } }),
    ];
    assert.deepEqual(applyViewFilter(mixed, { text: '', errorsOnly: false, outsideIacOnly: true }).map((e) => e.id), ['console']);
    assert.equal(isFilterActive({ text: '', errorsOnly: false, outsideIacOnly: true }), true);
    assert.equal(describeFilter({ text: '', errorsOnly: true, outsideIacOnly: true }), 'errors only · outside IaC');
  });

  it('keeps only events whose trail file a digest verified with verified only (API and unchecked events dropped)', () => {
    const origin = (file: string) => ({ file, key: `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/${file}`, recordIndex: 0 });
    const archived = [
      buildEvent({ id: 'ok', origin: origin('a.json.gz') }),
      buildEvent({ id: 'forged', origin: origin('b.json.gz') }),
      buildEvent({ id: 'api' }),
      buildEvent({ id: 'unchecked', origin: origin('c.json.gz') }),
    ];
    const integrity = {
      'a.json.gz': { status: 'verified' as const, reason: 'hashMatches', message: 'verified' },
      'b.json.gz': { status: 'altered' as const, reason: 'hashDiffers', message: 'altered' },
    };
    assert.deepEqual(applyViewFilter(archived, { text: '', errorsOnly: false, verifiedOnly: true, integrity }).map((e) => e.id), ['ok']);
    assert.deepEqual(applyViewFilter(archived, { text: '', errorsOnly: false, verifiedOnly: true }).map((e) => e.id), [], 'nothing vouches before validation');
    assert.equal(describeFilter({ text: '', errorsOnly: false, verifiedOnly: true }), 'verified only');
  });
});
