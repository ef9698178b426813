/**
 * The S3 object key of a local trail file, as digests name it. Digests list log files by their full
 * key (`[prefix/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<name>`), so a local copy is
 * identified by the part of its path from the `AWSLogs/` folder on — never by its base name, which
 * an altered copy in another folder shares.
 */
import { relative, sep } from 'node:path';

const AWS_LOGS = 'AWSLogs';

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

/**
 * The `AWSLogs/…` part of an S3 key (a digest's `s3Object` or `digestS3Object`), dropping any
 * bucket prefix before it; the key unchanged when it has no `AWSLogs/` folder.
 */
export function awsLogsKey(s3Object: string): string {
  const parts = s3Object.split('/');
  const at = parts.indexOf(AWS_LOGS);
  return at < 0 ? s3Object : parts.slice(at).join('/');
}

/**
 * The key of a local file from `AWSLogs/` on, or undefined when it is not in that layout.
 *
 * With `root` (the folder the user opened), the first `AWSLogs` folder *inside* the root counts, so
 * a copy nested deeper (`…/AWSLogs/…/copy/AWSLogs/…`) gets its own, unlisted key. A root opened below
 * `AWSLogs` (e.g. `…/AWSLogs/1111/CloudTrail/us-east-1`) is completed by the nearest `AWSLogs`
 * folder above it. Without a root, the first `AWSLogs` folder of the path counts.
 */
export function objectKeyOf(path: string, root?: string): string | undefined {
  if (root !== undefined) {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..')) return objectKeyOf(path);
    const inside = segments(rel);
    const at = inside.indexOf(AWS_LOGS);
    if (at >= 0) return inside.slice(at).join('/');
    const above = segments(root);
    const last = above.lastIndexOf(AWS_LOGS);
    return last < 0 ? undefined : [...above.slice(last), ...inside].join('/');
  }
  const all = segments(path);
  const at = all.indexOf(AWS_LOGS);
  return at < 0 ? undefined : all.slice(at).join('/');
}

/** The opened root that contains `path` (the deepest one), if any. */
export function rootOf(path: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const root of roots) {
    const rel = relative(root, path);
    const inside = rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
    if (inside && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}
