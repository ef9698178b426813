// Runs inside the event-details webview (DOM only): renders each event the host sends and forwards
// user actions to the host; "Show all" answers fill in the row they belong to.
import { runClient } from '../../../host/webview/client/runClient';
import { parseFullValueMessage, parseHostMessage } from '../protocol';
import { renderEventDetails, showFullValue } from './renderEventDetails';

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const full = parseFullValueMessage(event.data);
  if (full) showFullValue(document, full.path, full.text);
});

runClient({
  parse: parseHostMessage,
  state: (message) => message.state,
  render: (doc, message, post) => ({ title: message.view.title, content: renderEventDetails(doc, message.view, post) }),
  ready: { type: 'ready' },
});
