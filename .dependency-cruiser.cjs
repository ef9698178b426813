// The rings and the feature rule, checked on resolved paths (tsconfig resolution) by
// dependency-cruiser: `npm run lint:deps` (part of `npm run lint`, so CI fails on a violation).
//
//   extension.ts ──> features/<feature>/ ──> host/ ──> aws/ archive/ data/ terraform/ ──> core/
//   cli.ts ──> cli/ ──────────────────────────────────> aws/ archive/ data/ ──> core/
//   features/<feature>/client/ (webview, browser) ──> its own client/, its feature's protocol.ts, core/
//   tools/ (tests, bench, demo only) may use src/core, aws, archive, data; src/ never imports tools/.
//
// Every rule names what a folder may NOT reach, so a new folder under src/ is covered by the
// `src-folders-are-known` rule until it is given a ring here.
/** The `vscode` module: resolved through its type package, or left as the bare name. */
const VSCODE = '^(vscode$|node_modules/@types/vscode/)';

/** DOM helpers every webview client may use. */
const CLIENT_HELPERS = '^src/host/webview/client/';

/** The rule for the clients under `src/features/<folders>/client/`; `folders` captures, `back` refers back. */
function clientRule(name, folders, back) {
  return {
    name,
    severity: 'error',
    from: { path: `^src/features/${folders}/client/` },
    to: { pathNot: [`^src/features/${back}/client/`, `^src/features/${back}/protocol\\.ts$`, CLIENT_HELPERS, '^src/core/'] },
  };
}

/** Every module of src/ sits in one of these. */
const KNOWN = ['^src/(core|aws|archive|data|terraform|cli|host|features/[^/]+)/', '^src/(extension|cli)\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'src-folders-are-known',
      comment: 'Every module under src/ belongs to a ring below; add a new folder to this file first.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: KNOWN },
    },
    {
      name: 'src-folders-are-known-from',
      severity: 'error',
      from: { path: '^src/', pathNot: KNOWN },
      to: {},
    },
    {
      name: 'core-is-pure',
      comment: 'core imports only core: no vscode, no SDK, no node I/O, no other ring.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'io-rings-import-only-core',
      comment: 'aws, archive, data and terraform (no vscode) import core, themselves and libraries; never another ring.',
      severity: 'error',
      from: { path: '^src/(aws|archive|data|terraform)/' },
      to: { path: ['^src/', VSCODE], pathNot: ['^src/core/', '^src/$1/'] },
    },
    {
      name: 'cli-is-headless',
      comment: 'The CLI drives core and the I/O rings without VS Code, and never bundles a test tool.',
      severity: 'error',
      from: { path: ['^src/cli/', '^src/cli\\.ts$'] },
      to: { path: ['^src/(host|features)/', '^src/extension\\.ts$', VSCODE] },
    },
    {
      name: 'host-below-features',
      comment: 'host is the shared plumbing: it never reaches up into a feature, the CLI or activation.',
      severity: 'error',
      from: { path: '^src/host/' },
      to: { path: ['^src/features/', '^src/cli', '^src/extension\\.ts$'] },
    },
    {
      name: 'feature-imports-no-other-feature',
      comment: 'A feature imports host and the inner rings, never another feature: move what two share down to host/ or core/.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
    {
      name: 'features-not-cli-or-activation',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: ['^src/cli', '^src/extension\\.ts$'] },
    },
    // A webview client runs in the browser: its own client folder, its protocol, the shared client
    // helpers and pure core only (a client may sit one folder down: features/lookups/timeline/client/).
    clientRule('webview-client-is-dom-only', '([^/]+)', '$1'),
    clientRule('webview-client-in-a-subfolder-is-dom-only', '([^/]+)/([^/]+)', '$1/$2'),
    {
      name: 'shared-client-helpers-are-dom-only',
      severity: 'error',
      from: { path: CLIENT_HELPERS },
      to: { pathNot: CLIENT_HELPERS },
    },
    {
      name: 'protocol-is-shared-by-host-and-client',
      comment: 'A protocol module is compiled for the browser too: it imports nothing but core.',
      severity: 'error',
      from: { path: '^src/features/.+/protocol\\.ts$' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'vscode-only-in-the-vscode-ring',
      severity: 'error',
      from: { pathNot: ['^src/(host|features)/', '^src/extension\\.ts$', '^test/', '^tools/vscode/'] },
      to: { path: VSCODE },
    },
    {
      name: 'src-never-imports-tools-or-tests',
      comment: 'Tools and tests are never bundled into the extension or the CLI.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tools|test|bench)/' },
    },
    {
      name: 'tools-use-only-the-inner-rings',
      comment: 'Test tools may reuse core and the I/O rings, never the VS Code ring or the CLI.',
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: ['^src/(host|features|cli)/', '^src/(extension|cli)\\.ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'No module cycles.',
      severity: 'error',
      from: { path: '^(src|tools)/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No cycles between folders either (the first layout had commands ⇄ views ⇄ webview).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^dist/', '^test/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], mainFields: ['module', 'main', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
