// Runs inside the timeline webview (DOM only): renders the model the host sends and asks the host
// to open events.
import { runClient } from '../../../../host/webview/client/runClient';
import { parseTimelineHostMessage } from '../protocol';
import { renderTimeline } from './renderTimeline';

runClient({
  parse: parseTimelineHostMessage,
  state: (message) => message.state,
  render: (doc, message, post) => ({ title: message.model.title, content: renderTimeline(doc, message.model, post) }),
  ready: { type: 'ready' },
});
