/**
 * The event panel for a 3 MB event in real headless Chromium (issue 13: "renders in < 1 s"). The
 * panel's real shell (strict CSP, nonce) and its bundled client (dist/webview/eventDetails.js) are
 * served at a fake webview origin; the host side builds the message as the panel does, it crosses
 * as JSON text (VS Code's postMessage serialises it), and the clock stops at the first frame painted
 * after the event's heading is in the document. Run as the panel does it (the record shortened) and,
 * side by side, with the whole record (nothing shortened: the naive render). Prints each variant's
 * host, transfer and webview times, the longest task the webview's main thread ran, and the ratios.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { normalizeRecord } from '../src/core/event';
import type { TrailEvent } from '../src/core/model';
import { renderEventDetailsHtml } from '../src/features/eventPanel/eventPanelHtml';
import { buildEventView } from '../src/features/eventPanel/eventView';
import { PANEL_STATE_VERSION, type HostToWebview } from '../src/features/eventPanel/protocol';
import { clipRecord, stateEvent } from '../src/features/eventPanel/recordClip';
import { launchChromium } from '../tools/vscode/chromium';
import { hugeRecord } from '../test/support/hugeEvents';

const RUNS = 5;
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const ORIGIN = 'https://webview.test';
const root = path.resolve(__dirname, '../..');

/** What the page functions below use of the browser (this file compiles without the DOM library). */
interface BenchPage {
  posted: { type?: string }[];
  acquireVsCodeApi: () => unknown;
  postMessage(message: unknown, origin: string): void;
  requestAnimationFrame(callback: () => void): void;
  readonly document: { querySelector(selector: string): unknown };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { entryTypes: string[] }): void; disconnect(): void };
}

interface Timing {
  /** Host: shorten, build the view and serialise the message. */
  readonly hostMs: number;
  /** Webview: from the message's arrival to the first frame painted with the event. */
  readonly webviewMs: number;
  /** The whole path, as a user waits for it (host + transfer + webview). */
  readonly totalMs: number;
  readonly longestTaskMs: number;
  readonly messageChars: number;
}

/** Builds the message the panel posts, as JSON text. */
function hostMessage(event: TrailEvent, whole: boolean): string {
  const record = clipRecord(event.raw, whole ? { maxDepth: Number.MAX_SAFE_INTEGER, maxStringLength: Number.MAX_SAFE_INTEGER } : undefined);
  const view = buildEventView(event, { now: NOW, record });
  const message: HostToWebview = { type: 'showEvent', view, state: { version: PANEL_STATE_VERSION, eventId: event.id, event: stateEvent(event, record), ...(record.clipped ? { clipped: true } : {}) } };
  return JSON.stringify(message);
}

async function servePanel(page: Page): Promise<void> {
  const html = renderEventDetailsHtml({
    cspSource: ORIGIN,
    nonce: 'YmVuY2gtbm9uY2UtMDAwMQ==',
    scriptUri: `${ORIGIN}/dist/webview/eventDetails.js`,
    styleUris: [`${ORIGIN}/dist/webview/codicon.css`, `${ORIGIN}/media/webview/eventDetails.css`],
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(root, url.pathname);
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: readFileSync(file) });
  });
  // The webview API: posts are recorded, setState serialises the state as VS Code does.
  await page.addInitScript(() => {
    const w = globalThis as unknown as BenchPage;
    w.posted = [];
    w.acquireVsCodeApi = () => ({ postMessage: (m: { type?: string }) => w.posted.push(m), setState: (s: unknown) => JSON.stringify(s), getState: () => undefined });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as BenchPage).posted.some((m) => m.type === 'ready'));
}

/** Posts the message into the page; resolves with the webview's times once the event is painted. */
function deliver(page: Page, text: string): Promise<{ webviewMs: number; longestTaskMs: number }> {
  return page.evaluate(async (json) => {
    const w = globalThis as unknown as BenchPage;
    let longest = 0;
    const observer = new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ entryTypes: ['longtask'] });
    const started = performance.now();
    w.postMessage(JSON.parse(json), '*');
    const frame = (): Promise<void> => new Promise((resolve) => { w.requestAnimationFrame(() => { resolve(); }); });
    while (w.document.querySelector('h1.event-name') === null) await frame();
    // The frame that shows it, then a task after its paint.
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const webviewMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50)); // long-task entries arrive asynchronously
    observer.disconnect();
    return { webviewMs, longestTaskMs: longest };
  }, text);
}

async function measure(page: Page, event: TrailEvent, whole: boolean): Promise<Timing> {
  await servePanel(page);
  const started = performance.now();
  const text = hostMessage(event, whole);
  const hostMs = performance.now() - started;
  const { webviewMs, longestTaskMs } = await deliver(page, text);
  return { hostMs, webviewMs, totalMs: performance.now() - started, longestTaskMs, messageChars: text.length };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function medianTiming(runs: readonly Timing[]): Timing {
  const of = (key: keyof Timing): number => median(runs.map((r) => r[key]));
  return { hostMs: of('hostMs'), webviewMs: of('webviewMs'), totalMs: of('totalMs'), longestTaskMs: of('longestTaskMs'), messageChars: of('messageChars') };
}

async function main(): Promise<void> {
  const normalized = normalizeRecord(hugeRecord());
  if (!normalized.ok) throw new Error(normalized.error.error);
  const event = normalized.event;
  const session = await launchChromium({ width: 1200, height: 900 });
  try {
    const runs: Record<'panel' | 'whole', Timing[]> = { panel: [], whole: [] };
    // Alternate the variants so machine load hits both alike; the first pair warms up.
    for (let i = 0; i <= RUNS; i++) {
      for (const variant of ['panel', 'whole'] as const) {
        const page = await session.context.newPage();
        try {
          const timing = await measure(page, event, variant === 'whole');
          if (i > 0) runs[variant].push(timing);
        } finally {
          await page.close();
        }
      }
    }
    const panel = medianTiming(runs.panel);
    const whole = medianTiming(runs.whole);
    const record = JSON.stringify(event.raw).length;
    console.log(`event panel in headless Chromium, ${(record / 1024 / 1024).toFixed(1)} MB record, median of ${RUNS}`);
    const line = (name: string, t: Timing): string =>
      `  ${name}: first render ${t.totalMs.toFixed(0)} ms (host ${t.hostMs.toFixed(0)} ms, webview ${t.webviewMs.toFixed(0)} ms), longest webview task ${t.longestTaskMs.toFixed(0)} ms, message ${t.messageChars.toLocaleString('en-US')} chars`;
    console.log(line('shortened (the panel)', panel));
    console.log(line('whole record (naive) ', whole));
    console.log(`  ratio whole / panel: first render ${(whole.totalMs / panel.totalMs).toFixed(1)}x, message ${(whole.messageChars / panel.messageChars).toFixed(1)}x`);
    console.log(`  the panel's first render is ${panel.totalMs < 1000 ? 'under' : 'OVER'} the issue's 1 s`);
  } finally {
    await session.close();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
