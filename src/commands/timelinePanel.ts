// One "CloudTrail Results" panel beside the editor showing the latest (or chosen) result set's
// timeline and newest events. Fed by message after the client's `ready`; clicking a row opens the
// event's panel. Not restored after a reload: the Results view keeps the sets.
import * as vscode from 'vscode';
import type { ComponentLogger } from '../host/logger';
import type { ResultSet } from '../views/results/resultsStore';
import { createNonce } from '../webview/html';
import { CommandIds } from './commandIds';
import { renderTimelineHtml } from './timelineHtml';
import { buildTimelineModel, type TimelineModel } from './timelineModel';

const VIEW_TYPE = 'cloudtrailInvestigator.results';

export class TimelinePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: { set: ResultSet; model: TimelineModel } | undefined;
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: ComponentLogger,
  ) {}

  /** The model last shown (the TestApi reads it). */
  get model(): TimelineModel | undefined {
    return this.current?.model;
  }

  /** Shows a result set, opening the panel beside the active editor without taking focus. */
  show(set: ResultSet, headline?: string): void {
    this.current = { set, model: buildTimelineModel(set, headline) };
    if (!this.panel) {
      this.panel = this.createPanel();
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.panel.title = `CloudTrail: ${set.title.length > 40 ? `${set.title.slice(0, 39)}…` : set.title}`;
    this.post();
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'webview');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'CloudTrail Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [media],
    });
    this.ready = false;
    panel.webview.html = renderTimelineHtml({
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      styleUris: [panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.css')).toString()],
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      this.onMessage(message);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    return panel;
  }

  private onMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, id } = message as { type?: unknown; id?: unknown };
    if (type === 'ready') {
      this.ready = true;
      this.post();
    } else if (type === 'openEvent' && typeof id === 'string') {
      // The id comes from the webview: only an event of the shown set is opened.
      const event = this.current?.set.events.find((e) => e.id === id);
      if (event) void vscode.commands.executeCommand(CommandIds.showEventDetails, event);
      else this.log.warn(`timeline asked for an unknown event id`);
    }
  }

  private post(): void {
    if (!this.panel || !this.ready || !this.current) return;
    void this.panel.webview.postMessage({ type: 'show', model: this.current.model });
  }
}
