/**
 * Headless entry (`node dist/cli.js <command> …`): how scripts, benchmarks and outside checks drive
 * the core and the AWS engine without VS Code. Each command lives in its own file under `cli/`;
 * add one by adding one line to {@link COMMANDS}. Test tools (the local CloudTrail endpoint:
 * `npm run serve-local`) are never part of it.
 */
import { archiveQueryCommand } from './cli/archiveQuery';
import { exportEvidenceCommand } from './cli/exportEvidenceCommand';
import { lookupCommand } from './cli/lookup';
import { parseCommand } from './cli/parse';
import { validateDigestsCommand } from './cli/validateDigestsCommand';

/** A command: receives the arguments after its name, resolves with the process exit code. */
type CommandHandler = (args: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Partial<Record<string, CommandHandler>>> = {
  lookup: lookupCommand,
  parse: parseCommand,
  'archive-query': archiveQueryCommand,
  'validate-digests': validateDigestsCommand,
  'export-evidence': (args) => exportEvidenceCommand(args),
};

async function main(argv: readonly string[]): Promise<number> {
  const name = argv.at(0) ?? '';
  const args = argv.slice(1);
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (handler === undefined) {
    process.stderr.write(`usage: cli <command> …\ncommands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return await handler(args);
  } catch (err) {
    // Commands report expected problems themselves; this is the last resort for bugs.
    process.stderr.write(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
