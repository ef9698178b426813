// The timeline panel's DOM as a pure function of (document, model): no webview API, so unit tests
// run it against happy-dom. Every piece of result data goes in through textContent; bar heights are
// set through the CSSOM, which the CSP allows (unlike style attributes).
import { el } from '../../../../host/webview/client/dom';
import type { TimelineModel } from '../../../../core/timelineModel';
import type { TimelineToHost } from '../protocol';

type Post = (message: TimelineToHost) => void;

const COLUMNS = ['Time (UTC)', 'Event', 'Principal', 'Region', 'Error'] as const;

function chart(doc: Document, model: TimelineModel): HTMLElement {
  const scale = model.maxTotal > 0 ? model.maxTotal : 1;
  const bars = model.bars.map((b) => {
    const ok = el(doc, 'div', { className: 'ok' });
    ok.style.height = `${((b.total - b.errors) / scale) * 100}%`;
    const err = el(doc, 'div', { className: 'err' });
    err.style.height = `${(b.errors / scale) * 100}%`;
    return el(doc, 'div', { className: 'bar', attrs: { title: `${b.label}: ${b.total} events, ${b.errors} errors` }, children: [ok, err] });
  });
  return el(doc, 'div', { className: 'chart', attrs: { role: 'img', 'aria-label': `Events per ${model.interval}, errors highlighted` }, children: bars });
}

function table(doc: Document, model: TimelineModel, post: Post): HTMLElement {
  const head = el(doc, 'tr', { children: COLUMNS.map((h) => el(doc, 'th', { text: h })) });
  const rows = model.events.map((r) => {
    const row = el(doc, 'tr', {
      ...(r.error !== undefined ? { className: 'failed' } : {}),
      attrs: { tabindex: '0', 'data-event-id': r.id },
      children: [el(doc, 'td', { text: r.time }), el(doc, 'td', { className: 'name', text: r.name }), el(doc, 'td', { text: r.principal }), el(doc, 'td', { text: r.region }), el(doc, 'td', { className: 'error', text: r.error ?? '' })],
    });
    const open = (): void => {
      post({ type: 'openEvent', id: r.id });
    };
    row.addEventListener('click', open);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open();
    });
    return row;
  });
  return el(doc, 'div', { className: 'table-scroll', children: [el(doc, 'table', { className: 'events', children: [head, ...rows] })] });
}

/** Builds the panel's content for a model. */
export function renderTimeline(doc: Document, model: TimelineModel, post: Post): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  const axis = el(doc, 'div', {
    className: 'axis',
    children: [el(doc, 'span', { text: model.range.start }), el(doc, 'span', { text: `one bar = ${model.interval} · errors in red · peak ${model.maxTotal}` }), el(doc, 'span', { text: model.range.end })],
  });
  const parts: (Node | undefined)[] = [
    el(doc, 'h1', { className: 'title', text: model.title }),
    model.headline !== undefined ? el(doc, 'p', { className: 'headline', text: model.headline }) : undefined,
    el(doc, 'p', { className: 'summary', text: model.summary }),
    el(doc, 'p', { className: 'plan', text: `Filters: ${model.plan}` }),
    // Nothing matched: say what was searched instead of drawing an empty chart.
    ...(model.empty !== undefined ? [el(doc, 'p', { className: 'empty', attrs: { role: 'status' }, text: model.empty })] : [chart(doc, model), axis, table(doc, model, post)]),
    model.moreEvents > 0 ? el(doc, 'p', { className: 'summary', text: `${model.moreEvents} more in the Results view.` }) : undefined,
  ];
  for (const part of parts) if (part) fragment.appendChild(part);
  return fragment;
}
