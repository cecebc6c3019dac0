/**
 * The `fanin` executable (dist/bin.js, with a `#!/usr/bin/env node` banner added by tsup):
 * runs the command line and sets the exit code.
 */
import { runCli } from './cli/run-cli.js';
import { commands } from './commands/index.js';

process.exitCode = await runCli(commands, process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
