import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { ensureBundle } from './tools/bundle';

const root = path.resolve(__dirname, '../../..');

/** What the .vsix may hold (paths inside `extension/`): the bundle, the webview client and assets, data, icons, docs. */
const ALLOWED: readonly RegExp[] = [
  /^package\.json$/,
  /^readme\.md$/,
  /^changelog\.md$/,
  /^LICENSE\.txt$/,
  /^dist\/extension\.js$/,
  /^dist\/(s3Sdk|ingestWorker|inflateWorker)\.js$/,
  /^dist\/athenaModule\.js$/,
  /^dist\/webview\/[\w.-]+\.(js|css|ttf)$/,
  /^dist\/data\/[\w.-]+\.json$/,
  /^media\/[\w./-]+\.(svg|png|css)$/,
];

const REQUIRED = [
  'package.json',
  'readme.md',
  'changelog.md',
  'LICENSE.txt',
  'dist/extension.js',
  // Loaded at run time by aws/s3Client.ts and archive/store/parserPool.ts: without them a trail bucket cannot open.
  'dist/s3Sdk.js',
  'dist/ingestWorker.js',
  // Loaded by archive/readAhead.ts when a folder of many small files opens (without it: read in the host's thread).
  'dist/inflateWorker.js',
  'dist/athenaModule.js',
  'dist/webview/eventDetails.js',
  'dist/webview/codicon.css',
  'dist/webview/codicon.ttf',
  'dist/data/apiDocs.json',
  'media/icons/cloudtrail.svg',
];

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err !== null) {
        reject(err);
        return;
      }
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => {
        resolve(names);
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('packaged .vsix', function () {
  this.timeout(180_000);
  let files: string[] = [];
  let tmp = '';

  before(async function () {
    // This suite builds what it packages: no other test's build, no earlier `npm run build` needed.
    ensureBundle();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-vsix-'));
    const out = path.join(tmp, 'test.vsix');
    // The same vsce invocation as `npm run package`, on the current build.
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const args = /vsce package (.*) --out/.exec(manifest.scripts.package)?.[1]?.split(' ') ?? [];
    assert.ok(args.includes('--no-dependencies'), 'the package script bundles dependencies instead of shipping node_modules');
    execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', ...args, '--out', out], { cwd: root, stdio: 'pipe' });
    files = (await zipEntries(out)).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
  });

  after(() => {
    if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds only what runs', () => {
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], `files that should not ship: ${unexpected.join(', ')}`);
  });

  it('holds everything the extension loads at run time', () => {
    assert.deepEqual(
      REQUIRED.filter((f) => !files.includes(f)),
      [],
    );
  });

  it('ships no sources, tests, tools, source maps, node_modules or the CLI', () => {
    const leaked = files.filter((f) => /^(src|test|tools|bench|node_modules|out|docs)\//.test(f) || f.endsWith('.map') || f === 'dist/cli.js');
    assert.deepEqual(leaked, []);
  });

  it('bundles the AWS SDK instead of shipping it as node_modules', () => {
    const bundle = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
    assert.match(bundle, /CloudTrail_20131101/, 'the CloudTrail client is inside the bundle');
    // The only @aws-sdk requires left are the SDK's optional SigV4a signers, loaded inside try/catch and unused by CloudTrail.
    const requires = [...bundle.matchAll(/require\(["'](@aws-sdk\/[^"']+)["']\)/g)].map((m) => m[1]);
    assert.deepEqual(
      [...new Set(requires)].filter((name) => !['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'].includes(name)),
      [],
      'no run-time require of @aws-sdk packages',
    );
  });

  it('keeps the Athena SDK out of the extension bundle, in the lazily loaded athenaModule.js', () => {
    const bundle = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
    const athena = fs.readFileSync(path.join(root, 'dist', 'athenaModule.js'), 'utf8');
    assert.doesNotMatch(bundle, /AmazonAthena/, 'the Athena client is not in dist/extension.js');
    assert.match(bundle, /athenaModule\.js/, 'the extension loads athenaModule.js at run time');
    assert.match(athena, /AmazonAthena/, 'the Athena client is in dist/athenaModule.js');
  });
});
