import * as assert from 'node:assert/strict';
import { deriveService, serviceKeyOf } from '../../../src/core/service';

describe('core/service deriveService', () => {
  const known: [string, string, string][] = [
    ['monitoring.amazonaws.com', 'monitoring', 'CloudWatch'],
    ['signin.amazonaws.com', 'signin', 'Console sign-in'],
    ['ec2.amazonaws.com', 'ec2', 'EC2'],
    ['s3.amazonaws.com', 's3', 'S3'],
    ['sts.amazonaws.com', 'sts', 'STS'],
    ['logs.amazonaws.com', 'logs', 'CloudWatch Logs'],
    ['elasticloadbalancing.amazonaws.com', 'elasticloadbalancing', 'Elastic Load Balancing'],
    ['cognito-idp.amazonaws.com', 'cognito-idp', 'Cognito User Pools'],
    ['sso.amazonaws.com', 'sso', 'IAM Identity Center'],
    ['events.amazonaws.com', 'events', 'EventBridge'],
  ];
  for (const [source, key, label] of known) {
    it(`${source} → ${label}`, () => {
      assert.deepEqual(deriveService(source), { source, key, label });
    });
  }

  it('falls back to the capitalised prefix for unknown services', () => {
    assert.deepEqual(deriveService('newthing.amazonaws.com'), { source: 'newthing.amazonaws.com', key: 'newthing', label: 'Newthing' });
  });

  it('handles missing, empty and odd sources without throwing', () => {
    assert.deepEqual(deriveService(undefined), { source: '', key: 'unknown', label: 'Unknown service' });
    assert.equal(deriveService('   ').key, 'unknown');
    assert.equal(deriveService('toString').label, 'Tostring');
    assert.equal(deriveService('__proto__.amazonaws.com').label, '__proto__');
  });

  it('keys regional endpoints and mixed case by the prefix', () => {
    assert.equal(serviceKeyOf('S3.us-east-1.amazonaws.com'), 's3');
    assert.equal(deriveService('KMS.amazonaws.com').label, 'KMS');
  });
});
