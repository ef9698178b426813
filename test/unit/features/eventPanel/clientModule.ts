// Loads the webview client's renderer for Node tests. The client is compiled for the browser (DOM
// lib) by its own tsconfig, so instead of importing it into this Node program, esbuild bundles the
// real source to CommonJS here and the tests call it with a happy-dom document.
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { EventView, WebviewToHost } from '../../../../src/features/eventPanel/protocol';

const root = path.resolve(__dirname, '../../../../..');

export interface ClientModule {
  renderEventDetails(doc: unknown, view: EventView, post: (message: WebviewToHost) => void): HappyElement;
}

/** The subset of happy-dom's element API the tests use. */
export interface HappyElement {
  readonly textContent: string | null;
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly children: ArrayLike<HappyElement>;
  querySelector(selector: string): HappyElement | null;
  querySelectorAll(selector: string): ArrayLike<HappyElement>;
  getAttribute(name: string): string | null;
  click(): void;
  dispatchEvent(event: unknown): boolean;
  open?: boolean;
}

let cached: ClientModule | undefined;

/** The event panel's renderer, bundled from src/features/eventPanel/client/renderEventDetails.ts (once per run). */
export function loadClient(): ClientModule {
  cached ??= loadBundled('src/features/eventPanel/client/renderEventDetails.ts') as ClientModule;
  return cached;
}

/** Bundles a webview client module (a path from the repository root) to CommonJS and returns its exports. */
export function loadBundled(entry: string): unknown {
  const result = buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating our own freshly bundled source
  new Function('module', 'exports', code)(module, module.exports);
  return module.exports;
}

/** A DOM document in Node (happy-dom is an ES module, hence the dynamic import). */
export interface TestDocument {
  readonly document: { readonly title: string; createElement(tag: string): unknown; readonly body: { appendChild(node: unknown): unknown } };
  readonly window: { close(): Promise<void>; readonly KeyboardEvent: new (type: string, init: { key: string; bubbles?: boolean }) => unknown };
}

/** A fresh happy-dom window and its document. */
export async function createDocument(): Promise<TestDocument> {
  const { Window } = await import('happy-dom');
  const window = new Window({ url: 'https://webview.test/' });
  return { window: window as unknown as TestDocument['window'], document: window.document as unknown as TestDocument['document'] };
}
