// The event panel's DOM as a pure function of (document, view): no webview API, so unit tests run it
// against happy-dom. Every piece of event data goes in through textContent.
import type { EventView, SummaryRow, SummarySection, ViewLink, WebviewToHost } from '../protocol';
import { el, icon, onActivate } from '../../../host/webview/client/dom';
import { renderJsonTree } from './jsonTree';

export { showFullValue } from './jsonTree';

type Post = (message: WebviewToHost) => void;

const SECTION_ICONS: Readonly<Record<SummarySection['id'], string>> = {
  who: 'account',
  what: 'symbol-event',
  when: 'history',
  where: 'globe',
  onWhat: 'symbol-class',
};

const OUTCOME_BADGES: Readonly<Record<EventView['outcome'], { text: string; icon: string }>> = {
  error: { text: 'Failed', icon: 'error' },
  write: { text: 'Write', icon: 'edit' },
  read: { text: 'Read-only', icon: 'eye' },
  unknown: { text: 'Access not recorded', icon: 'question' },
};

/** A link the host opens: no href (so the webview never navigates or opens it by itself), the URL as data. */
export function renderLink(doc: Document, link: ViewLink, post: Post, iconName = 'link-external'): HTMLAnchorElement {
  const a = el(doc, 'a', {
    className: 'aws-link',
    attrs: { role: 'link', tabindex: '0', 'data-url': link.url, title: link.title ?? link.url },
    children: [icon(doc, iconName), el(doc, 'span', { text: link.label })],
  });
  onActivate(a, () => {
    post({ type: 'openLink', url: link.url });
  });
  return a;
}

function formatLocal(time: number): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return 'unknown time';
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the explicit fields.
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

function renderRow(doc: Document, row: SummaryRow, post: Post): HTMLElement[] {
  const value = row.localTime !== undefined ? formatLocal(row.localTime) : row.value;
  const classes = ['summary-value', row.mono === true ? 'mono' : '', row.tone !== undefined ? `tone-${row.tone}` : ''].filter((c) => c !== '').join(' ');
  const dd = el(doc, 'dd', { children: [el(doc, 'span', { className: classes, text: value })] });
  if (row.link) dd.appendChild(renderLink(doc, row.link, post));
  return [el(doc, 'dt', { text: row.label }), dd];
}

function renderSection(doc: Document, section: SummarySection, post: Post): HTMLElement {
  const list = el(doc, 'dl');
  for (const row of section.rows) for (const node of renderRow(doc, row, post)) list.appendChild(node);
  return el(doc, 'section', {
    className: 'summary-card',
    attrs: { 'data-section': section.id, 'aria-label': section.title },
    children: [el(doc, 'h2', { children: [icon(doc, SECTION_ICONS[section.id]), el(doc, 'span', { text: section.title })] }), list],
  });
}

function toolbarButton(doc: Document, label: string, iconName: string, action: string, post: Post, message: WebviewToHost): HTMLButtonElement {
  const button = el(doc, 'button', { className: 'toolbar-button', attrs: { type: 'button', 'data-action': action }, children: [icon(doc, iconName), el(doc, 'span', { text: label })] });
  onActivate(button, () => {
    post(message);
  });
  return button;
}

function renderHeader(doc: Document, view: EventView, post: Post): HTMLElement {
  const badge = OUTCOME_BADGES[view.outcome];
  const docLinks = el(doc, 'nav', { className: 'doc-links', attrs: { 'aria-label': 'Documentation' } });
  for (const link of view.docLinks) docLinks.appendChild(renderLink(doc, link, post, 'book'));
  return el(doc, 'header', {
    className: 'event-header',
    children: [
      el(doc, 'div', {
        className: 'title-row',
        children: [
          el(doc, 'h1', { className: 'event-name', text: view.heading }),
          el(doc, 'span', { className: `badge badge-${view.outcome}`, children: [icon(doc, badge.icon), el(doc, 'span', { text: badge.text })] }),
        ],
      }),
      el(doc, 'p', { className: 'subheading', text: view.subheading }),
      docLinks,
      el(doc, 'div', {
        className: 'toolbar',
        children: [
          toolbarButton(doc, 'Open as JSON', 'json', 'openRawJson', post, { type: 'openRawJson' }),
          toolbarButton(doc, 'Compare with…', 'diff', 'compareWith', post, { type: 'compareWith' }),
        ],
      }),
    ],
  });
}

function renderRelated(doc: Document, view: EventView, post: Post): HTMLElement | undefined {
  if (view.related.length === 0) return undefined;
  const buttons = el(doc, 'div', { className: 'related-buttons' });
  for (const lookup of view.related) {
    const button = el(doc, 'button', {
      className: 'related-button',
      attrs: { type: 'button', title: lookup.title, 'data-lookup': lookup.id },
      children: [icon(doc, 'search'), el(doc, 'span', { text: lookup.label })],
    });
    onActivate(button, () => {
      post({ type: 'relatedLookup', id: lookup.id });
    });
    buttons.appendChild(button);
  }
  return el(doc, 'section', { className: 'related', attrs: { 'aria-label': 'Related lookups' }, children: [el(doc, 'h2', { text: 'Related lookups' }), buttons] });
}

function renderRaw(doc: Document, view: EventView, post: Post): HTMLElement {
  const section = el(doc, 'section', { className: 'raw', attrs: { 'aria-label': 'Event JSON' }, children: [el(doc, 'h2', { text: 'Event JSON' })] });
  for (const note of view.notes) section.appendChild(el(doc, 'p', { className: 'note', children: [icon(doc, 'info'), el(doc, 'span', { text: note })] }));
  if (view.clip.summary !== '') section.appendChild(el(doc, 'p', { className: 'note clip-note', children: [icon(doc, 'fold'), el(doc, 'span', { text: view.clip.summary })] }));
  section.appendChild(renderJsonTree(doc, view.raw, post, view.clip.marks));
  return section;
}

/** Builds the whole panel for one event. `post` sends a message to the host. */
export function renderEventDetails(doc: Document, view: EventView, post: Post): HTMLElement {
  const summary = el(doc, 'div', { className: 'summary' });
  for (const section of view.sections) summary.appendChild(renderSection(doc, section, post));
  return el(doc, 'div', {
    className: 'event-details',
    attrs: { 'data-event-id': view.eventId },
    children: [renderHeader(doc, view, post), summary, renderRelated(doc, view, post), renderRaw(doc, view, post)],
  });
}
