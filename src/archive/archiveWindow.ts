// What the views show by default for opened trail logs, and how the archive is named. Pure (no
// 'vscode'), so unit tests cover it.
import type { ArchiveFile } from './scanArchive';

/** The default window of an archive, as `TrailEventSource.defaultWindow` returns it. */
export interface ArchiveWindow {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** File names give the delivery minute; its records can carry any second of that minute. */
const MINUTE_MS = 60_000;

/**
 * Everything the files hold. File names give delivery times only: a file's records happened before
 * its delivery, by minutes in real trails but by any amount in hand-made folders, so the window
 * starts at the beginning of time rather than at the first delivery. It ends with the last delivery's
 * minute (names have minutes, records seconds), or now when some file (an export, a flat folder) has
 * no time in its name.
 */
export function archiveWindow(files: readonly ArchiveFile[], now: number): ArchiveWindow {
  let first = Infinity;
  let last = -Infinity;
  let undated = false;
  for (const file of files) {
    const t = file.info.deliveredAt;
    if (t === undefined) {
      undated = true;
      continue;
    }
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  if (!Number.isFinite(first)) return { start: 0, end: now, label: 'all trail logs' };
  return {
    start: 0,
    end: undated ? Math.max(last + MINUTE_MS - 1, now) : last + MINUTE_MS - 1,
    label: `trail logs ${day(first)} → ${day(last)}${undated ? ' + exports' : ''}`,
  };
}

/** `logs/ (1,204 files)` for the status bar: the folder or file name, not the whole path. */
export function archiveShortLabel(paths: readonly string[], fileCount: number): string {
  const files = `${fileCount.toLocaleString('en-US')} file${fileCount === 1 ? '' : 's'}`;
  if (paths.length !== 1) return `${paths.length} paths (${files})`;
  const trimmed = (paths[0] ?? '').replace(/[\\/]+$/, '');
  const name = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  const shown = name || trimmed;
  // A folder gets a trailing slash, as in `aws s3 sync … ./logs/`; a single file does not.
  return `${shown}${/\.(gz|json|jsonl|ndjson|csv)$/i.test(shown) ? '' : '/'} (${files})`;
}
