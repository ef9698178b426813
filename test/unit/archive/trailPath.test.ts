import * as assert from 'node:assert/strict';
import { mayContainTimeRange, parseTrailPath } from '../../../src/archive/trailPath';

describe('archive/trailPath', () => {
  it('reads account, region and delivery time from the S3 layout', () => {
    const info = parseTrailPath('/logs/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz');
    assert.deepEqual(info, { kind: 'log', account: '111122223333', region: 'us-east-2', deliveredAt: Date.UTC(2015, 7, 1, 2, 10) });
  });

  it('knows organization trails, Insights folders and Windows separators', () => {
    const org = parseTrailPath('C:\\logs\\AWSLogs\\o-exampleorgid\\444455556666\\CloudTrail\\eu-west-1\\2021\\12\\10\\444455556666_CloudTrail_eu-west-1_20211210T1428Z_OrgTrail00000001.json.gz');
    assert.equal(org.organizationId, 'o-exampleorgid');
    assert.equal(org.account, '444455556666');
    assert.equal(org.region, 'eu-west-1');
    const insight = parseTrailPath('x/AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2020/07/21/111122223333_CloudTrail-Insight_us-east-1_20200721T2101Z_Fx00000000000001.json.gz');
    assert.equal(insight.kind, 'insight');
  });

  it('recognises digests by folder and by name, with the end time in seconds', () => {
    const digest = parseTrailPath('AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz');
    assert.equal(digest.kind, 'digest');
    assert.equal(digest.deliveredAt, Date.UTC(2015, 7, 17, 15, 1, 31));
    assert.equal(digest.region, 'us-east-2');
  });

  it('reads the name alone in a flat folder, and nothing from unrelated names', () => {
    assert.equal(parseTrailPath('/tmp/111122223333_CloudTrail_us-west-2_20221124T0031Z_Fx00000000000034.json').region, 'us-west-2');
    assert.deepEqual(parseTrailPath('/tmp/export.json'), { kind: 'other' });
  });

  it('skips a file only when its delivery time proves it is outside the range', () => {
    const info = { kind: 'log' as const, deliveredAt: Date.UTC(2024, 0, 1, 12) };
    const hour = 3_600_000;
    assert.equal(mayContainTimeRange(info, Date.UTC(2024, 0, 1, 13), Date.UTC(2024, 0, 2), hour), false, 'delivered before the range starts');
    assert.equal(mayContainTimeRange(info, Date.UTC(2023, 11, 1), Date.UTC(2024, 0, 1, 11, 30), hour), true, 'within the lag margin');
    assert.equal(mayContainTimeRange(info, Date.UTC(2023, 11, 1), Date.UTC(2024, 0, 1, 10), hour), false, 'delivered too long after the range');
    assert.equal(mayContainTimeRange({ kind: 'other' }, 5, 6, hour), true);
  });
});
