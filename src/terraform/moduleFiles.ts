/**
 * The other `.tf` files of a module directory, parsed: import and provider blocks often live in
 * their own files, and references point at blocks anywhere in the module. Reads at most
 * {@link MAX_FILES} files of at most {@link MAX_BYTES} each; unreadable files are skipped. Never throws.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseTerraformModule, type TerraformModule } from '../core/terraformResolve';

/** Most sibling files read. */
export const MAX_FILES = 200;
/** Largest sibling file read, in bytes. */
export const MAX_BYTES = 2 * 1024 * 1024;

/** The module of `dir` without the file `except` (the open document, whose text the caller has). */
export async function readSiblingModule(dir: string, except?: string): Promise<TerraformModule> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return parseTerraformModule([]);
  }
  const skip = except === undefined ? undefined : path.resolve(except);
  const files = names.filter((n) => n.endsWith('.tf')).map((n) => path.join(dir, n)).filter((f) => path.resolve(f) !== skip).slice(0, MAX_FILES);
  const texts: string[] = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      if (info.isFile() && info.size <= MAX_BYTES) texts.push(await readFile(file, 'utf8'));
    } catch {
      // Gone or unreadable: the module is what could be read.
    }
  }
  return parseTerraformModule(texts);
}
