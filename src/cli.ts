/**
 * Headless entry (`node dist/cli.js <command>`): how scripts, benchmarks and outside checks drive
 * the core and the AWS engine without VS Code.
 */
function main(argv: readonly string[]): number {
  const [command] = argv;
  switch (command) {
    default:
      process.stderr.write(`usage: cli <command> …\n`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
