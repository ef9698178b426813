/**
 * JSON text for values whose nesting an attacker chooses. `JSON.stringify` recurses and throws
 * `RangeError: Maximum call stack size exceeded` somewhere past a few thousand levels, so one deep
 * record would break an export or a panel for every record beside it. These helpers walk with an
 * explicit stack instead: same output as `JSON.stringify` for parsed JSON, any depth.
 */

type Container = Readonly<Record<string, unknown>> | readonly unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** What `JSON.stringify` would turn a value into before writing it (`toJSON`, boxed primitives). */
function prepare(value: unknown, key: string): unknown {
  if (isContainer(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
  return value;
}

/** A primitive as JSON, or undefined for what JSON omits (undefined, functions, symbols). */
function primitiveText(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined;
  }
}

interface Frame {
  readonly entries: readonly (readonly [string, unknown])[];
  readonly array: boolean;
  next: number;
  wrote: number;
}

/** Levels that get a line and an indent of their own in the iterative writer. */
const MAX_INDENTED_DEPTH = 100;

/** The iterative writer behind {@link stringifyJson}. */
function stringifyIteratively(root: unknown, indent: string): string | undefined {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Indenting every level makes deep values quadratic in size; past MAX_INDENTED_DEPTH (which
  // JSON.stringify never reaches without overflowing anyway) the rest of the value is written compactly.
  const newline = (depth: number): void => {
    if (indent !== '' && depth <= MAX_INDENTED_DEPTH) out.push(`\n${indent.repeat(depth)}`);
  };
  // Writes a value, or opens a frame for a container; returns false when the value is omitted.
  const write = (raw: unknown, key: string, inArray: boolean): boolean => {
    const value = prepare(raw, key);
    if (!isContainer(value)) {
      const text = primitiveText(value);
      if (text === undefined) {
        if (!inArray) return false;
        out.push('null');
        return true;
      }
      out.push(text);
      return true;
    }
    const array = Array.isArray(value);
    const entries: (readonly [string, unknown])[] = array ? (value as readonly unknown[]).map((v, i) => [String(i), v] as const) : Object.entries(value);
    out.push(array ? '[' : '{');
    stack.push({ entries, array, next: 0, wrote: 0 });
    return true;
  };
  if (!write(root, '', false)) return undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      if (frame.wrote > 0) newline(stack.length);
      out.push(frame.array ? ']' : '}');
      continue;
    }
    const [key, value] = frame.entries[frame.next++];
    const mark = out.length;
    if (frame.wrote > 0) out.push(',');
    newline(stack.length);
    if (!frame.array) out.push(`${JSON.stringify(key)}:${indent === '' ? '' : ' '}`);
    if (write(value, key, frame.array)) frame.wrote++;
    else out.length = mark;
  }
  return out.join('');
}

/**
 * `JSON.stringify(value, null, indent)` that never overflows the stack: the native writer first
 * (fast), the iterative one when the value nests too deeply for it. `indent` is a number of spaces.
 */
export function stringifyJson(value: unknown, indent = 0): string {
  const spaces = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))));
  try {
    const text = JSON.stringify(value, null, spaces === '' ? undefined : spaces) as string | undefined;
    return text ?? 'null';
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return stringifyIteratively(value, spaces) ?? 'null';
  }
}

/** How deeply a value nests (0 for a primitive), measured without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const [node, depth] = item;
    if (!isContainer(node)) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Array.isArray(node) ? (node as readonly unknown[]) : Object.values(node)) {
      if (isContainer(child)) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/** Limits for {@link clipJson}. */
export interface ClipLimits {
  /** Containers deeper than this become a placeholder string. */
  readonly maxDepth: number;
  /** Strings longer than this are cut (with an ellipsis) and counted. */
  readonly maxStringLength: number;
}

