// One webview panel per event: created or re-revealed by event id, fed by message after the client's
// `ready`, restored after a reload by the serializer (no retainContextWhenHidden: the client keeps its
// state with setState and the host re-sends the view whenever the webview loads again).
import * as vscode from 'vscode';
import type { TrailEvent } from '../core/model';
import type { ComponentLogger } from '../host/logger';
import { buildEventView, panelTitle, type DocLinkResolver } from './eventView';
import { createNonce, renderEventDetailsHtml } from './html';
import { checkExternalUrl } from './linkPolicy';
import { EVENT_PANEL_VIEW_TYPE, PANEL_STATE_VERSION, parseWebviewMessage, type HostToWebview, type WebviewToHost } from './protocol';
import { buildRelatedLookups, type RunLookupArgs } from './relatedLookups';

/** Internal command of the palette lookups that runs a query and shows it in the Results view. */
export const RUN_LOOKUP_COMMAND = '_cloudtrailInvestigator.runLookup';

/** What the panels need from the rest of the extension. */
export interface EventPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: ComponentLogger;
  /** The documentation link resolver (loaded lazily on first use); undefined when unavailable. */
  getDocs(): Promise<DocLinkResolver | undefined>;
  openRawJson(event: TrailEvent): Promise<unknown>;
  compareWith(event: TrailEvent): Promise<unknown>;
  /** Called with every event a panel shows (so "Open as JSON" and "Compare with…" know it). */
  remember(event: TrailEvent): void;
  /** Opens a URL that passed the link policy. */
  openExternal(url: string): Thenable<boolean>;
  runLookup(args: RunLookupArgs): Thenable<unknown>;
  now(): number;
}

/** Webview options for event panels; also re-applied to restored panels. */
export function eventPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media', 'webview')],
  };
}

export class EventDetailsPanel implements vscode.Disposable {
  /** Open panels by event id. */
  static readonly panels = new Map<string, EventDetailsPanel>();

  /** Reveals the event's panel if it is open, else opens one. */
  static createOrShow(deps: EventPanelDeps, event: TrailEvent, column: vscode.ViewColumn = vscode.ViewColumn.Active): EventDetailsPanel {
    const existing = EventDetailsPanel.panels.get(event.id);
    if (existing) {
      existing.panel.reveal(column);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(EVENT_PANEL_VIEW_TYPE, panelTitle(event), column, eventPanelOptions(deps.extensionUri));
    return new EventDetailsPanel(panel, event, deps);
  }

  /** The panel the user is looking at, if it is an event panel. */
  static active(): EventDetailsPanel | undefined {
    return [...EventDetailsPanel.panels.values()].find((p) => p.panel.active);
  }

  /** Adopts a panel VS Code restored after a reload. */
  static revive(deps: EventPanelDeps, panel: vscode.WebviewPanel, event: TrailEvent): EventDetailsPanel {
    const existing = EventDetailsPanel.panels.get(event.id);
    if (existing) {
      // Two restored panels for one event (possible with several windows' state): keep one.
      panel.dispose();
      return existing;
    }
    panel.webview.options = eventPanelOptions(deps.extensionUri);
    return new EventDetailsPanel(panel, event, deps);
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly log: ComponentLogger;
  /** Messages posted before the client is ready would be dropped; the client says when it listens. */
  private ready = false;
  private disposed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    readonly event: TrailEvent,
    private readonly deps: EventPanelDeps,
  ) {
    this.log = deps.log;
    EventDetailsPanel.panels.set(event.id, this);
    deps.remember(event);
    panel.title = panelTitle(event);
    this.register(panel.onDidDispose(() => {
      this.dispose();
    }));
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => {
      void this.onMessage(message);
    }));
    panel.webview.html = this.html();
    this.log.debug(`opened ${event.name} ${event.id}`);
  }

  /** True once the client has asked for the event at least once since it last loaded. */
  get isReady(): boolean {
    return this.ready;
  }

  private register(disposable: vscode.Disposable): void {
    this.disposables.push(disposable);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...segments)).toString();
    return renderEventDetailsHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'webview', 'eventDetails.js'),
      styleUris: [asUri('dist', 'webview', 'codicon.css'), asUri('media', 'webview', 'eventDetails.css')],
    });
  }

  private async postView(): Promise<void> {
    const docs = await this.deps.getDocs().catch((err: unknown) => {
      this.log.warn(`documentation links unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    const view = buildEventView(this.event, { now: this.deps.now(), related: buildRelatedLookups(this.event), ...(docs ? { docs } : {}) });
    const message: HostToWebview = { type: 'showEvent', view, state: { version: PANEL_STATE_VERSION, eventId: this.event.id, event: this.event } };
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('ignored a malformed message from the event panel');
      return;
    }
    try {
      await this.handle(message);
    } catch (err) {
      this.log.error(`${message.type} failed`, err);
      void vscode.window.showErrorMessage(`CloudTrail: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.postView();
        return;
      case 'openLink': {
        const check = checkExternalUrl(message.url);
        if (!check.ok) {
          this.log.warn(`blocked a link from the event panel: ${check.reason}`);
          void vscode.window.showWarningMessage(`CloudTrail: the link was not opened (${check.reason}).`);
          return;
        }
        await this.deps.openExternal(check.url);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('$(check) Copied', 2000);
        return;
      case 'openRawJson':
        await this.deps.openRawJson(this.event);
        return;
      case 'compareWith':
        await this.deps.compareWith(this.event);
        return;
      case 'relatedLookup': {
        const lookup = buildRelatedLookups(this.event).find((l) => l.id === message.id);
        if (!lookup) {
          this.log.warn(`unknown related lookup ${message.id}`);
          return;
        }
        await this.deps.runLookup(lookup.args);
        return;
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (EventDetailsPanel.panels.get(this.event.id) === this) EventDetailsPanel.panels.delete(this.event.id);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
