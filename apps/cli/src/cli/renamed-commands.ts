import type { Command } from './command.js';
import { UsageError } from './errors.js';

/**
 * Commands renamed while fanin is 0.x, old name to new. An old name neither runs the new
 * command silently nor reads as a typo: it exits 2 with one line naming the new command and the
 * same arguments under it. `fanin study` became `fanin experiments` when the experiments of
 * `@fanin/experiments` stopped sharing their name with a search study (`--study NAME`).
 */
export const RENAMED_COMMANDS: Readonly<Record<string, string>> = {
  study: 'experiments',
};

/**
 * The error for a renamed command, when `name` is one and its new name is a command:
 * `fanin study was renamed to fanin experiments (0.x rename); run: fanin experiments --full`.
 */
export function renamedCommandError(
  commands: readonly Command[],
  name: string,
  rest: readonly string[],
): UsageError | undefined {
  const renamed = Object.hasOwn(RENAMED_COMMANDS, name) ? RENAMED_COMMANDS[name] : undefined;
  if (renamed === undefined || !commands.some((command) => command.name === renamed))
    return undefined;
  return new UsageError(
    `fanin ${name} was renamed to fanin ${renamed} (0.x rename); run: ${['fanin', renamed, ...rest].join(' ')}`,
  );
}
