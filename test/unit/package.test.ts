import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** What the .vsix may hold: the bundle, the webview client and assets, run-time data, icons, docs. */
const ALLOWED: readonly RegExp[] = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/extension\.js$/,
  /^dist\/webview\/[\w.-]+\.(js|css|ttf)$/,
  /^dist\/data\/[\w.-]+\.json$/,
  /^media\/[\w./-]+\.(svg|png|css)$/,
];

const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/extension.js',
  'dist/webview/eventDetails.js',
  'dist/webview/codicon.css',
  'dist/webview/codicon.ttf',
  'dist/data/apiDocs.json',
  'media/icons/cloudtrail.svg',
];

describe('packaged .vsix contents', function () {
  this.timeout(120_000);
  let files: string[] = [];

  before(function () {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension.js')), 'build first (npm run build): dist/extension.js is missing');
    // `vsce ls` lists exactly the files `vsce package` would put in the .vsix.
    const out = execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
    });
    files = out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  });

  it('holds only what runs', () => {
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], `files that should not ship: ${unexpected.join(', ')}`);
  });

  it('holds everything the extension loads at run time', () => {
    const missing = REQUIRED.filter((f) => !files.includes(f));
    assert.deepEqual(missing, []);
  });

  it('ships no sources, tests, tools, source maps, node_modules or the CLI', () => {
    const leaked = files.filter((f) => /^(src|test|tools|bench|node_modules|out)\//.test(f) || f.endsWith('.map') || f === 'dist/cli.js');
    assert.deepEqual(leaked, []);
  });

  it('bundles the AWS SDK instead of shipping it as node_modules', () => {
    const bundle = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
    assert.match(bundle, /CloudTrail_20131101/, 'the CloudTrail client is inside the bundle');
    // The only @aws-sdk requires left are the SDK's optional SigV4a signers, loaded inside try/catch and unused by CloudTrail.
    const requires = [...bundle.matchAll(/require\(["'](@aws-sdk\/[^"']+)["']\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(requires)].filter((name) => !['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'].includes(name)), [], 'no run-time require of @aws-sdk packages');
  });
});
