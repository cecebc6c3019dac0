import type { OptionsShape, ResolvedOptions } from '@fanin/core';
import type { Output } from '../output/output.js';

/**
 * A command-line option: a fanin option declaration (`option.*` from @fanin/core, the same
 * declarations that drive validation, JSON Schema and docs) plus an optional one-letter
 * `short` flag. Its long flag is the kebab-case of its name: `batchSize` → `--batch-size`.
 */
export type CommandOption = OptionsShape[string] & { readonly short?: string };

/** The options of a command, by camelCase name. */
export type CommandOptions = { readonly [name: string]: CommandOption };

/** A positional argument (`fanin report <journal>`). */
export interface Positional {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/** What a command's `run` receives. */
export interface CommandContext<S extends OptionsShape = OptionsShape> {
  /** Every option, validated, defaults filled in. */
  readonly options: ResolvedOptions<S>;
  /** The names of the options given on the command line (not defaulted). */
  readonly given: ReadonlySet<string>;
  /** Positional arguments by name. */
  readonly positionals: Readonly<Record<string, string | undefined>>;
  /** Where text, JSON, progress and warnings go. */
  readonly output: Output;
  /** Aborted on Ctrl-C (SIGINT): stop cleanly, leave files consistent. */
  readonly signal: AbortSignal;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * One `fanin` command, declared as data: the CLI parses its arguments from `options` and
 * `positionals`, prints `--help` from the same fields, and the docs site renders its CLI
 * reference from them. `run` returns the exit code (default 0).
 */
export interface Command<S extends OptionsShape = CommandOptions> {
  readonly name: string;
  /** One line, for `fanin --help` and tables. */
  readonly summary: string;
  /** A paragraph: what it does, what it writes, how it ends. */
  readonly description: string;
  readonly positionals: readonly Positional[];
  readonly options: S;
  readonly examples: readonly string[];
  run(context: CommandContext<S>): Promise<number | undefined>;
}

/** Declares a command (an identity function that keeps the option types). */
export function defineCommand<const S extends CommandOptions>(command: Command<S>): Command<S> {
  return command;
}

/** Adds a one-letter flag to an option declaration: `short(option.string({...}), 'o')` → `-o`. */
export function short<T extends OptionsShape[string]>(
  spec: T,
  letter: string,
): T & { short: string } {
  return { ...spec, short: letter };
}

/** The long flag of an option name: `batchSize` → `--batch-size`. */
export function flagOf(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
