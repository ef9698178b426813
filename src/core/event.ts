/**
 * Normalization of both shapes CloudTrail gives — a raw record from a trail file (`Records[]` item)
 * and a LookupEvents `Event` whose `CloudTrailEvent` is a JSON string — into one {@link TrailEvent}.
 * Defensive by design: a record that cannot be understood yields a per-record error, never a throw.
 */
import { isEventTimeInRange, parseRecordTime } from './eventTime';
import type { EventResource, NormalizeResult, TrailEvent } from './model';
import { deriveChangeChannel } from './changeChannel';
import { deriveHuman } from './human';
import { derivePrincipal } from './principal';
import { type JsonObject, firstStringField, isObject, objectField, parseBooleanish, stringField } from './recordFields';
import { deriveFailure } from './outcome';
import { deriveService } from './service';

/**
 * The LookupEvents `Event` shape, declared structurally so the core does not import the SDK.
 * An SDK `Event` is assignable to it.
 */
export interface LookupEventShape {
  readonly EventId?: string;
  readonly EventName?: string;
  /** `"true"` or `"false"` (a string in the API). */
  readonly ReadOnly?: string;
  readonly AccessKeyId?: string;
  readonly EventTime?: Date;
  readonly EventSource?: string;
  readonly Username?: string;
  readonly Resources?: readonly { readonly ResourceType?: string; readonly ResourceName?: string }[];
  /** The full record as a JSON string. */
  readonly CloudTrailEvent?: string;
}

/**
 * Normalizes one raw CloudTrail record (a trail file's `Records[]` item, or a parsed
 * `CloudTrailEvent`). `index` is the record's position in its batch, echoed in errors.
 *
 * Handles records without `userIdentity`, booleans written as strings, empty `errorCode`,
 * `errorMessage` without `errorCode`, several spellings of `resources`, event versions 1.0–1.11,
 * Insights events (name and source under `insightDetails`) and unknown fields (kept in `raw`).
 * A record without `eventID` gets a stable synthetic id derived from its content.
 */
export function normalizeRecord(record: unknown, index?: number, options?: NormalizeOptions): NormalizeResult {
  try {
    return normalizeRecordUnsafe(record, index, options?.indexOnly === true);
  } catch (err) {
    // Only hand-built input (circular objects, throwing getters) gets here; JSON never does.
    return fail(`could not read the record: ${err instanceof Error ? err.message : String(err)}`, index);
  }
}

/** How much of an event {@link normalizeRecord} derives. */
export interface NormalizeOptions {
  /**
   * For events that are only indexed, never shown: the change channel and the human behind the
   * call are left out (an index does not hold them; `changeChannelOf` and `recordHumanOf` derive
   * them from `raw` on demand, the same values). A quarter of the cost of a record.
   */
  readonly indexOnly?: boolean;
}

function normalizeRecordUnsafe(record: unknown, index: number | undefined, indexOnly: boolean): NormalizeResult {
  if (!isObject(record)) {
    return fail(`expected a CloudTrail record (a JSON object) but got ${describeValue(record)}`, index);
  }
  const insight = objectField(record, 'insightDetails');
  const name = stringField(record, 'eventName') ?? stringField(insight, 'eventName');
  if (name === undefined) {
    return fail(`not a CloudTrail record: it has no eventName${idHint(record)}`, index);
  }
  const parsedTime = parseRecordTime(record.eventTime);
  if (!parsedTime.ok) {
    return fail(`record "${name}"${idHint(record)}: ${parsedTime.reason}`, index);
  }
  const time = parsedTime.ms;
  const source = stringField(record, 'eventSource') ?? stringField(insight, 'eventSource');
  const principal = derivePrincipal(record);
  const errorCode = stringField(record, 'errorCode');
  const errorMessage = stringField(record, 'errorMessage');
  const event: Mutable<TrailEvent> = {
    id: stringField(record, 'eventID') ?? syntheticId(record),
    time,
    name,
    service: deriveService(source),
    region: stringField(record, 'awsRegion') ?? '',
    principal,
    resources: resourcesOf(record),
    raw: record,
  };
  const account = stringField(record, 'recipientAccountId') ?? principal.accountId;
  setIf(event, 'account', account);
  setIf(event, 'sourceIp', stringField(record, 'sourceIPAddress'));
  setIf(event, 'userAgent', stringField(record, 'userAgent'));
  setIf(event, 'readOnly', parseBooleanish(record.readOnly));
  setIf(event, 'managementEvent', parseBooleanish(record.managementEvent));
  setIf(event, 'category', stringField(record, 'eventCategory'));
  setIf(event, 'eventType', stringField(record, 'eventType'));
  setIf(event, 'errorCode', errorCode);
  setIf(event, 'errorMessage', errorMessage);
  setIf(event, 'failure', deriveFailure(record));
  if (!indexOnly) {
    setIf(event, 'channel', deriveChangeChannel(record));
    setIf(event, 'human', deriveHuman(record));
  }
  setIf(event, 'requestId', stringField(record, 'requestID'));
  setIf(event, 'eventVersion', stringField(record, 'eventVersion'));
  setIf(event, 'vpcEndpointId', stringField(record, 'vpcEndpointId'));
  return { ok: true, event };
}

/**
 * Normalizes one LookupEvents `Event`: parses its `CloudTrailEvent` JSON and merges the fields the
 * API indexed (`ReadOnly`, `Username`, `Resources` as CloudTrail indexed them, `EventTime`), so
 * lookup-attribute matching sees exactly what the API matched. Invalid JSON is a per-event error.
 */
