// CloudTrail records whose every string field (and some keys) carries a hostile string. Times,
// account and structure stay valid, so the archive reader accepts them and every surface shows them.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const RECORD_COUNT = 8;

/** The records of the hostile trail file, built from `strings` (name → hostile value). */
export function hostileRecords(strings: Readonly<Record<string, string>>): Json[] {
  const values = Object.values(strings);
  const names = Object.keys(strings);
  const named = (name: string): string => (Object.hasOwn(strings, name) ? strings[name] : next0());
  const next0 = (): string => values[0];
  const records: Json[] = [];
  for (let i = 0; i < RECORD_COUNT; i++) {
    let j = 0;
    // A different payload in each field of each record; over the records every payload visits many fields.
    const next = (): string => values[(i * 7 + j++) % values.length];
    const arnOf = (kind: string): string => `arn:aws:iam::111122223333:${kind}/${next()}`;
    records.push({
      eventVersion: '1.08',
      userIdentity: {
        type: i % 2 === 0 ? 'IAMUser' : 'AssumedRole',
        principalId: `AIDAHOSTILE${i}:${next()}`,
        arn: arnOf(i % 2 === 0 ? 'user' : 'assumed-role/Role'),
        accountId: '111122223333',
        accessKeyId: `ASIAHOSTILE0000000${i}`,
        userName: next(),
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: 'AROAHOSTILE', arn: arnOf('role'), accountId: '111122223333', userName: next() },
          attributes: { creationDate: '2026-11-20T02:00:00Z', mfaAuthenticated: 'false' },
          sourceIdentity: next(),
        },
      },
      eventTime: `2026-11-20T03:0${i}:00Z`,
      eventSource: i === 0 ? 's3.amazonaws.com' : `${next()}.amazonaws.com`,
      eventName: i === 0 ? 'DeleteBucket' : next(),
      awsRegion: i < 2 ? 'us-east-1' : next(),
      sourceIPAddress: next(),
      userAgent: i === 3 ? named('longText') : next(),
      errorCode: next(),
      errorMessage: i === 4 ? named('longLinks') : next(),
      requestParameters: {
        bucketName: next(),
        [names[(i + 3) % names.length]]: next(),
        [next().slice(0, 200)]: next(),
        nested: { tags: [{ key: next(), value: next() }] },
      },
      responseElements: { message: next() },
      additionalEventData: { LoginTo: next(), MFAUsed: 'No' },
      resources: [
        { ARN: `arn:aws:s3:::${next()}`, accountId: '111122223333', type: 'AWS::S3::Bucket' },
        { ARN: arnOf('policy'), accountId: '111122223333', type: next() },
      ],
      requestID: next(),
      eventID: `hostile-${i}-${next().slice(0, 60)}`,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '111122223333',
      eventCategory: 'Management',
      tlsDetails: { tlsVersion: 'TLSv1.2', cipherSuite: next(), clientProvidedHostHeader: next() },
    });
  }
  return records;
}
