// Wires the event panel into the extension: its commands, the raw-JSON document provider, the panel
// serializer, and the small surface integration tests use.
import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import type { TrailEvent } from '../../core/model';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import type { EventPanelsTestApi } from '../../host/testApi';
import { EventDetailsPanel, type EventPanelDeps } from './eventPanel';
import { EventDetailsSerializer } from './eventPanelSerializer';
import type { DocLinkResolver } from './eventView';
import { KnownEvents } from './knownEvents';
import { EVENT_PANEL_VIEW_TYPE } from './protocol';
import { compareEvents, openRawEventJson, RAW_EVENT_SCHEME, RawEventDocumentProvider } from './rawJsonDocument';
import { eventFromArgument } from '../../host/eventArgument';
import { loadApiDocIndex } from '../../data/loadApiDocs';
import { resolveHumans } from '../../core/humanIndex';
import type { IntegrityIndex } from '../../core/provenance';

const NO_EVENT = 'Select an event in the CloudTrail view first.';

/** Trail-log sources keep the last integrity validation's verdicts. */
function hasIntegrity(source: object): source is { integrity(): IntegrityIndex | undefined } {
  return 'integrity' in source && typeof source.integrity === 'function';
}

/** Registers everything; disposables go to `services.context.subscriptions`. */
export function registerEventPanel(services: Services): EventPanelsTestApi {
  const context = services.context;
  const getDocs = (): Promise<DocLinkResolver | undefined> => loadApiDocIndex(context.extensionPath);
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
      log.info(`opening ${url}`);
      return vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    runLookup: (args) => vscode.commands.executeCommand(CommandIds.runLookup, args),
    viewContext: async () => {
      const source = await services.getEventSource();
      const integrity = hasIntegrity(source) ? source.integrity() : undefined;
      return { humans: resolveHumans(services.loadedEvents.all()), sourceKind: source.kind, ...(integrity ? { integrity } : {}) };
    },
    now: () => Date.now(),
    activeSource: () => services.getEventSource(),
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
    openEventIds: () => [...EventDetailsPanel.panels.keys()],
    isReady: (eventId) => EventDetailsPanel.panels.get(eventId)?.isReady ?? false,
    shown: (eventId) => EventDetailsPanel.panels.get(eventId)?.shownView,
  };
}
