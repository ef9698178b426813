// Checks that a value (a command argument from another area, or state restored from the webview)
// really is a TrailEvent before the panel uses it; state comes back from the webview, so it is not trusted.
import type { TrailEvent } from '../core/model';

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isResource(value: unknown): boolean {
  return isRecord(value) && isString(value.name) && optional(value.arn, isString) && optional(value.type, isString) && optional(value.accountId, isString);
}

const OPTIONAL_STRINGS = ['account', 'sourceIp', 'userAgent', 'category', 'eventType', 'errorCode', 'errorMessage', 'requestId', 'eventVersion', 'vpcEndpointId'] as const;
const OPTIONAL_PRINCIPAL_STRINGS = ['sessionKey', 'sessionLabel', 'accountId', 'arn', 'accessKeyId', 'sessionIssuerArn', 'invokedBy', 'userName'] as const;

/** Returns the value as a TrailEvent when it has the model's shape, else `undefined`. */
export function asTrailEvent(value: unknown): TrailEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { service, principal } = value;
  if (!isString(value.id) || value.id === '' || typeof value.time !== 'number' || !Number.isFinite(value.time) || !isString(value.name) || !isString(value.region)) return undefined;
  if (!isRecord(service) || !isString(service.source) || !isString(service.key) || !isString(service.label)) return undefined;
  if (!isRecord(principal) || !isString(principal.key) || !isString(principal.label) || !isString(principal.type)) return undefined;
  if (!OPTIONAL_PRINCIPAL_STRINGS.every((key) => optional(principal[key], isString)) || !optional(principal.mfaAuthenticated, (v) => typeof v === 'boolean')) return undefined;
  if (!OPTIONAL_STRINGS.every((key) => optional(value[key], isString))) return undefined;
  if (!optional(value.readOnly, (v) => typeof v === 'boolean') || !optional(value.partial, (v) => typeof v === 'boolean')) return undefined;
  if (!Array.isArray(value.resources) || !value.resources.every(isResource) || !isRecord(value.raw)) return undefined;
  return value as unknown as TrailEvent;
}

/** Accepts a TrailEvent or anything carrying one in `event` (a tree item's node), as commands receive them. */
export function eventFromArgument(arg: unknown): TrailEvent | undefined {
  return asTrailEvent(arg) ?? (isRecord(arg) ? asTrailEvent(arg.event) : undefined);
}
