// The webview side of VS Code's webview API, typed once for every client (DOM only, no imports).

/** What `acquireVsCodeApi()` returns inside a webview. */
export interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  setState(state: State): void;
  getState(): State | undefined;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** The webview API; call once per page load. */
export function getVsCodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
