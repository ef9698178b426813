/**
 * Zips a written evidence folder (yazl: a small, streaming zip writer). The zip holds the folder's
 * files at the same relative paths, so `unzip` then `sha256sum -c SHA256SUMS` works as on the folder.
 */
import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Writes `zipPath` with every file under `dir`. */
export async function zipFolder(dir: string, zipPath: string): Promise<number> {
  const zip = new ZipFile();
  const files = await filesUnder(dir);
  for (const file of files) zip.addFile(file, relative(dir, file).split(sep).join('/'));
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
  return files.length;
}
