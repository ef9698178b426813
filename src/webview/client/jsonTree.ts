// The event's JSON as a collapsible, syntax-coloured tree: objects and arrays are <details>, every
// value can be copied, and so can its JSON path. Built with createElement/textContent only.
import type { WebviewToHost } from '../protocol';
import { el, onActivate } from './dom';

type Post = (message: WebviewToHost) => void;

/** Top-level members open by default (with everything inside them). */
const OPEN_BY_DEFAULT: ReadonlySet<string> = new Set(['requestParameters', 'responseElements']);
/** Deeper than this, a subtree is shown as one JSON string (records are at most a few hundred KB, but nesting is attacker-controlled). */
const MAX_DEPTH = 64;
const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The JSON path of a member: `$.a.b[0]["odd key"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENTIFIER_RE.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** JSON.stringify, which returns undefined for undefined (never in parsed JSON, but the type allows it). */
function stringify(value: unknown, indent?: number): string {
  try {
    const text: unknown = JSON.stringify(value, null, indent);
    return typeof text === 'string' ? text : 'undefined';
  } catch {
    // Only absurd nesting gets here; "Open as JSON" still shows the record.
    return '"(nested too deeply to show here: use Open as JSON)"';
  }
}

function copyText(value: unknown): string {
  if (typeof value === 'string') return value;
  return stringify(value, 2);
}

function scalarClass(value: unknown): string {
  if (value === null) return 'json-null';
  switch (typeof value) {
    case 'string':
      return 'json-string';
    case 'number':
      return 'json-number';
    case 'boolean':
      return 'json-boolean';
    default:
      return 'json-other';
  }
}

function actions(doc: Document, value: unknown, path: string, post: Post): HTMLSpanElement {
  const copyValue = el(doc, 'button', { className: 'json-action codicon codicon-copy', attrs: { type: 'button', title: 'Copy value', 'aria-label': `Copy value of ${path}`, 'data-copy': 'value' } });
  onActivate(copyValue, () => {
    post({ type: 'copy', text: copyText(value) });
  });
  const copyPath = el(doc, 'button', { className: 'json-action codicon codicon-symbol-field', attrs: { type: 'button', title: `Copy path ${path}`, 'aria-label': `Copy JSON path ${path}`, 'data-copy': 'path' } });
  onActivate(copyPath, () => {
    post({ type: 'copy', text: path });
  });
  return el(doc, 'span', { className: 'json-actions', children: [copyValue, copyPath] });
}

function keyLabel(doc: Document, key: string | number | undefined): HTMLSpanElement | undefined {
  if (key === undefined) return undefined;
  return typeof key === 'number' ? el(doc, 'span', { className: 'json-index', text: `${key}: ` }) : el(doc, 'span', { className: 'json-key', text: `${JSON.stringify(key)}: ` });
}

function renderScalar(doc: Document, key: string | number | undefined, value: unknown, path: string, post: Post): HTMLElement {
  const text = stringify(value);
  return el(doc, 'div', {
    className: 'json-row',
    attrs: { 'data-path': path },
    children: [keyLabel(doc, key), el(doc, 'span', { className: `json-value ${scalarClass(value)}`, text }), actions(doc, value, path, post)],
  });
}

function summaryText(value: Record<string, unknown> | unknown[]): string {
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (Array.isArray(value)) return `[ ${n} item${n === 1 ? '' : 's'} ]`;
  return `{ ${n} key${n === 1 ? '' : 's'} }`;
}

function renderNode(doc: Document, key: string | number | undefined, value: unknown, path: string, depth: number, open: boolean, post: Post): HTMLElement {
  if (!isContainer(value)) return renderScalar(doc, key, value, path, post);
  if (depth >= MAX_DEPTH) return renderScalar(doc, key, stringify(value), path, post);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const details = el(doc, 'details', { className: 'json-node', attrs: { 'data-path': path } });
  details.open = open;
  details.appendChild(
    el(doc, 'summary', {
      className: 'json-row json-summary',
      children: [keyLabel(doc, key), el(doc, 'span', { className: 'json-punct', text: summaryText(value) }), actions(doc, value, path, post)],
    }),
  );
  const children = el(doc, 'div', { className: 'json-children' });
  for (const [childKey, childValue] of entries) {
    const childOpen = depth === 0 ? typeof childKey === 'string' && OPEN_BY_DEFAULT.has(childKey) : open;
    children.appendChild(renderNode(doc, childKey, childValue, childPath(path, childKey), depth + 1, childOpen, post));
  }
  details.appendChild(children);
  return details;
}

/**
 * Renders a JSON value as a tree. The root is open; `requestParameters` and `responseElements` are
 * open with everything inside them; other objects start collapsed.
 */
export function renderJsonTree(doc: Document, value: unknown, post: Post): HTMLElement {
  return el(doc, 'div', { className: 'json-tree', attrs: { role: 'group', 'aria-label': 'Event JSON' }, children: [renderNode(doc, undefined, value, '$', 0, true, post)] });
}
