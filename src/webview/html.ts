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

/** Renders the shell. Pure: the same parts give the same HTML. */
export function renderEventDetailsHtml(parts: EventDetailsHtmlParts): string {
  const attr = escapeAttribute;
  const styles = parts.styleUris.map((uri) => `  <link rel="stylesheet" href="${attr(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(eventDetailsCsp(parts.cspSource, parts.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>CloudTrail event</title>
</head>
<body>
  <main id="app" aria-live="polite"><p class="loading">Loading event…</p></main>
  <script nonce="${attr(parts.nonce)}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}
