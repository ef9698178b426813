import * as vscode from 'vscode';
import type { TrailEventSource } from '../core/query';
import { Logger, type ComponentLogger } from './logger';

/** Builds the event source for the current profile, regions and endpoint settings. */
export type EventSourceProvider = () => Promise<TrailEventSource>;

/**
 * What every VS Code layer receives: built once in `activate()` and passed explicitly (no globals).
 * Building it does no network or credential work.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  log(tag: string): ComponentLogger;
  /** The active event source (the LookupEvents API for the chosen profile and regions, or opened trail files). */
  getEventSource(): Promise<TrailEventSource>;
  /** Replaces how the active source is built (trail archives, tests). */
  setEventSourceProvider(provider: EventSourceProvider): void;
  /** Fires when the active source changes (profile, regions, endpoint, or an opened archive). */
  readonly onDidChangeEventSource: vscode.Event<void>;
  fireEventSourceChanged(): void;
}

export function createServices(context: vscode.ExtensionContext, defaultProvider: EventSourceProvider): Services {
  const logger = new Logger();
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(logger, changed);
  let provider = defaultProvider;
  return {
    context,
    logger,
    log: (tag) => logger.component(tag),
    getEventSource: () => provider(),
    setEventSourceProvider(next) {
      provider = next;
      changed.fire();
    },
    onDidChangeEventSource: changed.event,
    fireEventSourceChanged: () => {
      changed.fire();
    },
  };
}
