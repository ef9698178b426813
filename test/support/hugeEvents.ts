// Records that stress the event panel: a 3 MB one (request parameters of 30 fields of 100 KB, the
// shape issue 13 reports), one nested 10,000 levels deep, one with 20,000 small entries. Built from
// a real RunInstances record of the samples, so everything but the size is ordinary.

/** The source IP of every record here (TEST-NET-1): what a test filters the Events view by. */
export const HUGE_SOURCE_IP = '192.0.2.213';

/** Size of each long field, in characters. */
export const HUGE_FIELD_LENGTH = 100 * 1024;
/** Number of long fields in {@link hugeRecord}. */
export const HUGE_FIELD_COUNT = 30;

function base(eventTime: string, eventID: string): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEHUGE0001',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEHUGE00001',
      userName: 'alice',
    },
    eventTime,
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: HUGE_SOURCE_IP,
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64',
    requestID: `req-${eventID}`,
    eventID,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

/** A 3 MB record: `requestParameters.userData0…29`, each 100 KB of base64-like text (field `i` starts with `FIELD<i>:`). */
export function hugeRecord(eventTime = '2026-11-20T09:15:00Z', eventID = 'f0000000-0000-4000-8000-00000000huge'): Record<string, unknown> {
  const requestParameters: Record<string, string> = {};
  for (let i = 0; i < HUGE_FIELD_COUNT; i++) {
    const head = `FIELD${i}:`;
    requestParameters[`userData${i}`] = head + 'QUJD'.repeat(HUGE_FIELD_LENGTH / 4).slice(head.length);
  }
  return { ...base(eventTime, eventID), requestParameters, responseElements: { instancesSet: { items: [{ instanceId: 'i-0huge000000000001' }] } } };
}

/** A record whose `requestParameters` nests `depth` levels (`{ a: { a: … { leaf: "bottom" } } }`). */
export function deepRecord(depth = 10_000, eventTime = '2026-11-20T09:16:00Z', eventID = 'f0000000-0000-4000-8000-00000000deep'): Record<string, unknown> {
  let value: unknown = { leaf: 'bottom' };
  for (let i = 0; i < depth; i++) value = { a: value };
  return { ...base(eventTime, eventID), requestParameters: value, responseElements: null };
}

/** A record whose `requestParameters.items` is an array of `count` small objects. */
export function wideRecord(count = 20_000, eventTime = '2026-11-20T09:17:00Z', eventID = 'f0000000-0000-4000-8000-00000000wide'): Record<string, unknown> {
  const items = Array.from({ length: count }, (_, i) => ({ key: `tag-${i}`, value: `v${i}` }));
  return { ...base(eventTime, eventID), requestParameters: { items }, responseElements: null };
}
