// Runs inside the event-details webview (DOM only). Waits for the host's data, renders it, keeps the
// state VS Code needs to restore the panel after a reload, and forwards user actions to the host.
import { parseHostMessage, type WebviewToHost } from '../protocol';
import { renderEventDetails } from './renderEventDetails';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewToHost): void => {
  vscode.postMessage(message);
};

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  // `showEvent` is the only host message today.
  vscode.setState(message.state);
  document.getElementById('app')?.replaceChildren(renderEventDetails(document, message.view, post));
  document.title = message.view.title;
});

// The host posts nothing before this arrives: messages sent earlier would be lost.
post({ type: 'ready' });
