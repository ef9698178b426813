// Which source the views use: opened trail logs or the LookupEvents API. Switching sets the services'
// provider and badge (the Events view reloads and the status bar changes on onDidChangeEventSource)
// and a context key.
import * as vscode from 'vscode';
import type { ArchiveEventSource } from '../../archive/archiveEventSource';
import { archiveShortLabel, archiveWindow } from '../../archive/archiveWindow';
import type { TrailEventSource } from '../../core/query';
import { ContextKeys, setContext } from '../../host/contextKeys';
import type { ComponentLogger } from '../../host/logger';
import type { Services } from '../../host/services';
import { ViewIds } from '../../host/viewIds';

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
    integrity: () => source.integrity(),
  };
}

export class ArchiveSession {
  private current: ActiveArchive | undefined;

  constructor(
    private readonly services: Services,
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
    const events = source.stats().events;
    const detail = `${paths.join(', ')}\n\n${events.toLocaleString('en-US')} events in ${source.files.length.toLocaleString('en-US')} files, ${source.digests.length} digest files`;
    this.services.setEventSourceProvider(() => Promise.resolve(forViews), { label, detail });
    this.log.info(`trail logs are the source: ${source.label}`);
    await setContext(ContextKeys.archiveActive, true);
    await vscode.commands.executeCommand(`${ViewIds.events}.focus`);
  }

  /** Tells the views the source changed (after a validation: its events' integrity marks did). */
  refresh(): void {
    const current = this.current;
    if (!current) return;
    const forViews = archiveSourceForViews(current.source);
    this.services.setEventSourceProvider(() => Promise.resolve(forViews), this.services.sourceBadge);
  }

  /** Switches the views back to the LookupEvents API for the current profile and regions. */
  async backToAws(): Promise<void> {
    // A trail bucket (features/bucket) sets a badge too: going back closes either.
    if (!this.current && this.services.sourceBadge === undefined) return;
    this.log.info(`back to AWS event history (closed ${this.current?.source.label ?? this.services.sourceBadge?.label ?? ''})`);
    this.current = undefined;
    this.services.useApiSource();
    await setContext(ContextKeys.archiveActive, false);
  }
}
