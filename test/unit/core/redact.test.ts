import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/redact';

// Real-shaped values: the example keys of the AWS documentation, and a session token as long as the
// ones STS returns (several hundred base64 characters).
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'Ab3dE7fG9hJ+kL/mN0pQ'.repeat(14)}==`;
const SSO_TOKEN = `aoaAAAAAGZ${'xY1zW2vU3tS4rQ5p'.repeat(9)}:MGUCMQD${'Kq8Lr9Ms0Nt1Ou2P'.repeat(7)}`;

describe('core/redact redactSecrets', () => {
  it('masks an access key id and keeps the rest of the line intact', () => {
    assert.equal(redactSecrets('key AKIAIOSFODNN7EXAMPLE used'), 'key AKIA************MPLE used');
    assert.equal(redactSecrets('ASIAFIXTUREPROCESS01 and AKIAFIXTURESTATICDEV'), 'ASIA************SS01 and AKIA************CDEV');
  });

  it('masks secret keys and tokens after a key name in INI, env, JSON and escaped JSON', () => {
    const cases: [string, string][] = [
      [`aws_secret_access_key = ${SECRET}`, 'aws_secret_access_key = [redacted]'],
      [`AWS_SECRET_ACCESS_KEY=${SECRET} next`, 'AWS_SECRET_ACCESS_KEY=[redacted] next'],
      [`aws_session_token=${TOKEN}`, 'aws_session_token=[redacted]'],
      [`{"AccessKeyId": "${KEY_ID}", "SecretAccessKey": "${SECRET}", "SessionToken": "${TOKEN}"}`, '{"AccessKeyId": "AKIA************MPLE", "SecretAccessKey": "[redacted]", "SessionToken": "[redacted]"}'],
      [`{\\"secretAccessKey\\":\\"${SECRET}\\"}`, '{\\"secretAccessKey\\":\\"[redacted]\\"}'],
      [`{"accessToken":"${SSO_TOKEN}","refreshToken":"r3fr3sh","clientSecret":"s3cr3t"}`, '{"accessToken":"[redacted]","refreshToken":"[redacted]","clientSecret":"[redacted]"}'],
      ['x-amz-security-token: abc123', 'x-amz-security-token: [redacted]'],
    ];
    for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
  });

  it('masks a standalone secret next to an access key id, and leaves hex digests alone', () => {
    assert.equal(redactSecrets(`creds ${KEY_ID} ${SECRET} for alice`), 'creds AKIA************MPLE [redacted] for alice');
    // Random base64 of 40 characters almost always mixes both cases; digits are not required.
    assert.equal(redactSecrets(`${KEY_ID} fixtureSessionTokenNeverPrintMeAQoDYXdzEJr`), 'AKIA************MPLE [redacted]');
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    assert.equal(redactSecrets(`${KEY_ID} sha1 ${sha1}`), `AKIA************MPLE sha1 ${sha1}`);
    // Without an access key id nearby a 40-character word is not assumed to be a secret.
    assert.equal(redactSecrets(`digest ${SECRET.replace(/\//g, 'x')}`), `digest ${SECRET.replace(/\//g, 'x')}`);
  });

  it('masks long base64 runs (session and SSO tokens) and JWTs anywhere', () => {
    assert.equal(redactSecrets(`token ${TOKEN} expired`), 'token [redacted] expired');
    assert.equal(redactSecrets(`cached ${SSO_TOKEN}`), 'cached [redacted]:[redacted]');
    assert.equal(redactSecrets('id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl ok'), 'id [redacted] ok');
  });

  it('masks Authorization headers and SigV4 signatures, keeping the scheme', () => {
    const header = `Authorization: AWS4-HMAC-SHA256 Credential=${KEY_ID}/20260101/us-east-1/cloudtrail/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0123456789abcdef'.repeat(4)}`;
    assert.equal(redactSecrets(header), 'Authorization: AWS4-HMAC-SHA256 [redacted]');
    assert.equal(redactSecrets('{"authorization":"Bearer abc.def"}'), '{"authorization":"Bearer [redacted]"}');
    assert.equal(redactSecrets(`Signature=${'ab'.repeat(32)};`), 'Signature=[redacted];');
  });

  it('masks presigned URL credentials and leaves the rest of the URL', () => {
    const url = `https://bucket.s3.amazonaws.com/AWSLogs/o-x/key.json.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${KEY_ID}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-Signature=${'cd'.repeat(32)}`;
    assert.equal(
      redactSecrets(url),
      'https://bucket.s3.amazonaws.com/AWSLogs/o-x/key.json.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]&X-Amz-Date=20260101T000000Z&X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]',
    );
  });

  it('keeps ordinary log lines byte for byte', () => {
    const lines = [
      'arn:aws:iam::123456789012:role/Admin',
      '[Lookup] us-east-1: 50 events in 412 ms (page 3, NextToken present)',
      'Opened AWSLogs/111122223333/CloudTrail/us-east-1/2022/11/10/111122223333_CloudTrail_us-east-1_20221110T1630Z_Fx00000000000000.json.gz',
      'digest 4ff9d8ad1c8e1ab7ae6f3af7b3e3f4d6d8e92b0be9c1b7aa3b86c4e9f2a1b0c3 valid',
      'event 3038ebd2-c98a-4c65-9b6e-e22506292313 by AIDAJ45Q7YFFAREXAMPLE (principalId)',
      'Profile sso-dev: The SSO session has expired. Run `aws sso login --profile sso-dev`.',
      'secretAccessKey is missing from the profile',
    ];
    for (const line of lines) assert.equal(redactSecrets(line), line);
  });

  it('is idempotent and handles empty and huge input', () => {
    const once = redactSecrets(`aws_secret_access_key=${SECRET} ${KEY_ID}`);
    assert.equal(redactSecrets(once), once);
    assert.equal(redactSecrets(''), '');
    const huge = 'a'.repeat(200_000);
    assert.equal(redactSecrets(huge), huge, 'a run of one letter is not a token');
  });
});
