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
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
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
// Sweeps, for other executors (`fanin sweep --redis`, `fanin worker`): the sweep file, the
// objective every trial runs, and the stages on a storage.
export { applyParams, type ModelJson, paramTarget } from './sweep/apply-params.js';
export { type ObjectiveSpec, runTrial, sweepObjective } from './sweep/objective.js';
export { type RunSweepOptions, runSweep, type SweepOutcome } from './sweep/run-sweep.js';
export { readSweepFile, type Stage, type SweepSpec, trialDocument } from './sweep/sweep-file.js';
export { VERSION } from './version.js';
