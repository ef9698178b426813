// Restores event panels after a window reload from the state the client saved with setState.
import * as vscode from 'vscode';
import { EventDetailsPanel, type EventPanelDeps } from './eventPanel';
import { parsePanelState } from './protocol';
import { asTrailEvent } from '../../host/eventArgument';

export class EventDetailsSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly deps: EventPanelDeps) {}

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const stored = parsePanelState(state);
    const event = stored ? asTrailEvent(stored.event) : undefined;
    if (!stored || event?.id !== stored.eventId) {
      // Nothing usable to show (older version, or a panel closed before it ever rendered).
      this.deps.log.info('dropped an event panel without usable saved state');
      panel.dispose();
      return Promise.resolve();
    }
    EventDetailsPanel.revive(this.deps, panel, event, stored.clipped === true);
    return Promise.resolve();
  }
}
