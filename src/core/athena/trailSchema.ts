/**
 * The columns of the CloudTrail table AWS documents for Athena (create-cloudtrail-table-partition-
 * projection), with each field spelled as CloudTrail writes it in the JSON record. Athena folds the
 * names to lower case; the JSON spellings let a record be rebuilt from query results with its real
 * keys (`userIdentity.principalId`, `resources[].ARN`), and let an engine that matches JSON keys
 * exactly (the local endpoint's DuckDB) read the files.
 */

/** A Hive type as the DDL writes it: `string`, or a struct, array or map of Hive types. */
export type HiveType =
  | 'string'
  | { readonly struct: readonly HiveField[] }
  | { readonly array: HiveType }
  | { readonly map: readonly [HiveType, HiveType] };

/** A column or struct field: its JSON spelling and type. */
export interface HiveField {
  readonly name: string;
  readonly type: HiveType;
}

const s = 'string';
const struct = (...fields: [string, HiveType][]): HiveType => ({ struct: fields.map(([name, type]) => ({ name, type })) });

/** The data columns of the documented table, in its order. */
export const TRAIL_COLUMNS: readonly HiveField[] = (
  [
    ['eventVersion', s],
    [
      'userIdentity',
      struct(
        ['type', s],
        ['principalId', s],
        ['arn', s],
        ['accountId', s],
        ['invokedBy', s],
        ['accessKeyId', s],
        ['userName', s],
        ['onBehalfOf', struct(['userId', s], ['identityStoreArn', s])],
        [
          'sessionContext',
          struct(
            ['attributes', struct(['mfaAuthenticated', s], ['creationDate', s])],
            ['sessionIssuer', struct(['type', s], ['principalId', s], ['arn', s], ['accountId', s], ['userName', s])],
            ['ec2RoleDelivery', s],
            ['webIdFederationData', struct(['federatedProvider', s], ['attributes', { map: [s, s] }])],
          ),
        ],
      ),
    ],
    ['eventTime', s],
    ['eventSource', s],
    ['eventName', s],
    ['awsRegion', s],
    ['sourceIPAddress', s],
    ['userAgent', s],
    ['errorCode', s],
    ['errorMessage', s],
    ['requestParameters', s],
    ['responseElements', s],
    ['additionalEventData', s],
    ['requestID', s],
    ['eventID', s],
    ['readOnly', s],
    ['resources', { array: struct(['ARN', s], ['accountId', s], ['type', s]) }],
    ['eventType', s],
    ['apiVersion', s],
    ['recipientAccountId', s],
    ['serviceEventDetails', s],
    ['sharedEventID', s],
    ['vpcEndpointId', s],
    ['vpcEndpointAccountId', s],
    ['eventCategory', s],
    ['addendum', struct(['reason', s], ['updatedEventId', s], ['updatedEventVersion', s], ['originalEventId', s])],
    ['sessionCredentialFromConsole', s],
    ['edgeDeviceDetails', s],
    ['tlsDetails', struct(['tlsVersion', s], ['cipherSuite', s], ['clientProvidedHostHeader', s])],
  ] as [string, HiveType][]
).map(([name, type]) => ({ name, type }));

/**
 * String columns that hold a JSON object or array in the record (the SerDe keeps their JSON text):
 * a rebuilt record parses them back.
 */
export const JSON_TEXT_COLUMNS: ReadonlySet<string> = new Set([
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'serviceeventdetails',
  'edgedevicedetails',
]);

/** The Hive spelling of a type, as the documented DDL writes it (`STRUCT<a: STRING, …>`). */
export function hiveTypeText(type: HiveType): string {
  if (type === 'string') return 'STRING';
  if ('struct' in type) return `STRUCT<${type.struct.map((f) => `${f.name.toLowerCase()}: ${hiveTypeText(f.type)}`).join(', ')}>`;
  if ('array' in type) return `ARRAY<${hiveTypeText(type.array)}>`;
  return `MAP<${hiveTypeText(type.map[0])},${hiveTypeText(type.map[1])}>`;
}

/** The column of {@link TRAIL_COLUMNS} with this (case-insensitive) name. */
export function trailColumn(name: string): HiveField | undefined {
  const lower = name.toLowerCase();
  return TRAIL_COLUMNS.find((c) => c.name.toLowerCase() === lower);
}
