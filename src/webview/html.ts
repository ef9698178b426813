// The panel's HTML: a fixed shell with a strict CSP, the stylesheets and one nonce-tagged script.
// It never contains event data: the event arrives later as a message and is rendered with textContent.
import { randomBytes } from 'node:crypto';

/** The URIs (already `asWebviewUri`-converted) and nonce the shell refers to. */
export interface EventDetailsHtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
}

/** A fresh nonce for one page load: 16 random bytes, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of the panel: nothing but our own styles, fonts, images and the one script. */
export function eventDetailsCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; font-src ${cspSource}; img-src ${cspSource} data:; script-src 'nonce-${nonce}';`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A webview page of this extension: the strict CSP, stylesheets, a placeholder, and one nonce-tagged script. */
export interface WebviewShellParts {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUris: readonly string[];
  readonly title: string;
  /** Shown until the first message arrives: class and text (static, never data). */
  readonly placeholder: { readonly className: string; readonly text: string };
  /** The client: a script file (`src`) or a static inline script; either way it carries the nonce. */
  readonly script: { readonly src: string } | { readonly inline: string };
}

/** Renders a webview shell. Pure: the same parts give the same HTML; no data is ever part of it. */
export function renderWebviewShell(parts: WebviewShellParts): string {
  const attr = escapeAttribute;
  const styles = parts.styleUris.map((uri) => `  <link rel="stylesheet" href="${attr(uri)}">`).join('\n');
  const script =
    'src' in parts.script
      ? `<script nonce="${attr(parts.nonce)}" src="${attr(parts.script.src)}"></script>`
      : `<script nonce="${attr(parts.nonce)}">${parts.script.inline}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(eventDetailsCsp(parts.cspSource, parts.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>${attr(parts.title)}</title>
</head>
<body>
  <main id="app" aria-live="polite"><p class="${attr(parts.placeholder.className)}">${attr(parts.placeholder.text)}</p></main>
  ${script}
</body>
</html>
`;
}

/** Renders the event panel's shell. */
export function renderEventDetailsHtml(parts: EventDetailsHtmlParts): string {
  return renderWebviewShell({
    cspSource: parts.cspSource,
    nonce: parts.nonce,
    styleUris: parts.styleUris,
    title: 'CloudTrail event',
    placeholder: { className: 'loading', text: 'Loading event…' },
    script: { src: parts.scriptUri },
  });
}
