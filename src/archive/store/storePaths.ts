/** Where the CLI keeps its store when not told (the extension passes its global storage folder). */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$CLOUDTRAIL_INVESTIGATOR_STORE`, else `$XDG_CACHE_HOME/cloudtrail-investigator/store.sqlite`
 * (default `~/.cache/…`); the folder is created.
 */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CLOUDTRAIL_INVESTIGATOR_STORE;
  if (explicit !== undefined && explicit !== '') return explicit;
  const dir = join(env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache'), 'cloudtrail-investigator');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'store.sqlite');
}
