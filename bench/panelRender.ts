/**
 * The event panel for a 3 MB event (issue 13: "renders in < 1 s"): the host builds the view, the
 * view crosses a structured clone (as postMessage does) and the real client bundle renders it into
 * a happy-dom document — once as the panel does it (shortened record, lazy nodes), once with the
 * whole record (nothing shortened, every node built), side by side in the same run. Prints render
 * time and message size of each and the ratios whole / shortened. A DOM in Node is slower than
 * Chromium's, so the absolute times are an upper bound; the ratio is the number to watch.
 */
import { buildSync } from 'esbuild';
import * as path from 'node:path';
import { normalizeRecord } from '../src/core/event';
import { buildEventView } from '../src/features/eventPanel/eventView';
import type { EventView } from '../src/features/eventPanel/protocol';
import { clipRecord } from '../src/features/eventPanel/recordClip';
import { hugeRecord } from '../test/support/hugeEvents';

const RUNS = 5;
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

interface Client {
  renderEventDetails(doc: unknown, view: EventView, post: (message: unknown) => void): { readonly textContent: string | null };
}

function loadClient(): Client {
  const entry = path.resolve(__dirname, '../../src/features/eventPanel/client/renderEventDetails.ts');
  const result = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'neutral', target: 'es2022', write: false, logLevel: 'silent' });
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating our own freshly bundled source
  new Function('module', 'exports', result.outputFiles[0].text)(module, module.exports);
  return module.exports as unknown as Client;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const { Window } = await import('happy-dom');
  const client = loadClient();
  const result = normalizeRecord(hugeRecord());
  if (!result.ok) throw new Error(result.error.error);
  const event = result.event;
  const unlimited = { maxDepth: Number.MAX_SAFE_INTEGER, maxStringLength: Number.MAX_SAFE_INTEGER };
  const measure = (whole: boolean): { ms: number; chars: number; message: number } => {
    const times: number[] = [];
    let chars = 0;
    let message = 0;
    for (let i = 0; i < RUNS; i++) {
      const window = new Window({ url: 'https://webview.test/' });
      const start = performance.now();
      const record = clipRecord(event.raw, whole ? unlimited : undefined);
      const built = buildEventView(event, { now: NOW, record });
      const view = structuredClone(built);
      const root = client.renderEventDetails(window.document, view, () => undefined);
      window.document.body.appendChild(root as unknown as Parameters<typeof window.document.body.appendChild>[0]);
      chars = (root.textContent ?? '').length;
      times.push(performance.now() - start);
      message = JSON.stringify(built).length;
      window.close();
    }
    return { ms: median(times), chars, message };
  };
  measure(false);
  const shortened = measure(false);
  const whole = measure(true);
  const record = JSON.stringify(event.raw).length;
  console.log(`event panel, ${(record / 1024 / 1024).toFixed(1)} MB record, median of ${RUNS}`);
  const line = (name: string, m: { ms: number; chars: number; message: number }): string => `  ${name}: ${m.ms.toFixed(1)} ms, message ${m.message.toLocaleString('en-US')} chars, ${m.chars.toLocaleString('en-US')} chars of DOM text`;
  console.log(line('shortened (the panel)', shortened));
  console.log(line('whole record         ', whole));
  console.log(`  ratio whole / shortened: time ${(whole.ms / shortened.ms).toFixed(1)}x, message ${(whole.message / shortened.message).toFixed(1)}x, DOM text ${(whole.chars / shortened.chars).toFixed(1)}x`);
}

void main();