export function normalizeLookupEvent(e: LookupEventShape, index?: number): NormalizeResult {
  const input: unknown = e;
  if (!isObject(input)) {
    return fail(`expected a LookupEvents event object but got ${describeValue(input)}`, index);
  }
  const eventId = stringField(input, 'EventId');
  const eventName = stringField(input, 'EventName');
  const eventTime = input.EventTime instanceof Date && isEventTimeInRange(input.EventTime.getTime()) ? input.EventTime : undefined;
  const label = eventId !== undefined ? `event ${eventId}` : 'event';
  const json = input.CloudTrailEvent;
  if (typeof json !== 'string' || json.trim() === '') {
    return fail(`${label}${eventName !== undefined ? ` (${eventName})` : ''}: the response has no CloudTrailEvent JSON`, index);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    return fail(`${label}: CloudTrailEvent is not valid JSON (${err instanceof Error ? err.message : String(err)})`, index);
  }
  if (!isObject(parsed)) {
    return fail(`${label}: CloudTrailEvent is ${describeValue(parsed)}, not a JSON object`, index);
  }
  // The API's own fields fill gaps in the embedded record.
  const merged: Record<string, unknown> = { ...parsed };
  const isInsight = objectField(parsed, 'insightDetails') !== undefined;
  if (!isInsight && stringField(parsed, 'eventName') === undefined && eventName !== undefined) {
    merged.eventName = eventName;
  }
  const eventSource = stringField(input, 'EventSource');
  if (!isInsight && stringField(parsed, 'eventSource') === undefined && eventSource !== undefined) {
    merged.eventSource = eventSource;
  }
  if (stringField(parsed, 'eventID') === undefined && eventId !== undefined) {
    merged.eventID = eventId;
  }
  if (eventTime !== undefined && !parseRecordTime(parsed.eventTime).ok) {
    merged.eventTime = eventTime.toISOString();
  }
  const result = normalizeRecord(merged, index);
  if (!result.ok) {
    return fail(`${label}: ${result.error.error}`, index);
  }
  const event: Mutable<TrailEvent> = { ...result.event, raw: parsed };
  if (eventTime !== undefined) {
    event.time = eventTime.getTime();
  }
  const readOnly = parseBooleanish(input.ReadOnly);
  if (readOnly !== undefined) event.readOnly = readOnly;
  const username = stringField(input, 'Username');
  if (username !== undefined) {
    event.principal = { ...event.principal, userName: username };
  }
  const accessKeyId = stringField(input, 'AccessKeyId');
  if (accessKeyId !== undefined && event.principal.accessKeyId === undefined) {
    event.principal = { ...event.principal, accessKeyId };
  }
  event.resources = mergeResources(event.resources, lookupResources(input.Resources));
  return { ok: true, event };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function setIf<K extends keyof TrailEvent>(event: Mutable<TrailEvent>, key: K, value: TrailEvent[K] | undefined): void {
  if (value !== undefined) {
    event[key] = value;
  }
}

function fail(error: string, index: number | undefined): NormalizeResult {
  return { ok: false, error: index === undefined ? { error } : { error, index } };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function idHint(record: JsonObject): string {
  const id = stringField(record, 'eventID');
  return id === undefined ? '' : ` (eventID ${id})`;
}

const RESOURCE_LIST_KEYS = ['resources', 'Resources', 'resource', 'Resource'] as const;

function resourcesOf(record: JsonObject): EventResource[] {
  let list: unknown;
  for (const key of RESOURCE_LIST_KEYS) {
    if (Array.isArray(record[key])) {
      list = record[key];
      break;
    }
  }
  if (!Array.isArray(list)) {
    return [];
  }
  const out: EventResource[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    const arn = firstStringField(item, ['ARN', 'arn', 'Arn', 'resourceARN', 'ResourceARN']);
    const explicitName = firstStringField(item, ['resourceName', 'ResourceName', 'name', 'Name']);
    const name = explicitName ?? arn;
    if (name === undefined) continue;
    const type = firstStringField(item, ['type', 'resourceType', 'ResourceType', 'Type']);
    const accountId = firstStringField(item, ['accountId', 'AccountId', 'accountID']);
    out.push(buildResource(name, arn ?? (name.startsWith('arn:') ? name : undefined), type, accountId));
  }
  return out;
}

function lookupResources(list: unknown): EventResource[] {
  if (!Array.isArray(list)) return [];
  const out: EventResource[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    const name = stringField(item, 'ResourceName');
    if (name === undefined) continue;
    out.push(buildResource(name, name.startsWith('arn:') ? name : undefined, stringField(item, 'ResourceType'), undefined));
  }
  return out;
}

function buildResource(name: string, arn: string | undefined, type: string | undefined, accountId: string | undefined): EventResource {
  const resource: Mutable<EventResource> = { name };
  if (type !== undefined) resource.type = type;
  if (arn !== undefined) resource.arn = arn;
  if (accountId !== undefined) resource.accountId = accountId;
  return resource;
}

/** Keeps every distinct (type, name) pair; lookup entries add the names/ids CloudTrail indexed. */
function mergeResources(a: readonly EventResource[], b: readonly EventResource[]): EventResource[] {
  const seen = new Set<string>();
  const out: EventResource[] = [];
  for (const r of [...a, ...b]) {
    const key = `${r.type ?? ''}\u0000${r.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** A deterministic id for records without `eventID` (very old 1.0 records), so de-duplication still works. */
function syntheticId(record: JsonObject): string {
  const text = JSON.stringify(record);
  // Two 32-bit FNV-1a variants give 64 bits: plenty for de-duplicating one investigation's records.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return `synthetic-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