/** A clipped copy of a value and what was clipped (for a "show all" affordance and a size badge). */
export interface ClippedJson {
  readonly value: unknown;
  /** Containers replaced by a placeholder because they were nested deeper than `maxDepth`. */
  readonly deepNodes: number;
  /** Strings cut at `maxStringLength`. */
  readonly longStrings: number;
  /** Length of the longest string seen, in UTF-16 code units. */
  readonly longestString: number;
  /** Where each cut was made (the first {@link MAX_CLIP_MARKS}), so a viewer can ask for the rest. */
  readonly marks: readonly ClipMark[];
}

/** A key path into a JSON value: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** One place {@link clipJson} cut: a long string (with its full length) or a too-deep container. */
export interface ClipMark {
  readonly path: JsonPath;
  readonly kind: 'string' | 'deep';
  /** The string's full length (UTF-16 code units); for `deep`, the container's entry count. */
  readonly length: number;
}

/** At most this many {@link ClipMark}s are kept (the counts stay exact). */
export const MAX_CLIP_MARKS = 1000;

/** The text that stands in for a container nested too deeply to show. */
export const DEEP_PLACEHOLDER = '(nested too deeply to show: open the raw JSON)';

/**
 * A copy of `value` safe to hand to a renderer, a `postMessage` or a recursive walker: containers
 * below `maxDepth` become {@link DEEP_PLACEHOLDER}, strings longer than `maxStringLength` are cut
 * with `…`. Built iteratively, so it works on any nesting. For the event panel's "show all".
 */
export function clipJson(value: unknown, limits: ClipLimits): ClippedJson {
  let deepNodes = 0;
  let longStrings = 0;
  let longestString = 0;
  const marks: ClipMark[] = [];
  const mark = (path: JsonPath, kind: ClipMark['kind'], length: number): void => {
    if (marks.length < MAX_CLIP_MARKS) marks.push({ path, kind, length });
  };
  const clipScalar = (v: unknown, path: JsonPath): unknown => {
    if (typeof v !== 'string') return v;
    longestString = Math.max(longestString, v.length);
    if (v.length <= limits.maxStringLength) return v;
    longStrings++;
    mark(path, 'string', v.length);
    return `${v.slice(0, limits.maxStringLength)}…`;
  };
  const copyOf = (v: unknown, path: JsonPath): unknown => (Array.isArray(v) ? [] : isContainer(v) ? {} : clipScalar(v, path));
  const root = copyOf(value, []);
  const stack: [Container, Record<string, unknown> | unknown[], number, JsonPath][] = isContainer(value) ? [[value, root as Record<string, unknown>, 1, []]] : [];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const [source, target, depth, path] = item;
    const array = Array.isArray(source);
    const entries: [string, unknown][] = array ? (source as readonly unknown[]).map((v, i) => [String(i), v]) : Object.entries(source);
    for (const [key, child] of entries) {
      const childPath: JsonPath = [...path, array ? Number(key) : key];
      let copy: unknown;
      if (isContainer(child) && depth >= limits.maxDepth) {
        deepNodes++;
        mark(childPath, 'deep', Array.isArray(child) ? child.length : Object.keys(child).length);
        copy = DEEP_PLACEHOLDER;
      } else {
        copy = copyOf(child, childPath);
        if (isContainer(child)) stack.push([child, copy as Record<string, unknown>, depth + 1, childPath]);
      }
      // defineProperty: a parsed "__proto__" key is an own property, never the prototype.
      if (Array.isArray(target)) target.push(copy);
      else Object.defineProperty(target, key, { value: copy, enumerable: true, writable: true, configurable: true });
    }
  }
  return { value: root, deepNodes, longStrings, longestString, marks };
}

/** The value at `path` inside `value` (own properties only), or undefined when the path leads nowhere. */
export function valueAtPath(value: unknown, path: JsonPath): unknown {
  let node: unknown = value;
  for (const key of path) {
    if (!isContainer(node)) return undefined;
    if (Array.isArray(node)) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= node.length) return undefined;
      node = (node as readonly unknown[])[key];
    } else {
      if (typeof key !== 'string' || !Object.hasOwn(node, key)) return undefined;
      node = (node as Readonly<Record<string, unknown>>)[key];
    }
  }
  return node;
}
