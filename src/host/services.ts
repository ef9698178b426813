import * as vscode from 'vscode';
import type { TrailEvent } from '../core/model';
import type { TrailEventSource } from '../core/query';
import { Logger, type ComponentLogger } from './logger';
import type { Prompter } from './prompter';
import type { QueryHistory } from './queryHistory';
import type { TreeState } from './tree/treeState';

/** Builds the event source for the current profile, regions and endpoint settings. */
export type EventSourceProvider = () => Promise<TrailEventSource>;

/** How the status bar names a source other than the LookupEvents API (opened trail logs). */
export interface SourceBadge {
  /** `logs/ (1,204 files)`. */
  readonly label: string;
  /** The tooltip's body: paths and counts. */
  readonly detail: string;
}

/**
 * What every feature receives: built once in `activate()` and passed explicitly (no globals).
 * Building it does no network or credential work. Shared state of two or more features lives here;
 * a feature never imports another feature.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  log(tag: string): ComponentLogger;
  /** The active event source (the LookupEvents API for the chosen profile and regions, or opened trail files). */
  getEventSource(): Promise<TrailEventSource>;
  /** Makes another source active (opened trail logs); `badge` is what the status bar shows for it. */
  setEventSourceProvider(provider: EventSourceProvider, badge?: SourceBadge): void;
  /** Makes the LookupEvents API (the one default provider, with its credential cache) active again. */
  useApiSource(): void;
  /** Set while a source other than the API is active. */
  readonly sourceBadge: SourceBadge | undefined;
  /** Fires when the active source changes (profile, regions, endpoint, or an opened archive). */
  readonly onDidChangeEventSource: vscode.Event<void>;
  /** Quick picks and input boxes, behind one seam. */
  readonly prompter: Prompter;
  /** The remembered queries ("Re-run a recent query"). */
  readonly history: QueryHistory;
  /** The filter box, errors-only toggle and group page sizes shared by the Events and Results trees. */
  readonly trees: TreeState;
  /** Every event loaded anywhere (Events view, result sets): the "seen" values lookups suggest. */
  readonly loadedEvents: LoadedEvents;
  now(): number;
}

/** Features register where their events are held; lookups read them all for suggestions. */
export class LoadedEvents {
  private readonly holders: (() => Iterable<TrailEvent>)[] = [];

  register(holder: () => Iterable<TrailEvent>): void {
    this.holders.push(holder);
  }

  all(): TrailEvent[] {
    return this.holders.flatMap((holder) => [...holder()]);
  }
}

/** The parts of Services that activate() builds before the features (everything but the logger and source). */
export interface ServiceParts {
  readonly apiSource: EventSourceProvider;
  readonly prompter: Prompter;
  readonly history: QueryHistory;
  readonly trees: TreeState;
}

export function createServices(context: vscode.ExtensionContext, parts: ServiceParts): Services {
  const logger = new Logger();
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(logger, changed, parts.trees);
  let provider = parts.apiSource;
  let badge: SourceBadge | undefined;
  return {
    context,
    logger,
    log: (tag) => logger.component(tag),
    getEventSource: () => provider(),
    setEventSourceProvider(next, nextBadge) {
      provider = next;
      badge = nextBadge;
      changed.fire();
    },
    useApiSource() {
      provider = parts.apiSource;
      badge = undefined;
      changed.fire();
    },
    get sourceBadge() {
      return badge;
    },
    onDidChangeEventSource: changed.event,
    prompter: parts.prompter,
    history: parts.history,
    trees: parts.trees,
    loadedEvents: new LoadedEvents(),
    now: () => Date.now(),
  };
}
