import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { onInterrupt } from './processGroup';

/** Debian's Chromium; playwright-core never downloads a browser. Overridable with CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that work headless on these machines (see tools/vscode/README.md). */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A headless Chromium with a fresh profile, removed on close. */
export interface ChromiumSession {
  readonly browser: Browser | undefined;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's Chromium with a throwaway profile; fails with the apt-get line when it is absent. */
export async function launchChromium(viewport = { width: 1400, height: 900 }): Promise<ChromiumSession> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cti-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    // Playwright would otherwise exit the process on Ctrl-C before we stop code-server's process group.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const close = async (): Promise<void> => {
    forget();
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 }); // Chromium may still be writing as it exits
  };
  const forget = onInterrupt(close);
  return { browser: context.browser() ?? undefined, context, close };
}
