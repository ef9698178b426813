/**
 * The test-only surface of the extension. `activate()` returns it only when the extension host runs
 * with CLOUDTRAIL_INVESTIGATOR_TEST=1, so integration tests (compiled to out/, while the extension runs
 * from the dist/ bundle) reach the live instances instead of importing a second copy of the modules.
 * Areas add members here as they land; keep each one small and documented.
 */
import type { ArchiveTestApi } from './commands/registerArchiveCommands';
import type { LookupsTestApi } from './commands/lookupsTestApi';
import type { ViewsTestApi } from './views/viewsTestApi';
import type { EventPanels } from './webview/registerEventPanel';

/** The environment variable that turns on test mode. */
export const TEST_MODE_ENV = 'CLOUDTRAIL_INVESTIGATOR_TEST';

/** What integration tests can reach inside the running extension. */
export interface TestApi {
  /** Bumped when a member changes incompatibly. */
  readonly apiVersion: 1;
  /** How long activate() took, in milliseconds (reported by the integration tier). */
  readonly activationMs: number;
  /** The Events and Results views, the status bar and their prompts (src/views). */
  readonly views?: ViewsTestApi;
  /** Event detail panels: open ones, readiness, open a panel for a raw record, links opened (src/webview). */
  readonly eventPanel?: EventPanels;
  /** Palette lookups, investigations, export and "Who changed this?" (src/commands, src/editor). */
  readonly lookups?: LookupsTestApi;
  /** Opened trail logs, their problems and the last report document (src/commands/registerArchiveCommands.ts). */
  readonly archive?: ArchiveTestApi;
}

/** The parts of the running extension that the TestApi exposes (everything but the version). */
export type TestApiParts = Omit<TestApi, 'apiVersion'>;

/** True when the extension host was started for tests. */
export function isTestMode(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[TEST_MODE_ENV] === '1';
}

/** Builds the TestApi from the live parts of the extension. */
export function createTestApi(parts: TestApiParts): TestApi {
  return { apiVersion: 1, ...parts };
}
