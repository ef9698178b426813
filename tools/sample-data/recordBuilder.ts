/** Assembles one CloudTrail record with the fields a real management event carries. */
import { ACCOUNT_ID, type Caller } from './principals';
import { isoSeconds, type SeededRandom } from './random';

type Obj = Record<string, unknown>;

export interface CallSpec {
  readonly time: number;
  readonly region: string;
  /** e.g. `ec2.amazonaws.com`. */
  readonly source: string;
  readonly name: string;
  readonly caller: Caller;
  readonly readOnly: boolean;
  readonly requestParameters?: Obj | null;
  readonly responseElements?: Obj | null;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly resources?: readonly Obj[];
  readonly additionalEventData?: Obj;
  /** Default `AwsApiCall`. */
  readonly eventType?: string;
  /** Extra top-level fields (serviceEventDetails, sharedEventID…). */
  readonly extra?: Obj;
}

/** The endpoint host a client would have used (for `tlsDetails.clientProvidedHostHeader`). */
function hostHeader(source: string, region: string): string {
  const service = source.replace('.amazonaws.com', '');
  if (service === 'iam' || service === 'signin') return `${service}.amazonaws.com`;
  return `${service}.${region}.amazonaws.com`;
}

export function buildRecord(rand: SeededRandom, spec: CallSpec): Obj {
  const internal = spec.caller.sourceIPAddress.endsWith('amazonaws.com') || spec.caller.sourceIPAddress === 'AWS Internal';
  const record: Obj = {
    eventVersion: '1.09',
    userIdentity: spec.caller.userIdentity,
    eventTime: isoSeconds(spec.time),
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: spec.region,
    sourceIPAddress: spec.caller.sourceIPAddress,
    userAgent: spec.caller.userAgent,
    ...(spec.errorCode ? { errorCode: spec.errorCode } : {}),
    ...(spec.errorMessage ? { errorMessage: spec.errorMessage } : {}),
    requestParameters: spec.requestParameters ?? null,
    responseElements: spec.errorCode ? null : (spec.responseElements ?? null),
    ...(spec.additionalEventData ? { additionalEventData: spec.additionalEventData } : {}),
    requestID: rand.uuid(),
    eventID: rand.uuid(),
    readOnly: spec.readOnly,
    ...(spec.resources ? { resources: spec.resources } : {}),
    eventType: spec.eventType ?? 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT_ID,
    ...spec.extra,
    eventCategory: 'Management',
  };
  if (!internal) {
    record.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: hostHeader(spec.source, spec.region) };
  }
  if (spec.caller.console) record.sessionCredentialFromConsole = 'true';
  return record;
}
