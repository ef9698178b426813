// The event panel's HTML: the shared webview shell with the event client's script and styles.
import { renderPanelHtml, type PanelHtmlParts } from '../../host/webview/html';

/** Renders the event panel's shell. */
export function renderEventDetailsHtml(parts: PanelHtmlParts): string {
  return renderPanelHtml(parts, { title: 'CloudTrail event', placeholder: { className: 'loading', text: 'Loading event…' } });
}
