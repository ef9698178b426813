// Which URLs the event panel may open. The webview asks the host to open a link; a compromised or
// confused webview could ask for anything, so the host opens only plain `https:` URLs on AWS hosts.
// Pure (no vscode) so it is unit-tested against hostile inputs.

/** Hosts allowed exactly. */
const EXACT_HOSTS: ReadonlySet<string> = new Set(['docs.aws.amazon.com', 'console.aws.amazon.com', 'aws.amazon.com']);

/**
 * Host suffixes allowed for subdomains: regional consoles (`us-east-1.console.aws.amazon.com`),
 * service consoles (`s3.console.aws.amazon.com`), sign-in; plus the China and GovCloud consoles.
 */
const ALLOWED_SUFFIXES: readonly string[] = ['.aws.amazon.com', '.console.amazonaws.cn', '.console.amazonaws-us-gov.com'];
const EXTRA_EXACT: ReadonlySet<string> = new Set(['console.amazonaws.cn', 'console.amazonaws-us-gov.com']);

const MAX_URL_LENGTH = 2048;
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Scheme, then a host of lowercase letters, digits, dots and hyphens, then nothing or a path/query/fragment.
// No `@` (userinfo), no `:` (ports), no `%` or `\` in the authority: those are how lookalike URLs are built.
const SHAPE_RE = /^https:\/\/([a-z0-9.-]+)(?:[/?#][\x21-\x7e]*)?$/;

/** The outcome of {@link checkExternalUrl}. */
export type LinkCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

function isAllowedHost(host: string): boolean {
  if (EXACT_HOSTS.has(host) || EXTRA_EXACT.has(host)) return true;
  return ALLOWED_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}

/**
 * Decides whether the panel may open `candidate` in the browser. Accepts only `https://` URLs whose
 * host is an AWS documentation or console host, written plainly: ASCII, lowercase host, no userinfo,
 * no port, no backslashes, no whitespace or control characters. Returns the URL as parsed.
 */
export function checkExternalUrl(candidate: unknown): LinkCheck {
  if (typeof candidate !== 'string') return { ok: false, reason: 'not a string' };
  if (candidate.length === 0 || candidate.length > MAX_URL_LENGTH) return { ok: false, reason: 'empty or too long' };
  const shape = SHAPE_RE.exec(candidate);
  if (!shape) return { ok: false, reason: 'not a plain https URL' };
  const host = shape[1];
  const labels = host.split('.');
  if (labels.length < 3 || !labels.every((label) => LABEL_RE.test(label))) return { ok: false, reason: `malformed host ${host}` };
  if (!isAllowedHost(host)) return { ok: false, reason: `host ${host} is not an AWS documentation or console host` };
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return { ok: false, reason: 'unparseable URL' };
  }
  // Belt and braces: the parser must agree with what we matched.
  if (parsed.protocol !== 'https:' || parsed.hostname !== host || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'URL parses differently than it reads' };
  }
  return { ok: true, url: parsed.href };
}
