/**
 * Finds the trail files under the paths a user opened, without reading them: a recursive walk that
 * classifies each file by its path ({@link parseTrailPath}) and by its extension.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTrailPath, type TrailPathInfo } from './trailPath';

/** How a file's content is read. */
export type ArchiveFileFormat = 'json' | 'csv';

/** One file found by the scan. */
export interface ArchiveFile {
  /** Position in the scan; the index refers to files by it. */
  readonly id: number;
  readonly path: string;
  readonly size: number;
  readonly format: ArchiveFileFormat;
  readonly info: TrailPathInfo;
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

/**
 * Walks files and folders (sorted, so file ids are stable for the same tree). Dot-files and
 * unrelated extensions are ignored; unreadable paths become problems, never exceptions.
 */
export async function scanArchive(paths: readonly string[], signal?: AbortSignal): Promise<ArchiveScan> {
  const files: ArchiveFile[] = [];
  const digests: string[] = [];
  const problems: ArchiveProblem[] = [];

  const visit = async (path: string, explicit: boolean): Promise<void> => {
    signal?.throwIfAborted();
    let info;
    try {
      info = await stat(path);
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
      names.sort();
      for (const name of names) {
        if (!name.startsWith('.')) await visit(join(path, name), false);
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
    files.push({ id: files.length, path, size: info.size, format: formatOf(path), info: pathInfo });
  };

  for (const path of paths) await visit(path, true);
  return { files, digests, problems };
}
