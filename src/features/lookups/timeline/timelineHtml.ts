// The results timeline panel's HTML: the shared webview shell (strict CSP, our stylesheet, one
// nonce-tagged bundled script). No result data is ever part of the HTML: it arrives by message.
import { renderPanelHtml, type PanelHtmlParts } from '../../../host/webview/html';

/** Renders the shell. Pure: the same parts give the same HTML. */
export function renderTimelineHtml(parts: PanelHtmlParts): string {
  return renderPanelHtml(parts, { title: 'CloudTrail results', placeholder: { className: 'summary', text: 'Loading results…' } });
}
