/**
 * @fanin/cli: the `fanin` command. This file is the package's table of contents: the command
 * table as data (names, summaries, options with types, defaults and descriptions, examples),
 * which the docs site renders as its CLI reference, and `runCli` to run a command line.
 */
export type { Command, CommandContext, CommandOption, Positional } from './cli/command.js';
export { defineCommand, flagOf, short } from './cli/command.js';
export {
  ConfigFileError,
  EXIT,
  OutputPathError,
  RunFailedError,
  UsageError,
} from './cli/errors.js';
export { commandHelp, generalHelp } from './cli/help.js';
export { parseArguments } from './cli/parse-arguments.js';
export { type CliEnvironment, runCli } from './cli/run-cli.js';
export { commands } from './commands/index.js';
export { cliPlugins, cliRegistry } from './registry.js';
export { checkJsonSchema, type SchemaProblem } from './schemas/json-schema-check.js';
export {
  generateSchemas,
  modelFileSchema,
  schemaText,
  sweepFileSchema,
  trainingJsonSchema,
} from './schemas/config-schemas.js';
export { VERSION } from './version.js';
