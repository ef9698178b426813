// Tiny DOM builders. Text only ever goes in through textContent, never as markup.

/** Options for {@link el}. */
export interface ElOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly (Node | undefined)[];
}

/** Creates an element with a class, text content, attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, options: ElOptions = {}): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of options.children ?? []) if (child) node.appendChild(child);
  return node;
}

/** A codicon (from the shipped codicon.css) as a decorative span. */
export function icon(doc: Document, name: string): HTMLSpanElement {
  return el(doc, 'span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** Runs `action` on click and on Enter/Space, stopping the event so nothing else (a <summary>, the webview's link handler) reacts. */
export function onActivate(node: HTMLElement, action: () => void): void {
  node.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    action();
  });
  // Buttons already turn Enter/Space into a click; role="link" elements need it by hand.
  if (node.tagName === 'BUTTON') return;
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      action();
    }
  });
}
