// Writes the hostile fixtures: a trail archive and a Terraform workspace whose every string field
// carries something a VS Code surface could interpret (see payloads.ts). Deterministic: the same
// listener URL gives byte-identical files, so the checked-in copy (test/fixtures/hostile, made with
// the placeholder listener and short long-strings) is checked against this generator by a unit test.
//
//   node out/tools/hostile/generate.js <outDir> [listenerUrl] [--small]
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { FORBIDDEN_COMMAND, LONG_LENGTH, PLACEHOLDER_LISTENER, hostileStrings } from './payloads';
import { hostileRecords } from './records';
import { hostileTerraformFiles } from './terraformWorkspace';

/** Options of {@link writeHostileFixtures}. */
export interface HostileFixtureOptions {
  /** Base URL that image and link payloads point at (the e2e listener). */
  readonly listener?: string;
  /** Cap the 100 KB strings at this many characters (the checked-in copy uses 4096). */
  readonly longLength?: number;
}

/** Relative path of the one trail file of the archive. */
export const TRAIL_FILE = 'trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T0310Z_Hostile000000001.json.gz';

/** The strings with long ones cut to `longLength`. */
export function fixtureStrings(options: HostileFixtureOptions = {}): Readonly<Record<string, string>> {
  const max = options.longLength ?? LONG_LENGTH;
  return Object.fromEntries(Object.entries(hostileStrings(options.listener ?? PLACEHOLDER_LISTENER)).map(([k, v]) => [k, v.slice(0, max)]));
}

/** Every file of the fixtures: relative path → content, and which are executable. */
export function hostileFixtureFiles(options: HostileFixtureOptions = {}): { files: Map<string, Buffer>; executables: Set<string> } {
  const strings = fixtureStrings(options);
  const listener = options.listener ?? PLACEHOLDER_LISTENER;
  const files = new Map<string, Buffer>();
  files.set('strings.json', Buffer.from(`${JSON.stringify(strings, null, 2)}\n`));
  files.set(TRAIL_FILE, gzipSync(Buffer.from(JSON.stringify({ Records: hostileRecords(strings) })), { level: 9 }));
  const terraform = hostileTerraformFiles(strings, listener);
  for (const [name, content] of terraform.files) files.set(`terraform/${name}`, Buffer.from(content));
  const executables = new Set([...terraform.executables].map((name) => `terraform/${name}`));
  files.set('README.md', Buffer.from(readme(listener)));
  return { files, executables };
}

function readme(listener: string): string {
  return [
    '# Hostile fixtures (generated — do not edit)',
    '',
    'Made by `tools/hostile/generate.ts`; `test/unit/tools/hostileFixtures.test.ts` checks this copy matches it.',
    `Image and link payloads point at \`${listener}\`; \`${FORBIDDEN_COMMAND}\` is the command that must never run.`,
    '',
    '- `strings.json`: every hostile string by name (long ones cut short here; the generator makes 100 KB).',
    '- `trail/`: one S3-layout trail file whose records carry the strings in every string field.',
    '- `terraform/`: a workspace with hostile `.tf`, state, a remote-backend pointer to the listener,',
    '  workspace settings that pick a profile, regions and an endpoint, and `terraform` binaries that must never run',
    '  (they write `RAN-*` marker files next to themselves).',
    '',
  ].join('\n');
}

/** Writes the fixtures under `outDir`. */
export function writeHostileFixtures(outDir: string, options: HostileFixtureOptions = {}): string[] {
  const { files, executables } = hostileFixtureFiles(options);
  for (const [name, content] of files) {
    const target = path.join(outDir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    if (executables.has(name)) chmodSync(target, 0o755);
  }
  return [...files.keys()];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const [outDir, listener] = args;
  if (args.length === 0 || outDir === '') {
    process.stderr.write('usage: generate.js <outDir> [listenerUrl] [--small]\n');
    process.exit(2);
  }
  const small = args.includes('--small');
  const url = args.length > 1 && listener !== '--small' ? listener : undefined;
  const written = writeHostileFixtures(outDir, { ...(url !== undefined ? { listener: url } : {}), ...(small ? { longLength: 4096 } : {}) });
  process.stdout.write(`${written.length} files written to ${outDir}\n`);
}
