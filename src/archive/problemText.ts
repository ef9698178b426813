/** Problem wording shared by the archive's sources (in-memory index and persisted store). */

/**
 * Readers name the file in their messages; a problem already carries the path, so say it once:
 * `/a/x.json.gz is a damaged gzip file` becomes `File is a damaged gzip file`.
 */
export function withoutPath(message: string, path: string): string {
  if (!message.startsWith(path)) return message;
  const rest = message.slice(path.length).replace(/^[:\s]+/, '');
  return /^(is|line|inflates|holds|ends) /.test(rest) ? `File ${rest}` : rest;
}
