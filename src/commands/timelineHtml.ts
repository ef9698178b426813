// The results summary panel's HTML: the event panel's CSP (nothing but our stylesheet and one
// nonce-tagged script), a static shell, and a static client script that renders the model it receives
// by message with textContent only. No result data is ever part of the HTML.
import { renderWebviewShell } from '../webview/html';

/** The URIs and nonce the shell refers to. */
export interface TimelineHtmlParts {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUris: readonly string[];
}

// Runs in the webview. Static text: builds the DOM from the message with textContent; bar heights
// are set through the CSSOM (allowed by the CSP, unlike style attributes).
const CLIENT_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function render(m) {
    app.replaceChildren();
    app.appendChild(el('h1', 'title', m.title));
    if (m.headline) app.appendChild(el('p', 'headline', m.headline));
    app.appendChild(el('p', 'summary', m.summary));
    app.appendChild(el('p', 'plan', 'Filters: ' + m.plan));
    const chart = el('div', 'chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', 'Events per ' + m.interval + ', errors highlighted');
    const scale = m.maxTotal > 0 ? m.maxTotal : 1;
    for (const b of m.bars) {
      const bar = el('div', 'bar');
      bar.title = b.label + ': ' + b.total + ' events, ' + b.errors + ' errors';
      const ok = el('div', 'ok');
      ok.style.height = ((b.total - b.errors) / scale * 100) + '%';
      const err = el('div', 'err');
      err.style.height = (b.errors / scale * 100) + '%';
      bar.appendChild(ok);
      bar.appendChild(err);
      chart.appendChild(bar);
    }
    app.appendChild(chart);
    const axis = el('div', 'axis');
    axis.appendChild(el('span', '', m.range.start));
    axis.appendChild(el('span', '', 'one bar = ' + m.interval + ' · errors in red · peak ' + m.maxTotal));
    axis.appendChild(el('span', '', m.range.end));
    app.appendChild(axis);
    const table = el('table', 'events');
    const head = el('tr');
    for (const h of ['Time (UTC)', 'Event', 'Principal', 'Region', 'Error']) head.appendChild(el('th', '', h));
    table.appendChild(head);
    for (const r of m.events) {
      const row = el('tr', r.error ? 'failed' : '');
      row.tabIndex = 0;
      row.appendChild(el('td', '', r.time));
      row.appendChild(el('td', 'name', r.name));
      row.appendChild(el('td', '', r.principal));
      row.appendChild(el('td', '', r.region));
      row.appendChild(el('td', 'error', r.error || ''));
      const open = function () { vscode.postMessage({ type: 'openEvent', id: r.id }); };
      row.addEventListener('click', open);
      row.addEventListener('keydown', function (e) { if (e.key === 'Enter') open(); });
      table.appendChild(row);
    }
    app.appendChild(table);
    if (m.moreEvents > 0) app.appendChild(el('p', 'summary', m.moreEvents + ' more in the Results view.'));
  }
  window.addEventListener('message', function (e) {
    const msg = e.data;
    if (msg && msg.type === 'show' && msg.model) render(msg.model);
  });
  vscode.postMessage({ type: 'ready' });
})();
`;

/** Renders the shell. Pure: the same parts give the same HTML. */
export function renderTimelineHtml(parts: TimelineHtmlParts): string {
  return renderWebviewShell({
    ...parts,
    title: 'CloudTrail results',
    placeholder: { className: 'summary', text: 'Loading results…' },
    script: { inline: CLIENT_SCRIPT },
  });
}
