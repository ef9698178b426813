import * as assert from 'node:assert/strict';
import { lastChangedLine, nothingFoundMessage } from '../../../src/core/answerLine';
import { accountOfRoleArn, arnIndexingNote } from '../../../src/core/arnNotes';
import { tryParseArn } from '../../../src/core/arn';
import { buildEvent } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('editor/answerLine', () => {
  it('leads with the newest write event: who, when, what, from where', () => {
    const events = [
      buildEvent({ id: 'r', time: NOW - 60_000, name: 'DescribeSecurityGroups', readOnly: true }),
      buildEvent({ id: 'w', time: NOW - 3 * 3_600_000, name: 'AuthorizeSecurityGroupIngress', readOnly: false, sourceIp: '203.0.113.7' }),
    ];
    assert.equal(lastChangedLine(events, NOW), 'Last changed by alice (IAMUser) 3 h ago: AuthorizeSecurityGroupIngress from 203.0.113.7');
  });

  it('says when the newest change failed', () => {
    const events = [buildEvent({ time: NOW - 120_000, name: 'DeleteBucket', errorCode: 'AccessDenied', principal: { label: 'deploy', type: 'AssumedRole' } })];
    assert.equal(lastChangedLine(events, NOW), 'Last change attempted by deploy (AssumedRole) 2 min ago: DeleteBucket (failed: AccessDenied)');
  });

  it('gives the date of changes older than 30 days', () => {
    const events = [buildEvent({ time: Date.UTC(2026, 8, 22, 2, 0, 0), name: 'AttachUserPolicy', sourceIp: '198.51.100.24' })];
    assert.equal(lastChangedLine(events, NOW), 'Last changed by alice (IAMUser) on 2026-09-22 02:00:00 UTC: AttachUserPolicy from 198.51.100.24');
  });

  it('has no answer without write events', () => {
    assert.equal(lastChangedLine([buildEvent({ readOnly: true })], NOW), undefined);
    assert.equal(lastChangedLine([], NOW), undefined);
  });

  it('an empty result names every candidate and region searched', () => {
    const message = nothingFoundMessage('sg-1', { candidates: ['sg-1', 'arn:aws:ec2:eu-west-1:1:security-group/sg-1'], regions: ['eu-west-1'], start: 0, end: 1000, includeReadOnly: false });
    assert.equal(
      message,
      'No write events found for sg-1 between 1970-01-01T00:00:00Z and 1970-01-01T00:00:01Z. Searched ResourceName "sg-1", "arn:aws:ec2:eu-west-1:1:security-group/sg-1" in eu-west-1.',
    );
  });
});

describe('editor/arnNotes', () => {
  const note = (arn: string) => {
    const parsed = tryParseArn(arn);
    assert.ok(parsed, arn);
    return arnIndexingNote(parsed);
  };
  it('ordinary resources need no note', () => {
    assert.equal(note('arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b2c3d4e5f67890'), undefined);
    assert.equal(note('arn:aws:iam::123456789012:user/dave.ops'), undefined);
  });
  it('S3 objects fall back to the bucket; sessions and execute-api stop with a reason', () => {
    assert.equal(note('arn:aws:s3:::logs-prod/2026/a.gz')?.stop, false);
    assert.equal(note('arn:aws:sts::123456789012:assumed-role/deploy/ci')?.stop, true);
    assert.match(note('arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/orders')?.message ?? '', /not CloudTrail events/);
  });
  it('reads the account of a profile role', () => {
    assert.equal(accountOfRoleArn('arn:aws:iam::210987654321:role/Admin'), '210987654321');
    assert.equal(accountOfRoleArn(undefined), undefined);
    assert.equal(accountOfRoleArn('not an arn'), undefined);
  });
});
