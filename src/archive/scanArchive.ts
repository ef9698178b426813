/**
 * Finds the trail files under the paths a user opened, without reading them: a recursive walk that
 * classifies each file by its path ({@link parseTrailPath}) and by its extension.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { objectKeyOf } from './objectKey';
import { parseTrailPath, type TrailPathInfo } from './trailPath';

/** How a file's content is read. */
export type ArchiveFileFormat = 'json' | 'csv';

/** One file found by the scan. */
export interface ArchiveFile {
  /** Position in the scan; the index refers to files by it. */
  readonly id: number;
  readonly path: string;
  readonly size: number;
  /** Modification time (ms): with the size, how the store tells a changed file. */
  readonly mtimeMs?: number;
  readonly format: ArchiveFileFormat;
  readonly info: TrailPathInfo;
  /** The S3 key from `AWSLogs/` on (relative to the opened path), when in that layout: what digests list. */
  readonly key?: string;
}

/** A file or folder that could not be used, with a message a person can act on. */
export interface ArchiveProblem {
  readonly path: string;
  readonly message: string;
}

/** What a scan found: event files, digest files, and paths it could not read. */
export interface ArchiveScan {
  readonly files: readonly ArchiveFile[];
  readonly digests: readonly string[];
  readonly problems: readonly ArchiveProblem[];
}

/** Signature sidecars kept beside digests (read by digest validation, never as events). */
const SIDECAR = /\.(metadata\.json|sig|signature)$/i;
const EVENT_FILE = /\.(json|jsonl|ndjson|json\.gz|jsonl\.gz|csv)$/i;

function formatOf(path: string): ArchiveFileFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'json';
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'not found';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return err.message;
  }
  return String(err);
}

/** Entries of one folder whose stat calls are in flight together. */
const STAT_BATCH = 64;

/**
 * Walks files and folders (sorted, so file ids are stable for the same tree). Dot-files and
 * unrelated extensions are ignored; unreadable paths become problems, never exceptions.
 */
export async function scanArchive(paths: readonly string[], signal?: AbortSignal): Promise<ArchiveScan> {
  const files: ArchiveFile[] = [];
  const digests: string[] = [];
  const problems: ArchiveProblem[] = [];

  const visit = async (path: string, explicit: boolean, root: string, known?: Promise<Stats>): Promise<void> => {
    signal?.throwIfAborted();
    let info;
    try {
      info = await (known ?? stat(path));
    } catch (err) {
      problems.push({ path, message: `Cannot read: ${describeError(err)}` });
      return;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(path);
      } catch (err) {
        problems.push({ path, message: `Cannot list folder: ${describeError(err)}` });
        return;
      }
      const children = names.filter((name) => !name.startsWith('.')).sort().map((name) => join(path, name));
      // Stat a folder's entries a batch at a time (one round trip to the file system each, in
      // parallel), then visit them in sorted order, so file ids stay stable.
      for (let i = 0; i < children.length; i += STAT_BATCH) {
        const batch = children.slice(i, i + STAT_BATCH);
        const infos = batch.map((child) => stat(child));
        // Rejections are read in visit(); keep them from counting as unhandled meanwhile.
        for (const pending of infos) pending.catch(() => undefined);
        for (const [j, child] of batch.entries()) await visit(child, false, root, infos[j]);
      }
      return;
    }
    if (!info.isFile() || SIDECAR.test(path)) return;
    const pathInfo = parseTrailPath(path);
    if (pathInfo.kind === 'digest') {
      digests.push(path);
      return;
    }
    if (!EVENT_FILE.test(path) && !explicit) return;
    // Nothing to read: say so now rather than silently finding no events in it.
    if (info.size === 0) {
      problems.push({ path, message: 'File is empty (0 bytes)' });
      return;
    }
    const key = objectKeyOf(path, root);
    files.push({ id: files.length, path, size: info.size, mtimeMs: Math.round(info.mtimeMs), format: formatOf(path), info: pathInfo, ...(key !== undefined ? { key } : {}) });
  };

  for (const path of paths) await visit(path, true, path);
  return { files, digests, problems };
}
