// The tier guards, run for real: each case writes a tiny spec folder and runs it the way the tier
// runs (the unit and e2e mocha configs, the integration tier's programmatic runner, the desktop
// config's reporter), then reads the exit code and output.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../../..');
const mochaBin = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

interface Outcome { readonly code: number | null; readonly output: string }

/** Spec files by name → source. */
type Specs = Readonly<Record<string, string>>;

const PASSING: Specs = {
  'a.test.js': "describe('a', () => { it('one', () => {}); it('two', () => {}); });",
  'b.test.js': "describe('b', () => { it('three', () => {}); });",
};

describe('tier guards', function () {
  this.timeout(60_000);
  let tmp = '';
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'cti-guard-')); });
  afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

  function write(specs: Specs, floors: Readonly<Record<string, number>>): string[] {
    writeFileSync(path.join(tmp, 'floors.json'), JSON.stringify(floors));
    return Object.entries(specs).map(([name, source]) => {
      const file = path.join(tmp, name);
      writeFileSync(file, source);
      return file;
    });
  }

  function env(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = { ...process.env, CLOUDTRAIL_INVESTIGATOR_TIER_FLOORS: path.join(tmp, 'floors.json') };
    // This unit run may itself be under `npm test`.
    delete base.CLOUDTRAIL_INVESTIGATOR_FULL_TIERS;
    return { ...base, ...extra };
  }

  function outcome(result: ReturnType<typeof spawnSync>): Outcome {
    return { code: result.status, output: `${String(result.stdout)}${String(result.stderr)}` };
  }

  /**
   * Runs `files` under the tier's real mocha config, with its spec replaced by `files` and its
   * `require` list kept except the modules that start servers (the e2e environment).
   */
  function runConfig(config: string, files: readonly string[], args: readonly string[] = [], extraEnv: Readonly<Record<string, string>> = {}): Outcome {
    const options = JSON.parse(readFileSync(path.join(root, config), 'utf8')) as Record<string, unknown>;
    const requires = (options.require as string[] | undefined ?? []).filter((r) => !r.endsWith('hooks.js')).map((r) => path.join(root, r));
    const copy = path.join(tmp, '.mocharc.json');
    writeFileSync(copy, JSON.stringify({ ...options, spec: files, ...(requires.length > 0 ? { require: requires } : {}) }));
    return outcome(spawnSync(process.execPath, [mochaBin, '--config', copy, ...args], { cwd: tmp, env: env(extraEnv), encoding: 'utf8' }));
  }

  /** The integration tier's runner (test/integration/index.ts calls runGuardedTier). */
  function runIntegration(files: readonly string[], grep = '', extraEnv: Readonly<Record<string, string>> = {}): Outcome {
    const script = `require(${JSON.stringify(path.join(root, 'out/tools/vscode/tierGuard.js'))})
      .runGuardedTier({ tier: 'integration', files: ${JSON.stringify(files)}, grep: ${JSON.stringify(grep)}, mocha: { ui: 'bdd', color: false } })
      .then(() => process.exit(0), (err) => { console.error(String(err && err.message)); process.exit(1); });`;
    return outcome(spawnSync(process.execPath, ['-e', script], { cwd: tmp, env: env(extraEnv), encoding: 'utf8' }));
  }

  /** The desktop runner's mocha options from .vscode-test.mjs, run by the mocha CLI. */
  async function runDesktopConfig(files: readonly string[], args: readonly string[] = []): Promise<Outcome> {
    const config = (await import(pathToFileURL(path.join(root, '.vscode-test.mjs')).href)) as { default: { label: string; mocha: Record<string, unknown> } };
    // test-cli hands `reporterOptions` to new Mocha(); the CLI spells it as k=v pairs.
    const { reporterOptions, ...mocha } = config.default.mocha;
    const pairs = Object.entries(reporterOptions as Record<string, string>).map(([k, v]) => `${k}=${v}`);
    const copy = path.join(tmp, '.mocharc.json');
    writeFileSync(copy, JSON.stringify({ ...mocha, 'reporter-option': pairs, spec: files }));
    return outcome(spawnSync(process.execPath, [mochaBin, '--config', copy, ...args], { cwd: tmp, env: env(), encoding: 'utf8' }));
  }

  for (const [tier, config] of [['unit', '.mocharc.json'], ['e2e', 'test/e2e/.mocharc.json']] as const) {
    describe(`${tier} tier (${config})`, () => {
      it('passes a run that meets the floor (the control for the cases below)', () => {
        const result = runConfig(config, write(PASSING, { [tier]: 3 }));
        assert.equal(result.code, 0, result.output);
        assert.match(result.output, /3 passing/);
      });

      it('fails on a planted it.only, though every test that ran passed', () => {
        const files = write({ ...PASSING, 'only.test.js': "describe('c', () => { it.only('focused', () => {}); });" }, { [tier]: 1 });
        const result = runConfig(config, files);
        assert.notEqual(result.code, 0, result.output);
        assert.match(result.output, /`\.only` forbidden/);
      });

      it('fails on a pending test', () => {
        const result = runConfig(config, write({ ...PASSING, 'skip.test.js': "describe('c', () => { it.skip('later', () => {}); });" }, { [tier]: 1 }));
        assert.notEqual(result.code, 0, result.output);
        assert.match(result.output, /[Pp]ending test forbidden/);
      });

      it('fails when a grep selects zero tests', () => {
        const result = runConfig(config, write(PASSING, { [tier]: 1 }), ['--grep', 'matches nothing at all']);
        assert.notEqual(result.code, 0, result.output);
        assert.match(result.output, /0 passing/);
      });

      it('fails a full run below the floor and names the floors file', () => {
        const result = runConfig(config, write(PASSING, { [tier]: 4 }));
        assert.notEqual(result.code, 0, result.output);
        assert.match(result.output, new RegExp(`the ${tier} tier ran 3 tests, fewer than its floor of 4 in .*floors\\.json`));
      });

      it('lets a grep narrow the run below the floor, except under npm test', () => {
        const files = write(PASSING, { [tier]: 3 });
        const narrowed = runConfig(config, files, ['--grep', 'three']);
        assert.equal(narrowed.code, 0, narrowed.output);
        assert.match(narrowed.output, /1 passing/);
        const underNpmTest = runConfig(config, files, ['--grep', 'three'], { CLOUDTRAIL_INVESTIGATOR_FULL_TIERS: '1' });
        assert.notEqual(underNpmTest.code, 0, underNpmTest.output);
        assert.match(underNpmTest.output, /ran 1 tests, fewer than its floor of 3 .*a grep narrowed it/);
      });
    });
  }

  describe('integration tier (runGuardedTier, as test/integration/index.ts runs it)', () => {
    it('passes a run that meets the floor', () => {
      const result = runIntegration(write(PASSING, { integration: 3 }));
      assert.equal(result.code, 0, result.output);
    });

    it('fails on a planted it.only', () => {
      const result = runIntegration(write({ ...PASSING, 'only.test.js': "it.only('focused', () => {});" }, { integration: 1 }));
      assert.notEqual(result.code, 0, result.output);
      assert.match(result.output, /`\.only` forbidden/);
    });

    it('fails when CLOUDTRAIL_INVESTIGATOR_TEST_GREP selects zero tests', () => {
      const result = runIntegration(write(PASSING, { integration: 1 }), 'matches nothing at all');
      assert.notEqual(result.code, 0, result.output);
    });

    it('fails a full run below the floor', () => {
      const result = runIntegration(write(PASSING, { integration: 10 }));
      assert.notEqual(result.code, 0, result.output);
      assert.match(result.output, /the integration tier ran 3 tests, fewer than its floor of 10/);
    });
  });

  describe('desktop integration config (.vscode-test.mjs)', () => {
    it('passes a run that meets the floor', async () => {
      const result = await runDesktopConfig(write(PASSING, { integration: 3 }));
      assert.equal(result.code, 0, result.output);
    });

    it('fails on a planted it.only, a zero-test grep and a run below the floor', async () => {
      const only = await runDesktopConfig(write({ ...PASSING, 'only.test.js': "it.only('focused', () => {});" }, { integration: 1 }));
      assert.notEqual(only.code, 0, only.output);
      assert.match(only.output, /`\.only` forbidden/);
      const none = await runDesktopConfig(write(PASSING, { integration: 1 }), ['--grep', 'matches nothing at all']);
      assert.notEqual(none.code, 0, none.output);
      const few = await runDesktopConfig(write(PASSING, { integration: 10 }));
      assert.notEqual(few.code, 0, few.output);
      assert.match(few.output, /fewer than its floor of 10/);
    });
  });
});
