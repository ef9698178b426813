// Wires the event panel into the extension: its commands, the raw-JSON document provider, the panel
// serializer, and the small surface integration tests use.
import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { TrailEvent } from '../core/model';
import { registerCommand } from '../host/registerCommand';
import type { Services } from '../host/services';
import { EventDetailsPanel, RUN_LOOKUP_COMMAND, type EventPanelDeps } from './eventPanel';
import { EventDetailsSerializer } from './eventPanelSerializer';
import type { DocLinkResolver } from './eventView';
import { KnownEvents } from './knownEvents';
import { EVENT_PANEL_VIEW_TYPE } from './protocol';
import { compareEvents, openRawEventJson, RAW_EVENT_SCHEME, RawEventDocumentProvider } from './rawJsonDocument';
import { eventFromArgument } from './storedEvent';
import { normalizeRecord } from '../core/event';
import { loadApiDocIndex } from '../data/loadApiDocs';

/** What the rest of the extension (and the TestApi) can do with event panels. */
export interface EventPanels {
  /** Opens or reveals the panel of an event. */
  show(event: TrailEvent): void;
  /** Ids of the events whose panels are open. */
  openEventIds(): string[];
  /** True when the event's panel is open and its webview has asked for the event. */
  isReady(eventId: string): boolean;
  /** Remembers an event for "Compare with…" without opening it. */
  remember(event: TrailEvent): void;
  /** Normalizes a raw CloudTrail record and opens its panel; returns the event id (tests feed hostile records through this). */
  showRecord(record: unknown): string;
  /** The URLs the panels opened in the browser (after the link policy), most recent last. */
  linksOpened(): readonly string[];
}

const NO_EVENT = 'Select an event in the CloudTrail view first.';

/** Registers everything; disposables go to `services.context.subscriptions`. */
export function registerEventPanel(services: Services): EventPanels {
  const context = services.context;
  const getDocs = (): Promise<DocLinkResolver | undefined> => loadApiDocIndex(context.extensionPath);
  const linksOpened: string[] = [];
  const log = services.log('EventPanel');
  const known = new KnownEvents();
  const showLogs = (): void => {
    services.logger.show();
  };
  const deps: EventPanelDeps = {
    extensionUri: context.extensionUri,
    log,
    getDocs,
    openRawJson: (event) => openRawEventJson(known, event),
    compareWith: (event) => compareEvents(known, event),
    remember: (event) => {
      known.add(event);
    },
    openExternal: (url) => {
      linksOpened.push(url);
      linksOpened.splice(0, Math.max(0, linksOpened.length - 20));
      log.info(`opening ${url}`);
      return vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    runLookup: (args) => vscode.commands.executeCommand(RUN_LOOKUP_COMMAND, args),
    now: () => Date.now(),
  };

  // From a tree item or another area's argument; from the editor title bar or palette, the active panel's event.
  const requireEvent = (arg: unknown): TrailEvent => {
    const event = eventFromArgument(arg) ?? EventDetailsPanel.active()?.event;
    if (!event) throw new Error(NO_EVENT);
    return event;
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RAW_EVENT_SCHEME, new RawEventDocumentProvider(known)),
    vscode.window.registerWebviewPanelSerializer(EVENT_PANEL_VIEW_TYPE, new EventDetailsSerializer(deps)),
    registerCommand(
      CommandIds.showEventDetails,
      (arg: unknown) => {
        EventDetailsPanel.createOrShow(deps, requireEvent(arg));
      },
      { log, showLogs },
    ),
    registerCommand(CommandIds.openRawEventJson, (arg: unknown) => openRawEventJson(known, requireEvent(arg)), { log, showLogs }),
    registerCommand(CommandIds.compareEvents, (arg: unknown, other: unknown) => compareEvents(known, requireEvent(arg), eventFromArgument(other)), { log, showLogs }),
  );

  return {
    show: (event) => {
      EventDetailsPanel.createOrShow(deps, event);
    },
    openEventIds: () => [...EventDetailsPanel.panels.keys()],
    isReady: (eventId) => EventDetailsPanel.panels.get(eventId)?.isReady ?? false,
    remember: (event) => {
      known.add(event);
    },
    showRecord: (record) => {
      const result = normalizeRecord(record);
      if (!result.ok) throw new Error(result.error.error);
      EventDetailsPanel.createOrShow(deps, result.event);
      return result.event.id;
    },
    linksOpened: () => [...linksOpened],
  };
}
