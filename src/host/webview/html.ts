// Every webview panel's HTML: a fixed shell with a strict CSP, the stylesheets and one nonce-tagged
// bundled script. It never contains data: that arrives later as a message and is rendered with textContent.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one page load: 16 random bytes, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of every panel: nothing but our own styles, fonts, images and the one script. */
export function webviewCsp(cspSource: string, nonce: string): string {
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
  /** The bundled client (`dist/webview/*.js`); it carries the nonce. Never an inline script. */
  readonly script: { readonly src: string };
}

/** Renders a webview shell. Pure: the same parts give the same HTML; no data is ever part of it. */
export function renderWebviewShell(parts: WebviewShellParts): string {
  const attr = escapeAttribute;
  const styles = parts.styleUris.map((uri) => `  <link rel="stylesheet" href="${attr(uri)}">`).join('\n');
  const script = `<script nonce="${attr(parts.nonce)}" src="${attr(parts.script.src)}"></script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(webviewCsp(parts.cspSource, parts.nonce))}">
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

/** The parts every panel's HTML needs: URIs already converted with `asWebviewUri`, and a fresh nonce. */
export interface PanelHtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** The panel's bundled client, `dist/webview/<panel>.js`. */
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
}

/** A panel's shell: the parts plus its title and the placeholder shown until the first message. */
export function renderPanelHtml(parts: PanelHtmlParts, page: Pick<WebviewShellParts, 'title' | 'placeholder'>): string {
  return renderWebviewShell({ cspSource: parts.cspSource, nonce: parts.nonce, styleUris: parts.styleUris, script: { src: parts.scriptUri }, ...page });
}
