/**
 * The test-only surface of the extension. `activate()` returns it only when the extension host runs
 * with CLOUDTRAIL_INVESTIGATOR_TEST=1, so integration tests (compiled to out/, while the extension runs
 * from the dist/ bundle) reach the live instances instead of importing a second copy of the modules.
 *
 * It is read-only: getters, events and waits. Tests act the way a user does (commands, settings,
 * prompts answered by stubbing `vscode.window` in the extension host) and observe here or through
 * the VS Code API; production code never branches on anything a test sets. Each feature implements
 * its part (types from host and core only) and returns it from its register function; extension.ts
 * assembles them. Keep each member small and documented.
 */
import type * as vscode from 'vscode';
import type { TimelineModel } from '../core/timelineModel';
import type { HistoryEntry } from './queryHistory';
import type { TreeNode } from './tree/treeNodes';

/** The environment variable that turns on test mode. */
export const TEST_MODE_ENV = 'CLOUDTRAIL_INVESTIGATOR_TEST';

/** A tree view's provider, to read items the way the workbench does (getChildren, getTreeItem, resolveTreeItem). */
export type TreeProvider = vscode.TreeDataProvider<TreeNode> & { readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined> };

/** The Events view (`api.events`). */
export interface EventsTestApi {
  readonly tree: TreeProvider;
  /** Events held by the view (before the filter box). */
  eventCount(): number;
  /** Resolves once no load, refresh or "load more" runs and no settings-triggered reload is pending. */
  whenIdle(): Promise<void>;
}

/** The Results view (`api.results`). */
export interface ResultsTestApi {
  readonly tree: TreeProvider;
  /** The result sets, newest first. */
  sets(): readonly { readonly id: string; readonly title: string; readonly events: number }[];
}

/** The results timeline panel (`api.timeline`). */
export interface TimelineTestApi {
  /** The model the panel shows, if it was opened. */
  model(): TimelineModel | undefined;
  /** True while the panel is open and its webview has asked for the model. */
  isReady(): boolean;
  /** Fires when the panel shows another model, becomes ready or closes. */
  readonly onDidChange: vscode.Event<void>;
}

/** The event panels (`api.eventPanel`). */
export interface EventPanelsTestApi {
  /** Ids of the events whose panels are open. */
  openEventIds(): string[];
  /** True when the event's panel is open and its webview has asked for the event. */
  isReady(eventId: string): boolean;
  /** The notes and (possibly shortened) record the event's panel last sent to its webview. */
  shown(eventId: string): { readonly notes: readonly string[]; readonly raw: unknown } | undefined;
}

/** The opened trail logs (`api.archive`). */
export interface ArchiveTestApi {
  /** The open trail logs, or undefined while the LookupEvents API is the source. */
  active(): { readonly label: string; readonly files: number; readonly digests: number; readonly events: number; readonly problems: readonly { readonly path: string; readonly message: string }[]; readonly openMs: number; /** Files per integrity status after the last validation (empty before one). */ readonly integrity: Readonly<Record<string, number>> } | undefined;
}

/** Athena as the source (`api.athena`, features/athena). */
export interface AthenaTestApi {
  /** The connected table, or undefined while Athena is not the source. */
  active(): { readonly label: string; readonly workGroup: string; readonly database: string; readonly table: string } | undefined;
  /** The Athena status-bar item while shown. */
  statusBar(): { readonly text: string; readonly tooltip: string; readonly command?: string } | undefined;
  /** What the last Athena statement did. */
  lastRun(): { readonly queryExecutionId: string; readonly state: string; readonly scannedBytes: number; readonly estimate?: string; readonly cost?: string; readonly sql?: string; readonly cancelled: boolean } | undefined;
  /** Athena statements in flight. */
  running(): number;
}

/** What integration tests can read inside the running extension. */
export interface TestApi {
  /** Bumped when a member changes incompatibly. */
  readonly apiVersion: 2;
  /** How long activate() took, in milliseconds (reported by the integration tier). */
  readonly activationMs: number;
  readonly events: EventsTestApi;
  readonly results: ResultsTestApi;
  readonly timeline: TimelineTestApi;
  readonly eventPanel: EventPanelsTestApi;
  readonly archive: ArchiveTestApi;
  readonly athena: AthenaTestApi;
  /** The remembered queries ("Re-run a recent query"), newest first. */
  history(): readonly HistoryEntry[];
  /** Whether "Who Changed This Resource?" is offered at the active editor's selection. */
  arnAtCursor(): boolean;
  /** The status bar's text once it reflects the current settings. */
  statusBarText(): Promise<string>;
}

/** The parts of the running extension that the TestApi exposes (everything but the version). */
export type TestApiParts = Omit<TestApi, 'apiVersion'>;

/** True when the extension host was started for tests. */
export function isTestMode(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[TEST_MODE_ENV] === '1';
}

/** Builds the TestApi from the live parts of the extension. */
export function createTestApi(parts: TestApiParts): TestApi {
  return { apiVersion: 2, ...parts };
}
