import * as path from 'node:path';

/** The repository root; these scripts run compiled from out/tools/vscode/. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The folder under which code-server is installed once and reused (ignored by git), one sub-folder per
 * code-server version and Node major (codeServerInstallDir()). CODE_SERVER_CACHE moves it, e.g. out of
 * a CI clone so the next clone reuses it.
 */
export const codeServerCacheRoot = process.env.CODE_SERVER_CACHE ?? path.join(repoRoot, '.cache');

/** Per-run scratch folders (HOME, TMPDIR, user data, extensions) live here. */
export const runsDir = path.join(repoRoot, '.cache', 'runs');

/** The workspace the integration tests, e2e tests and the demo open. */
export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');

/** Test artefacts (screenshots) for CI to keep. */
export const testResultsDir = path.join(repoRoot, 'test-results');
