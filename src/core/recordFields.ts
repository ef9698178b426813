/**
 * Defensive readers for untyped CloudTrail JSON. Real records mix spellings and types (booleans as
 * strings, empty strings for "absent"), so every field read goes through these.
 */

/** A plain JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or undefined when absent or not an object. */
export function objectField(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = obj?.[key];
  return isObject(value) ? value : undefined;
}

/** A non-empty string at `key` (numbers are converted), else undefined. Whitespace-only is absent. */
export function stringField(obj: JsonObject | undefined, key: string): string | undefined {
  const value = obj?.[key];
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
}

/** The first non-empty string among several spellings of one field. */
export function firstStringField(obj: JsonObject | undefined, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = stringField(obj, key);
    if (value !== undefined) {
      return value;
    }
  }
  return undefined;
}

/**
 * A boolean that may be written as `true`, `"true"`, `"TRUE"`, `"Yes"` or their negatives.
 * Anything else (absent, null, `"maybe"`) is undefined.
 */
export function parseBooleanish(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes') {
      return true;
    }
    if (v === 'false' || v === 'no') {
      return false;
    }
  }
  return undefined;
}
