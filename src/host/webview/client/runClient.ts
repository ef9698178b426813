// The life of every webview client: wait for the host's message, keep the state VS Code needs to
// restore the panel after a reload, render into #app, and say `ready` once listening (the host posts
// nothing before, since earlier messages would be lost).
import { getVsCodeApi } from './vscodeApi';

/** What one panel's client plugs in: how to read a host message and how to render it. */
export interface ClientSpec<Message, State, ToHost extends { readonly type: string }> {
  /** Validates a host message; undefined for anything of another shape (ignored). */
  parse(data: unknown): Message | undefined;
  /** The state to keep with `setState`, from a valid message. */
  state(message: Message): State;
  /** The page title and content for a message. */
  render(doc: Document, message: Message, post: (message: ToHost) => void): { readonly title: string; readonly content: Node };
  readonly ready: ToHost;
}

/** Starts a client in its webview. */
export function runClient<Message, State, ToHost extends { readonly type: string }>(spec: ClientSpec<Message, State, ToHost>): void {
  const vscode = getVsCodeApi<State>();
  const post = (message: ToHost): void => {
    vscode.postMessage(message);
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = spec.parse(event.data);
    if (message === undefined) return;
    vscode.setState(spec.state(message));
    const page = spec.render(document, message, post);
    document.getElementById('app')?.replaceChildren(page.content);
    document.title = page.title;
  });
  post(spec.ready);
}
