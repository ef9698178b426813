/**
 * Parses and validates a LookupEvents request body the way the service does, raising the service's
 * error codes (facts §1.1, §1.4).
 */

/** A service error: serialized as awsJson1.1 `{"__type", "message"}` with its HTTP status. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const LOOKUP_KEYS: readonly string[] = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];
/** Insights lookups support only these attributes (LookupEventsCommand doc). */
const INSIGHT_KEYS: readonly string[] = ['EventId', 'EventName', 'EventSource'];

/** A validated request. Times are epoch milliseconds; undefined means "not given". */
export interface LookupQuery {
  readonly attribute?: { readonly key: string; readonly value: string };
  readonly startMs?: number;
  readonly endMs?: number;
  readonly insight: boolean;
  readonly maxResults: number;
  readonly nextToken?: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** '_', ' ', ',' and '\n' count twice toward the 2000-character limit. */
function attributeValueLength(value: string): number {
  let n = 0;
  for (const ch of value) n += ch === '_' || ch === ' ' || ch === ',' || ch === '\n' ? 2 : 1;
  return n;
}

/** awsJson1.1 timestamps are epoch seconds (numbers); the CLI and SDK both send them so. */
function parseTime(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value) * 1000;
  throw new ServiceError('SerializationException', `${field} must be a timestamp in epoch seconds`);
}

function parseAttributes(value: unknown, insight: boolean): LookupQuery['attribute'] {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ServiceError('SerializationException', 'LookupAttributes must be a list');
  if (value.length === 0) return undefined;
  if (value.length > 1) {
    throw new ServiceError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute per request.');
  }
  const item: unknown = value[0];
  if (!isObj(item)) throw new ServiceError('InvalidLookupAttributesException', 'A lookup attribute must have an AttributeKey and an AttributeValue.');
  const key = item.AttributeKey;
  const attrValue = item.AttributeValue;
  if (typeof key !== 'string' || !LOOKUP_KEYS.includes(key)) {
    throw new ServiceError('InvalidLookupAttributesException', `Invalid lookup attribute key: ${String(key)}. Valid keys are ${LOOKUP_KEYS.join(', ')}.`);
  }
  if (typeof attrValue !== 'string' || attrValue === '') {
    throw new ServiceError('InvalidLookupAttributesException', `The value for lookup attribute ${key} must not be empty.`);
  }
  if (attributeValueLength(attrValue) > 2000) {
    throw new ServiceError('InvalidLookupAttributesException', `The value for lookup attribute ${key} is longer than 2000 characters.`);
  }
  if (key === 'ReadOnly' && attrValue !== 'true' && attrValue !== 'false') {
    throw new ServiceError('InvalidLookupAttributesException', 'The value for lookup attribute ReadOnly must be true or false.');
  }
  if (insight && !INSIGHT_KEYS.includes(key)) {
    throw new ServiceError('InvalidLookupAttributesException', `Insights event lookups support only ${INSIGHT_KEYS.join(', ')}.`);
  }
  return { key, value: attrValue };
}

/** Validates a parsed request body; throws {@link ServiceError} on the first rule broken. */
export function parseLookupRequest(body: unknown): LookupQuery {
  if (!isObj(body)) throw new ServiceError('SerializationException', 'Request body must be a JSON object');
  const category = body.EventCategory;
  if (category !== undefined && category !== null && category !== 'insight') {
    throw new ServiceError('InvalidEventCategoryException', `Invalid event category: ${JSON.stringify(category)}`);
  }
  const insight = category === 'insight';
  const attribute = parseAttributes(body.LookupAttributes, insight);
  const startMs = parseTime(body.StartTime, 'StartTime');
  const endMs = parseTime(body.EndTime, 'EndTime');
  if (startMs !== undefined && endMs !== undefined && startMs > endMs) {
    throw new ServiceError('InvalidTimeRangeException', 'Start time must be before end time.');
  }
  let maxResults = 50;
  if (body.MaxResults !== undefined && body.MaxResults !== null) {
    const m = body.MaxResults;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 50) {
      throw new ServiceError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
    }
    maxResults = m;
  }
  const token = body.NextToken;
  if (token !== undefined && token !== null && typeof token !== 'string') {
    throw new ServiceError('InvalidNextTokenException', 'Invalid NextToken.');
  }
  return {
    ...(attribute ? { attribute } : {}),
    ...(startMs !== undefined ? { startMs } : {}),
    ...(endMs !== undefined ? { endMs } : {}),
    insight,
    maxResults,
    ...(typeof token === 'string' && token !== '' ? { nextToken: token } : {}),
  };
}
