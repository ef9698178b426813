// The results summary panel: title, one-line answer, where each filter ran, a timeline of events per
// interval (errors apart) and the newest events. One panel, reused for each new result set and
// revealed beside the editor. The model goes to the bundled client by message after its `ready`;
// the client keeps it with setState, and the serializer restores the panel after a reload.
import * as vscode from 'vscode';
import { buildTimelineModel, type TimelineModel } from '../../../core/timelineModel';
import { CommandIds } from '../../../host/commandIds';
import type { ComponentLogger } from '../../../host/logger';
import type { ResultSet } from '../../../host/resultSets';
import { createNonce } from '../../../host/webview/html';
import { parseTimelineMessage, TIMELINE_STATE_VERSION, TIMELINE_VIEW_TYPE, type HostToTimeline } from './protocol';
import { renderTimelineHtml } from './timelineHtml';
import { safeTitle, titleText, type SafeText } from '../../../core/safeText';

/** Where the panel finds the latest version of the set it shows (the Results store). */
export interface ResultSetSource {
  get(id: string): ResultSet | undefined;
  onDidChange(listener: () => void): { dispose(): void };
}

/** Webview options of the panel; also re-applied to a restored panel. */
export function timelinePanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media', 'webview')],
  };
}

function panelTitle(title: string): SafeText<'title'> {
  return safeTitle`CloudTrail: ${titleText(title, { maxLength: 40 })}`;
}

export class TimelinePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** What the panel shows; `set` is absent after a restore (the result set did not survive the reload). */
  private current: { readonly set?: ResultSet; readonly model: TimelineModel } | undefined;
  private ready = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the panel shows another model or its client became ready (the TestApi listens). */
  readonly onDidChange = this.changed.event;

  private readonly following: { dispose(): void } | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: ComponentLogger,
    /** The result sets: when the shown one changes (Load more), the panel follows, so its counts stay in step. */
    private readonly sets?: ResultSetSource,
  ) {
    this.following = sets?.onDidChange(() => {
      this.follow();
    });
  }

  /** Re-renders the shown set when it grew (Load more) or finished loading, without revealing the panel. */
  private follow(): void {
    const shown = this.current?.set;
    const latest = shown ? this.sets?.get(shown.id) : undefined;
    if (!shown || !latest || latest === shown) return;
    this.current = { set: latest, model: buildTimelineModel(latest, this.current?.model.headline) };
    this.post();
  }

  /** The model last shown. */
  get model(): TimelineModel | undefined {
    return this.current?.model;
  }

  /** True while the panel is open and its client has asked for the model. */
  get isReady(): boolean {
    return this.panel !== undefined && this.ready;
  }

  /** Shows a result set, opening the panel beside the active editor without taking focus. */
  show(set: ResultSet, headline?: string): void {
    this.current = { set, model: buildTimelineModel(set, headline) };
    if (!this.panel) {
      this.adopt(vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'CloudTrail Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, timelinePanelOptions(this.extensionUri)));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    if (this.panel) this.panel.title = panelTitle(set.title);
    this.post();
  }

  /** Adopts a panel VS Code restored after a reload, with the model its client saved. */
  revive(panel: vscode.WebviewPanel, model: TimelineModel): void {
    if (this.panel) {
      // One timeline per window: a second restored one (several windows' state) is dropped.
      panel.dispose();
      return;
    }
    panel.webview.options = timelinePanelOptions(this.extensionUri);
    this.current = { model };
    this.adopt(panel);
  }

  dispose(): void {
    this.following?.dispose();
    this.panel?.dispose();
    this.changed.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    const asUri = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    webview.html = renderTimelineHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'webview', 'timeline.js'),
      styleUris: [asUri('media', 'webview', 'timeline.css')],
    });
    webview.onDidReceiveMessage((message: unknown) => {
      this.onMessage(message);
    });
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.ready = false;
      this.changed.fire();
    });
  }

  private onMessage(raw: unknown): void {
    const message = parseTimelineMessage(raw);
    if (!message) {
      this.log.warn('ignored a malformed message from the timeline');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        this.changed.fire();
        return;
      case 'openEvent': {
        // The id comes from the webview: only an event of the shown set is opened.
        const event = this.current?.set?.events.find((e) => e.id === message.id);
        if (event) void vscode.commands.executeCommand(CommandIds.showEventDetails, event);
        else if (this.current?.set === undefined) void vscode.window.showInformationMessage('CloudTrail: these results are from before the window reloaded; run the lookup again to open its events.');
        else this.log.warn('timeline asked for an unknown event id');
        return;
      }
    }
  }

  private post(): void {
    if (!this.panel || !this.ready || !this.current) return;
    const model = this.current.model;
    const message: HostToTimeline = { type: 'show', model, state: { version: TIMELINE_STATE_VERSION, model } };
    void this.panel.webview.postMessage(message);
    this.changed.fire();
  }
}
