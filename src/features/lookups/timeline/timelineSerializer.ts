// Restores the timeline panel after a window reload from the state its client saved with setState.
import type * as vscode from 'vscode';
import type { ComponentLogger } from '../../../host/logger';
import { parseTimelineState } from './protocol';
import type { TimelinePanel } from './timelinePanel';

export class TimelineSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly timeline: TimelinePanel,
    private readonly log: ComponentLogger,
  ) {}

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const stored = parseTimelineState(state);
    if (!stored) {
      // Nothing usable to show (older version, or a panel closed before it ever rendered).
      this.log.info('dropped a timeline panel without usable saved state');
      panel.dispose();
      return Promise.resolve();
    }
    this.timeline.revive(panel, stored.model);
    return Promise.resolve();
  }
}
