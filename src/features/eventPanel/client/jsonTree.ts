// The event's JSON as a collapsible, syntax-coloured tree: objects and arrays are <details>, every
// value can be copied, and so can its JSON path. Built with createElement/textContent only.
// Any record stays fast: a collapsed node builds its children only when opened, the nodes open by
// default stop opening after a budget, a container shows its entries a page at a time, and the
// values the host shortened carry a size badge and "Show all" (the host sends the rest).
import type { ClipMarkView, RecordPath, WebviewToHost } from '../protocol';
import { el, onActivate } from '../../../host/webview/client/dom';

type Post = (message: WebviewToHost) => void;

/** Top-level members open by default (with everything inside them, up to {@link OPEN_BUDGET} rows). */
const OPEN_BY_DEFAULT: ReadonlySet<string> = new Set(['requestParameters', 'responseElements']);
/** Deeper than this, a subtree is shown as one JSON string (the host already folds deeper parts). */
const MAX_DEPTH = 64;
/** Rows built before the first paint; past it, nodes start collapsed and build when opened. */
export const OPEN_BUDGET = 1500;
/** Entries of one container shown at a time ("Show N more" adds the next page). */
export const ENTRY_PAGE = 200;
const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The JSON path of a member: `$.a.b[0]["odd key"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENTIFIER_RE.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The key under which a record path is looked up (marks, "Show all" answers). */
export function pathKey(path: RecordPath): string {
  return JSON.stringify(path);
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

/** What one tree render shares: the marks by path, the paths above a mark, the rows left in the budget. */
interface TreeContext {
  readonly doc: Document;
  readonly post: Post;
  readonly marks: ReadonlyMap<string, ClipMarkView>;
  /** Paths with a shortened value somewhere inside: their "Copy value" asks the host for the whole. */
  readonly aboveMarks: ReadonlySet<string>;
  budget: number;
}

interface NodeAt {
  readonly key: string | number | undefined;
  readonly value: unknown;
  readonly path: string;
  readonly segments: RecordPath;
  readonly depth: number;
}

function actions(ctx: TreeContext, node: NodeAt): HTMLSpanElement {
  const { doc, post } = ctx;
  const id = pathKey(node.segments);
  const whole = ctx.marks.has(id) || ctx.aboveMarks.has(id);
  const copyValue = el(doc, 'button', { className: 'json-action codicon codicon-copy', attrs: { type: 'button', title: 'Copy value', 'aria-label': `Copy value of ${node.path}`, 'data-copy': 'value' } });
  onActivate(copyValue, () => {
    // A shortened value is copied whole by the host, which has the full record.
    post(whole ? { type: 'copyValue', path: node.segments } : { type: 'copy', text: copyText(node.value) });
  });
  const copyPath = el(doc, 'button', { className: 'json-action codicon codicon-symbol-field', attrs: { type: 'button', title: `Copy path ${node.path}`, 'aria-label': `Copy JSON path ${node.path}`, 'data-copy': 'path' } });
  onActivate(copyPath, () => {
    post({ type: 'copy', text: node.path });
  });
  return el(doc, 'span', { className: 'json-actions', children: [copyValue, copyPath] });
}

function keyLabel(doc: Document, key: string | number | undefined): HTMLSpanElement | undefined {
  if (key === undefined) return undefined;
  return typeof key === 'number' ? el(doc, 'span', { className: 'json-index', text: `${key}: ` }) : el(doc, 'span', { className: 'json-key', text: `${JSON.stringify(key)}: ` });
}

function clipControls(ctx: TreeContext, node: NodeAt, mark: ClipMarkView): HTMLElement[] {
  const { doc, post } = ctx;
  const badge = el(doc, 'span', { className: 'json-size', attrs: { title: mark.kind === 'string' ? 'Full size of this value' : 'Entries folded here' }, text: mark.badge });
  const button = el(doc, 'button', { className: 'json-show-all', attrs: { type: 'button', 'data-show-all': node.path, 'aria-label': `Show all of ${node.path}` }, text: 'Show all' });
  onActivate(button, () => {
    button.disabled = true;
    button.textContent = 'Loading…';
    post({ type: 'showAll', path: node.segments });
  });
  return [badge, button];
}

function renderScalar(ctx: TreeContext, node: NodeAt, shown: unknown = node.value): HTMLElement {
  const { doc } = ctx;
  const id = pathKey(node.segments);
  const mark = ctx.marks.get(id);
  const row = el(doc, 'div', {
    className: mark ? 'json-row json-clipped' : 'json-row',
    attrs: { 'data-path': node.path, ...(mark ? { 'data-clip': id, 'data-clip-kind': mark.kind } : {}) },
    children: [keyLabel(doc, node.key), el(doc, 'span', { className: `json-value ${scalarClass(shown)}`, text: stringify(shown) }), ...(mark ? clipControls(ctx, node, mark) : []), actions(ctx, node)],
  });
  return row;
}

function summaryText(value: Record<string, unknown> | unknown[]): string {
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (Array.isArray(value)) return `[ ${n} item${n === 1 ? '' : 's'} ]`;
  return `{ ${n} key${n === 1 ? '' : 's'} }`;
}

function entriesOf(value: Record<string, unknown> | unknown[]): [string | number, unknown][] {
  return Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
}

/** Appends entries [from, from + ENTRY_PAGE) of a container, then a "Show N more" button for the rest. */
function appendEntries(ctx: TreeContext, parent: NodeAt, entries: readonly [string | number, unknown][], from: number, container: HTMLElement, openChildren: boolean): void {
  const { doc } = ctx;
  const end = Math.min(entries.length, from + ENTRY_PAGE);
  for (let i = from; i < end; i++) {
    const [key, value] = entries[i];
    const open = parent.depth === 0 ? typeof key === 'string' && OPEN_BY_DEFAULT.has(key) : openChildren;
    const child: NodeAt = { key, value, path: childPath(parent.path, key), segments: [...parent.segments, key], depth: parent.depth + 1 };
    container.appendChild(renderNode(ctx, child, open));
  }
  if (end >= entries.length) return;
  const rest = entries.length - end;
  const more = el(doc, 'button', { className: 'json-more', attrs: { type: 'button', 'data-more': parent.path }, text: `Show ${Math.min(rest, ENTRY_PAGE).toLocaleString('en-US')} more of ${rest.toLocaleString('en-US')}` });
  onActivate(more, () => {
    more.remove();
    ctx.budget = Math.max(ctx.budget, ENTRY_PAGE);
    appendEntries(ctx, parent, entries, end, container, false);
  });
  container.appendChild(more);
}

function renderNode(ctx: TreeContext, node: NodeAt, wantOpen: boolean): HTMLElement {
  const { doc } = ctx;
  ctx.budget--;
  const value = node.value;
  if (!isContainer(value)) return renderScalar(ctx, node);
  if (node.depth >= MAX_DEPTH) return renderScalar(ctx, node, stringify(value));
  const open = wantOpen && ctx.budget > 0;
  const details = el(doc, 'details', { className: 'json-node', attrs: { 'data-path': node.path } });
  details.open = open;
  details.appendChild(
    el(doc, 'summary', {
      className: 'json-row json-summary',
      children: [keyLabel(doc, node.key), el(doc, 'span', { className: 'json-punct', text: summaryText(value) }), actions(ctx, node)],
    }),
  );
  const children = el(doc, 'div', { className: 'json-children' });
  details.appendChild(children);
  let built = false;
  const build = (): void => {
    if (built) return;
    built = true;
    appendEntries(ctx, node, entriesOf(value), 0, children, open);
  };
  if (open) build();
  else {
    // Collapsed: nothing inside is built until the user opens it.
    details.addEventListener('toggle', () => {
      if (details.open) {
        ctx.budget = Math.max(ctx.budget, ENTRY_PAGE);
        build();
      }
    });
  }
  return details;
}

function ancestorsOf(marks: readonly ClipMarkView[]): Set<string> {
  const above = new Set<string>();
  for (const mark of marks) for (let i = 0; i < mark.path.length; i++) above.add(pathKey(mark.path.slice(0, i)));
  return above;
}

/**
 * Renders a JSON value as a tree. The root is open; `requestParameters` and `responseElements` are
 * open with everything inside them (up to {@link OPEN_BUDGET} rows); other objects start collapsed.
 * `marks` are the places the host shortened.
 */
export function renderJsonTree(doc: Document, value: unknown, post: Post, marks: readonly ClipMarkView[] = []): HTMLElement {
  const ctx: TreeContext = { doc, post, marks: new Map(marks.map((m) => [pathKey(m.path), m])), aboveMarks: ancestorsOf(marks), budget: OPEN_BUDGET };
  const root = renderNode(ctx, { key: undefined, value, path: '$', segments: [], depth: 0 }, true);
  return el(doc, 'div', { className: 'json-tree', attrs: { role: 'group', 'aria-label': 'Event JSON' }, children: [root] });
}

/**
 * Puts the whole value the host sent in place of its shortened row ("Show all" answered). Returns
 * false when the row is not in the document (the panel moved on to another render).
 */
export function showFullValue(doc: Document, path: RecordPath, text: string): boolean {
  const id = pathKey(path);
  const row = [...doc.querySelectorAll<HTMLElement>('[data-clip]')].find((r) => r.getAttribute('data-clip') === id);
  if (!row) return false;
  const value = row.querySelector('.json-value');
  if (value) {
    // A string reads as the other strings do (quoted); a folded container as its JSON text.
    const deep = row.getAttribute('data-clip-kind') === 'deep';
    value.textContent = deep ? text : JSON.stringify(text);
    value.classList.add(deep ? 'json-full-deep' : 'json-full');
  }
  row.querySelector('.json-show-all')?.remove();
  row.classList.remove('json-clipped');
  return true;
}
