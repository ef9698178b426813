// One webview panel per event: created or re-revealed by event id, fed by message after the client's
// `ready`, restored after a reload by the serializer (no retainContextWhenHidden: the client keeps its
// state with setState and the host re-sends the view whenever the webview loads again).
import * as vscode from 'vscode';
import type { TrailEvent } from '../../core/model';
import type { ComponentLogger } from '../../host/logger';
import { buildEventView, panelTitle, type DocLinkResolver, type EventViewContext } from './eventView';
import { createNonce } from '../../host/webview/html';
import { renderEventDetailsHtml } from './eventPanelHtml';
import { checkExternalUrl } from '../../core/linkPolicy';
import { EVENT_PANEL_VIEW_TYPE, PANEL_STATE_VERSION, parseWebviewMessage, type HostToWebview, type PanelState, type WebviewToHost } from './protocol';
import { buildRelatedLookups, type RunLookupArgs } from '../../core/relatedLookups';
import { clipRecord, fullValueText, stateEvent } from './recordClip';
import { safeMessage } from '../../core/safeText';
import { FullRecordFetch, type FullRecordSource } from './fullRecord';

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
  /** Role chains, integrity verdicts and the active source's kind, for the panel's Human and Source rows. */
  viewContext(): Promise<Pick<EventViewContext, 'humans' | 'integrity' | 'sourceKind'>>;
  now(): number;
  /** The active source, asked for the whole record when the panel shows a summary (Athena rows). */
  activeSource?(): Promise<FullRecordSource>;
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
  static revive(deps: EventPanelDeps, panel: vscode.WebviewPanel, event: TrailEvent, restoredClipped = false): EventDetailsPanel {
    const existing = EventDetailsPanel.panels.get(event.id);
    if (existing) {
      // Two restored panels for one event (possible with several windows' state): keep one.
      panel.dispose();
      return existing;
    }
    panel.webview.options = eventPanelOptions(deps.extensionUri);
    return new EventDetailsPanel(panel, event, deps, restoredClipped);
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly log: ComponentLogger;
  /** Messages posted before the client is ready would be dropped; the client says when it listens. */
  private ready = false;
  private disposed = false;
  private readonly fullRecord = new FullRecordFetch();
  private shown: { readonly notes: readonly string[]; readonly raw: unknown } | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private current: TrailEvent,
    private readonly deps: EventPanelDeps,
    /** Restored after a reload from a saved state whose record was shortened. */
    private readonly restoredClipped = false,
  ) {
    this.log = deps.log;
    const event = current;
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

  /** The event shown: the summary it was opened with, or its whole record once the source gave it. */
  get event(): TrailEvent {
    return this.current;
  }

  /** The notes and record the panel last sent to its webview. */
  get shownView(): { readonly notes: readonly string[]; readonly raw: unknown } | undefined {
    return this.shown;
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
    // A huge or deeply nested record is shortened before it crosses postMessage, for the view and for the saved state.
    const record = clipRecord(this.event.raw);
    const clipped = record.clipped || this.restoredClipped;
    const extra = await this.deps.viewContext().catch((err: unknown) => {
      this.log.warn(`provenance and humans unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return {};
    });
    const view = buildEventView(this.event, { ...extra, now: this.deps.now(), related: buildRelatedLookups(this.event), record, restoredClipped: this.restoredClipped, ...(docs ? { docs } : {}) });
    const state: PanelState = { version: PANEL_STATE_VERSION, eventId: this.event.id, event: stateEvent(this.event, record), ...(clipped ? { clipped: true } : {}) };
    const notes = [...view.notes, ...this.fullRecord.notes()];
    this.shown = { notes, raw: view.raw };
    const message: HostToWebview = { type: 'showEvent', view: { ...view, notes }, state };
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
      void vscode.window.showErrorMessage(safeMessage`CloudTrail: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.postView();
        void this.completeRecord();
        return;
      case 'openLink': {
        const check = checkExternalUrl(message.url);
        if (!check.ok) {
          this.log.warn(`blocked a link from the event panel: ${check.reason}`);
          void vscode.window.showWarningMessage(safeMessage`CloudTrail: the link was not opened (${check.reason}).`);
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
      case 'showAll': {
        const text = fullValueText(this.event.raw, message.path);
        if (text === undefined) {
          this.log.warn('the event panel asked for a value the record does not have');
          return;
        }
        const reply: HostToWebview = { type: 'fullValue', path: message.path, text };
        if (!this.disposed) await this.panel.webview.postMessage(reply);
        return;
      }
      case 'copyValue': {
        const text = fullValueText(this.event.raw, message.path);
        if (text === undefined) return;
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage('$(check) Copied', 2000);
        return;
      }
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

  /** Replaces a summary with its whole record when the active source has it (see fullRecord.ts). */
  private async completeRecord(): Promise<void> {
    try {
      const source = await this.deps.activeSource?.();
      const outcome = await this.fullRecord.run(source, this.current, () => this.postView());
      if (!outcome || this.disposed) return;
      if (outcome.event) {
        this.current = outcome.event;
        this.deps.remember(outcome.event);
      }
      await this.postView();
    } catch (err) {
      this.log.error('loading the whole record failed', err);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.fullRecord.dispose();
    if (EventDetailsPanel.panels.get(this.event.id) === this) EventDetailsPanel.panels.delete(this.event.id);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
