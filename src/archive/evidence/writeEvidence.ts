/**
 * Writes an evidence plan to a folder: copies each file byte for byte, writes the generated ones,
 * then hashes every file as written and adds `SHA256SUMS` (`sha256sum -c` format).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST, type EvidencePlan } from './planEvidence';

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A bundle path is relative, `/`-separated and never climbs out of the bundle. */
function assertInside(path: string): void {
  const parts = path.split('/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\') || parts.some((p) => p === '..' || p === '.' || p === '')) {
    throw new Error(`Refusing to write ${JSON.stringify(path)}: not a plain path inside the bundle`);
  }
}

/** What was written. */
export interface WrittenBundle {
  readonly dir: string;
  readonly files: number;
  /** The manifest lines, `<sha256>  <path>`. */
  readonly manifest: readonly string[];
}

/** Writes the bundle into `dir`, which must not exist or be empty. Throws with a readable message. */
export async function writeEvidenceFolder(plan: EvidencePlan, dir: string): Promise<WrittenBundle> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw new Error(`${dir} is not empty: choose a new folder for the evidence bundle`);
  const manifest: string[] = [];
  for (const entry of plan.entries) {
    assertInside(entry.path);
    const target = join(dir, ...entry.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    if (entry.source.kind === 'copy') await copyFile(entry.source.from, target);
    else await writeFile(target, entry.source.text, 'utf8');
    manifest.push(`${await sha256Of(target)}  ${entry.path}`);
  }
  manifest.sort((a, b) => a.slice(66).localeCompare(b.slice(66)));
  await writeFile(join(dir, MANIFEST), `${manifest.join('\n')}\n`, 'utf8');
  return { dir, files: plan.entries.length + 1, manifest };
}
