/**
 * Loads the API-documentation index from disk on first use. The data (~650 kB) is too large to
 * bundle into dist/extension.js, so esbuild copies it to dist/data/apiDocs.json and nothing reads
 * it while the extension activates. Node-only (fs): used by the VS Code layers and the CLI.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createApiDocIndex, type ApiDocData, type ApiDocIndex } from '../core/apiDocs';

/** Where the data file lives relative to the extension root: packaged first, then the source tree. */
export const API_DOCS_PATHS: readonly string[] = [path.join('dist', 'data', 'apiDocs.json'), path.join('src', 'data', 'apiDocs.json')];

const cache = new Map<string, Promise<ApiDocIndex>>();

/**
 * The {@link ApiDocIndex} for the extension installed at `extensionRoot`, read once and cached.
 * Rejects with a readable message when the file is missing or malformed (and forgets the failure so
 * a later call can retry).
 */
export function loadApiDocIndex(extensionRoot: string): Promise<ApiDocIndex> {
  const key = path.resolve(extensionRoot);
  let pending = cache.get(key);
  if (pending === undefined) {
    pending = readIndex(key);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function readIndex(root: string): Promise<ApiDocIndex> {
  const tried: string[] = [];
  for (const relative of API_DOCS_PATHS) {
    const file = path.join(root, relative);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      tried.push(file);
      continue;
    }
    return createApiDocIndex(parseApiDocData(text, file));
  }
  throw new Error(`API documentation data not found (looked in ${tried.join(', ')}).`);
}

/** Parses and shape-checks the data file's text; throws an Error naming the file when it is wrong. */
export function parseApiDocData(text: string, file = 'apiDocs.json'): ApiDocData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null) throw new Error(`${file} does not hold an object.`);
  const data = value as Partial<Record<keyof ApiDocData, unknown>>;
  if (data.version !== 1) throw new Error(`${file} has version ${JSON.stringify(data.version)}; expected 1.`);
  if (typeof data.docs !== 'string' || typeof data.sarBase !== 'string' || typeof data.sources !== 'object' || typeof data.prefixes !== 'object') {
    throw new Error(`${file} is missing docs, sarBase, sources or prefixes.`);
  }
  return value as ApiDocData;
}
