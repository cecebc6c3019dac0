#!/usr/bin/env node
/**
 * The `fanin` executable (dist/bin.js; esbuild keeps the #! line of an entry): runs the
 * command line and sets the exit code. `--version` answers before the commands (and
 * TensorFlow.js) are loaded.
 */
import { VERSION } from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const [{ runCli }, { commands }] = await Promise.all([
    import('./cli/run-cli.js'),
    import('./commands/index.js'),
  ]);
  process.exitCode = await runCli(commands, argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
}
