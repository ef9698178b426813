// Which source the views use: opened trail logs or the LookupEvents API. Switching sets the services'
// provider (the Events view reloads on onDidChangeEventSource), the status bar and a context key.
import * as vscode from 'vscode';
import type { ArchiveEventSource } from '../archive/archiveEventSource';
import type { TrailEventSource } from '../core/query';
import { ContextKeys, setContext } from '../host/contextKeys';
import type { ComponentLogger } from '../host/logger';
import type { EventSourceProvider, Services } from '../host/services';
import type { ViewsHandle } from '../views/registerViews';
import { archiveShortLabel, archiveWindow } from './archiveWindow';
import { CommandIds } from './commandIds';

/** The trail logs the views show. */
export interface ActiveArchive {
  readonly source: ArchiveEventSource;
  readonly paths: readonly string[];
  /** `logs/ (1,204 files)`. */
  readonly label: string;
  /** Scan and index time when it was opened. */
  readonly openMs: number;
}

/**
 * The archive as every command sees it through `services.getEventSource()`: the same queries, plus
 * the window that covers its files (its events may be years old, beyond "the last 24 hours").
 */
export function archiveSourceForViews(source: ArchiveEventSource, now: () => number = Date.now): TrailEventSource {
  return {
    kind: 'archive',
    label: source.label,
    query: (query, options) => source.query(query, options),
    defaultWindow: () => archiveWindow(source.files, now()),
  };
}

export class ArchiveSession {
  private current: ActiveArchive | undefined;

  constructor(
    private readonly services: Services,
    private readonly views: ViewsHandle,
    private readonly apiProvider: EventSourceProvider,
    private readonly log: ComponentLogger,
  ) {}

  get active(): ActiveArchive | undefined {
    return this.current;
  }

  /** Makes `source` the active source and shows it in the Events view. */
  async use(source: ArchiveEventSource, paths: readonly string[], openMs: number): Promise<void> {
    const label = archiveShortLabel(paths, source.files.length);
    this.current = { source, paths, label, openMs };
    const forViews = archiveSourceForViews(source);
    this.services.setEventSourceProvider(() => Promise.resolve(forViews));
    this.log.info(`trail logs are the source: ${source.label}`);
    await setContext(ContextKeys.archiveActive, true);
    const events = source.stats().events;
    await this.views.statusBar.showArchive({
      label,
      detail: `${paths.join(', ')}\n\n${events.toLocaleString('en-US')} events in ${source.files.length.toLocaleString('en-US')} files, ${source.digests.length} digest files`,
    });
    await this.showInView();
  }

  /** Switches the views back to the LookupEvents API for the current profile and regions. */
  async backToAws(): Promise<void> {
    if (!this.current) return;
    this.log.info(`back to AWS event history (closed ${this.current.source.label})`);
    this.current = undefined;
    this.services.setEventSourceProvider(this.apiProvider);
    await setContext(ContextKeys.archiveActive, false);
    await this.views.statusBar.showArchive(undefined);
  }

  private async showInView(): Promise<void> {
    await vscode.commands.executeCommand('cloudtrailInvestigator.events.focus');
    // A view that never loaded waits for credentials checks; Refresh loads it from the new source now.
    // One that did load reloads by itself on the source change.
    if (this.views.events.state === 'idle') await vscode.commands.executeCommand(CommandIds.eventsRefresh);
  }
}
