import * as path from 'node:path';

/** The repository root; these scripts run compiled from out/tools/vscode/. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Where code-server is installed once and reused (ignored by git). Overridable for CI caches. */
export const codeServerCacheDir = process.env.CODE_SERVER_CACHE ?? path.join(repoRoot, '.cache', 'code-server');

/** Per-run scratch folders (HOME, TMPDIR, user data, extensions) live here. */
export const runsDir = path.join(repoRoot, '.cache', 'runs');

/** The workspace the integration tests, e2e tests and the demo open. */
export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');

/** Test artefacts (screenshots) for CI to keep. */
export const testResultsDir = path.join(repoRoot, 'test-results');
