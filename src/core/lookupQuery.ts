// Pure helpers of the palette lookups: value validation per lookup attribute, time presets, the
// moment of "around a time", and the words of a result set's title. No VS Code imports, so they are
// unit-tested in Node.
import { isWildcard } from './filters';
import type { AttributeFilter, LookupAttributeKey } from './query';
import { formatInstant, parseDateTime, parseDuration, parseTimeRange, type TimeRangeResult } from './timeRange';

/** CloudTrail Event history keeps 90 days. */
export const MAX_AGE_DAYS = 90;
const DAY_MS = 86_400_000;

/** What each attribute means, for the attribute picker. */
export const ATTRIBUTE_DESCRIPTIONS: Readonly<Record<LookupAttributeKey, string>> = {
  EventName: 'The API action, e.g. UpdateWebACL, DeleteBucket',
  EventSource: 'The service, e.g. iam.amazonaws.com',
  Username: 'User name or role session name, e.g. alice',
  ResourceName: 'Resource name, id or ARN, e.g. sg-0123…, orders-prod-db',
  ResourceType: 'Resource type, e.g. AWS::EC2::SecurityGroup',
  AccessKeyId: 'Access key id, e.g. AKIA… or ASIA…',
  EventId: 'One event by its id',
  ReadOnly: 'Read-only (true) or write (false) events',
};

/** The order the attribute picker shows them in: the common questions first. */
export const ATTRIBUTE_ORDER: readonly LookupAttributeKey[] = ['EventName', 'Username', 'ResourceName', 'EventSource', 'ResourceType', 'AccessKeyId', 'EventId', 'ReadOnly'];

const ACCESS_KEY = /^(AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,124}$/;
const EVENT_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EVENT_SOURCE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;
const RESOURCE_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

/**
 * Checks a value typed for an attribute; returns a message saying what is wrong, or undefined when
 * the value can be looked up. `*` wildcards are accepted on names (they then run locally).
 */
export function validateAttributeValue(key: LookupAttributeKey, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return `Enter a value for ${key}.`;
  if (v.length > 2048) return `The value is too long (${v.length} characters; at most 2048).`;
  if (/^\*+$/.test(v)) return 'A value of only * matches everything: leave this filter out instead.';
  const wild = isWildcard(v);
  switch (key) {
    case 'ReadOnly':
      return v === 'true' || v === 'false' ? undefined : 'ReadOnly is true (read-only events) or false (write events).';
    case 'EventId':
      return wild || EVENT_ID.test(v) ? undefined : 'An event id looks like 3f1c0a52-7d9e-4b8a-9c11-2f5e6d7a8b90.';
    case 'AccessKeyId':
      return wild || ACCESS_KEY.test(v) ? undefined : 'An access key id starts with AKIA (long-term) or ASIA (temporary), e.g. AKIAIOSFODNN7EXAMPLE.';
    case 'EventSource':
      return wild || EVENT_SOURCE.test(v) ? undefined : 'An event source is a service host name such as ec2.amazonaws.com.';
    case 'ResourceType':
      return wild || RESOURCE_TYPE.test(v) ? undefined : 'A resource type looks like AWS::EC2::SecurityGroup.';
    case 'EventName':
      return /\s/.test(v) ? 'Event names have no spaces, e.g. UpdateWebACL (use * as a wildcard: Delete*).' : undefined;
    case 'Username':
    case 'ResourceName':
      return undefined;
  }
}

/** A time preset of the range picker. */
export interface TimePreset {
  readonly label: string;
  /** A duration `parseTimeRange` understands. */
  readonly range: string;
}

/** The presets offered before "Custom range…". */
export const TIME_PRESETS: readonly TimePreset[] = [
  { label: 'Last 15 minutes', range: '15m' },
  { label: 'Last hour', range: '1h' },
  { label: 'Last 6 hours', range: '6h' },
  { label: 'Last 24 hours', range: '24h' },
  { label: 'Last 7 days', range: '7d' },
  { label: 'Last 30 days', range: '30d' },
  { label: 'Last 90 days', range: '90d' },
];

/** How old a start may be: Event history's 90 days by default; `undefined` for no limit (trail logs). */
export interface AgeLimit {
  readonly maxAgeDays: number | undefined;
}

const EVENT_HISTORY: AgeLimit = { maxAgeDays: MAX_AGE_DAYS };

/** Parses a typed range (presets, ISO or local date-times) within the limit (Event history's 90 days by default). */
export function parseLookupRange(text: string, now: number, limit: AgeLimit = EVENT_HISTORY): TimeRangeResult {
  return parseTimeRange(text, now, limit.maxAgeDays !== undefined ? { maxAgeDays: limit.maxAgeDays } : {});
}

/** The moment of "What changed around a time?", or what is wrong with the text. */
export type MomentResult = { readonly ok: true; readonly time: number } | { readonly ok: false; readonly message: string };

/**
 * Parses a moment: `now`, a date-time (ISO with a zone, or local), or a duration meaning "that long
 * ago" (`2h`). It must not be in the future nor older than the limit (90 days by default).
 */
export function parseMoment(text: string, now: number, limit: AgeLimit = EVENT_HISTORY): MomentResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a moment, such as 2026-01-15T02:00Z, 2026-01-15 02:00 (local time) or 3h (ago).' };
  const duration = parseDuration(trimmed);
  const time = duration !== undefined ? now - duration : parseDateTime(trimmed, now);
  if (time === undefined) return { ok: false, message: `Could not read "${trimmed}" as a date-time (2026-01-15T02:00Z, or local 2026-01-15 02:00) or a duration ago (3h).` };
  if (time > now + 60_000) return { ok: false, message: `${formatInstant(time)} is in the future.` };
  const days = limit.maxAgeDays;
  if (days !== undefined && time < now - days * DAY_MS) return { ok: false, message: `${formatInstant(time)} is more than ${days} days ago; CloudTrail event history keeps only the last ${days} days.` };
  return { ok: true, time: Math.min(time, now) };
}

/** Parses the ± minutes around a moment (1 to 720). */
export function parseAroundMinutes(text: string): { ok: true; minutes: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(/\s*(min|minutes|m)$/i, '');
  const minutes = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(minutes) || minutes < 1 || minutes > 720) return { ok: false, message: 'Enter a whole number of minutes from 1 to 720.' };
  return { ok: true, minutes };
}

/** `EventName = UpdateWebACL AND Username = alice`. */
export function describeFilters(filters: readonly AttributeFilter[]): string {
  return filters.length === 0 ? 'all events' : filters.map((f) => `${f.key} = ${f.value}`).join(' AND ');
}

/** The title of a palette lookup's result set. */
export function lookupTitle(filters: readonly AttributeFilter[], when: string, options: { includeReadOnly: boolean; errorsOnly: boolean }): string {
  const flags = [options.includeReadOnly ? undefined : 'write only', options.errorsOnly ? 'errors only' : undefined].filter((f): f is string => f !== undefined);
  return `${describeFilters(filters)}${flags.length > 0 ? ` (${flags.join(', ')})` : ''} · ${when}`;
}
