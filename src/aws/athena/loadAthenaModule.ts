/**
 * Loads `athenaModule.js` beside this file: its own bundle in `dist/`, the compiled module in tests.
 * The path is computed so the bundler leaves the Athena SDK out of the extension bundle. Import only
 * types from the other modules of this folder in the VS Code ring; values come through here.
 */
import { join } from 'node:path';

/** The lazily loaded module's shape (see `athenaModule.ts`). */
export type AthenaModule = typeof import('./athenaModule');

let loaded: AthenaModule | undefined;

/** The Athena module, loaded on first call. */
export function loadAthenaModule(): AthenaModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(join(__dirname, 'athenaModule.js')) as AthenaModule;
  return loaded;
}
