/**
 * The investigations as data: each question's inputs, lookup filters, regions and local match
 * (see `core/investigations.ts` for the types and the functions that build and refine queries).
 * Each uses the most selective lookup attribute LookupEvents allows for it.
 */
import type { Investigation, InvestigationId } from './investigationTypes';

/** Default half-width of "around a time", in minutes. */
export const DEFAULT_AROUND_MINUTES = 15;

/** Event names that destroy, stop, disable, detach or open things up. */
export const DESTRUCTIVE_EVENT_NAMES: readonly string[] = [
  'Delete*',
  'Terminate*',
  'Stop*',
  'Disable*',
  'Detach*',
  'Revoke*',
  'Remove*',
  'Deregister*',
  'Disassociate*',
  'ScheduleKeyDeletion',
  'PutBucketPolicy',
  'PutBucketAcl',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'AuthorizeSecurityGroupIngress',
];

/** CloudTrail calls that stop or blind logging. */
export const LOGGING_TAMPERING_EVENT_NAMES: readonly string[] = [
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'PutInsightSelectors',
  'DeleteEventDataStore',
  'UpdateEventDataStore',
  'StopEventDataStoreIngestion',
];

/** Error codes of refused calls across services. */
export const ACCESS_DENIED_ERROR_CODES: readonly string[] = ['AccessDenied*', '*AccessDenied', '*UnauthorizedOperation', 'UnauthorizedAccess', 'Forbidden*', 'AuthFailure'];

/** Every investigation, in the order the palette shows them. */
export const INVESTIGATIONS: readonly Investigation[] = [
  {
    id: 'aroundTime',
    title: 'What changed around a time?',
    detail: 'Write events of every service in ±N minutes of a moment, in the chosen regions',
    inputs: ['moment'],
    filters: [],
    includeReadOnly: false,
    regions: 'chosenAndGlobal',
  },
  {
    id: 'resource',
    title: 'Who did this to a resource?',
    detail: 'Write events on a resource, by ARN or name',
    inputs: ['resource', 'range'],
    filters: [{ key: 'ResourceName', value: { param: 'resource' } }],
    includeReadOnly: false,
    regions: 'chosen',
    defaultRange: '7d',
  },
  {
    id: 'principal',
    title: 'What did this principal do?',
    detail: 'Every call by a user name or role session name',
    inputs: ['principal', 'range'],
    filters: [{ key: 'Username', value: { param: 'principal' } }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    defaultRange: '24h',
  },
  {
    id: 'accessKey',
    title: 'Activity of an access key',
    detail: 'Every call signed with an access key id (AKIA… or ASIA…)',
    inputs: ['accessKey', 'range'],
    filters: [{ key: 'AccessKeyId', value: { param: 'accessKey' } }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    defaultRange: '7d',
  },
  {
    id: 'consoleSignIns',
    title: 'Console sign-ins: failures and without MFA',
    detail: 'ConsoleLogin events that failed or did not use MFA',
    inputs: ['range'],
    filters: [{ key: 'EventName', value: 'ConsoleLogin' }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    match: { signIn: 'failedOrNoMfa' },
    defaultRange: '24h',
  },
  {
    id: 'iamChanges',
    title: 'IAM changes',
    detail: 'Write calls to IAM (users, roles, policies, keys), recorded in us-east-1',
    inputs: ['range'],
    filters: [{ key: 'EventSource', value: 'iam.amazonaws.com' }],
    includeReadOnly: false,
    regions: 'global',
    defaultRange: '7d',
  },
  {
    id: 'rootActivity',
    title: 'Root account activity',
    detail: 'Every call made with the root user (LookupEvents Username=root)',
    inputs: ['range'],
    filters: [{ key: 'Username', value: 'root' }],
    includeReadOnly: true,
    regions: 'chosenAndGlobal',
    match: { principalTypes: ['Root'] },
    defaultRange: '7d',
  },
  {
    id: 'destructiveActions',
    title: 'Destructive actions',
    // Wildcards cannot go to the server (LookupEvents matches exactly), so ReadOnly=false is the most selective attribute.
    detail: 'Delete*, Terminate*, Stop*, Disable*, Detach*, Revoke*, PutBucketPolicy, opened security groups… (write events, matched locally)',
    inputs: ['range'],
    filters: [],
    includeReadOnly: false,
    regions: 'chosenAndGlobal',
    match: { eventNames: DESTRUCTIVE_EVENT_NAMES },
    defaultRange: '24h',
  },
  {
    id: 'accessDenied',
    title: 'Access denied events',
    // No lookup attribute selects failed calls: this one scans every event of the window.
    detail: 'Calls refused with AccessDenied, UnauthorizedOperation and similar errors (scans every event: no lookup attribute selects errors)',
    inputs: ['range'],
    filters: [],
    includeReadOnly: true,
    errorsOnly: true,
    regions: 'chosenAndGlobal',
    match: { errorCodes: ACCESS_DENIED_ERROR_CODES },
    defaultRange: '24h',
  },
  {
    id: 'loggingTampering',
    title: 'Logging tampering',
    detail: 'StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors and other CloudTrail changes (one lookup per event name)',
    inputs: ['range'],
    filters: [{ key: 'EventSource', value: 'cloudtrail.amazonaws.com' }],
    anyOf: { key: 'EventName', values: LOGGING_TAMPERING_EVENT_NAMES },
    includeReadOnly: false,
    regions: 'chosenAndGlobal',
    match: { eventNames: LOGGING_TAMPERING_EVENT_NAMES },
    defaultRange: '30d',
  },
];

/** The investigation with this id; throws for an unknown id (a programming error). */
export function getInvestigation(id: InvestigationId): Investigation {
  const found = INVESTIGATIONS.find((i) => i.id === id);
  if (found === undefined) throw new Error(`Unknown investigation ${id}`);
  return found;
}
