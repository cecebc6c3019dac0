import { closestMatch, FaninError } from '@fanin/core';
import { keepOutputDirectories, removeEmptyOutputDirectories } from '../io/output-directory.js';
import { Output, type TextStream } from '../output/output.js';
import { VERSION } from '../version.js';
import type { Command } from './command.js';
import { EXIT, errorLine, exitCodeOf, UsageError } from './errors.js';
import { commandHelp, generalHelp } from './help.js';
import { parseArguments } from './parse-arguments.js';
import { renamedCommandError } from './renamed-commands.js';

/** Where `runCli` reads and writes. */
export interface CliEnvironment {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  readonly cwd: string;
  /** Environment variables (FANIN_DEBUG=1 prints stacks of unexpected errors). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Stop on SIGINT (Ctrl-C) through an AbortSignal. Default true; tests running in-process turn it off. */
  readonly handleSignals?: boolean;
}

function wantsHelp(argv: readonly string[]): boolean {
  for (const token of argv) {
    if (token === '--') return false;
    if (token === '--help' || token === '-h') return true;
  }
  return false;
}

function findCommand(
  commands: readonly Command[],
  name: string,
  rest: readonly string[] = [],
): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (command) return command;
  const renamed = renamedCommandError(commands, name, rest);
  if (renamed) throw renamed;
  const suggestion = closestMatch(
    name,
    commands.map((candidate) => candidate.name),
  );
  throw new UsageError(
    `unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Commands: ${commands.map((candidate) => candidate.name).join(', ')}`,
    'See fanin --help',
  );
}

/** Whether an error is what an aborted run throws (fit, experiments and sweeps stop on the signal). */
function isAbort(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  if (
    error instanceof Error &&
    (error.name === 'AbortError' || error.name === 'ExperimentAbortedError')
  )
    return true;
  return error instanceof FaninError && /abort/i.test(error.code);
}

/**
 * Runs one `fanin` command line and resolves with its exit code: 0 success, 1 a run that
 * failed, 2 bad usage or input (one line on stderr, no stack), 130 stopped by Ctrl-C. The
 * first SIGINT aborts the command's signal (it stops at the next batch or trial and leaves
 * its files consistent); a second one exits at once.
 */
export async function runCli(
  commands: readonly Command[],
  argv: readonly string[],
  environment: CliEnvironment,
): Promise<number> {
  const code = await runCommandLine(commands, argv, environment);
  // A command that failed leaves no empty output directory it created (fanin-report/).
  if (code === EXIT.ok) keepOutputDirectories();
  else removeEmptyOutputDirectories();
  return code;
}

async function runCommandLine(
  commands: readonly Command[],
  argv: readonly string[],
  environment: CliEnvironment,
): Promise<number> {
  const { stdout, stderr } = environment;
  const debug = environment.env?.FANIN_DEBUG === '1';
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      stderr.write('\nfanin: stopping (Ctrl-C again to quit at once)\n');
      controller.abort();
    } else {
      process.exit(EXIT.interrupted);
    }
  };
  const handleSignals = environment.handleSignals ?? true;
  if (handleSignals) process.on('SIGINT', onSigint);
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      stdout.write(
        topic
          ? commandHelp(findCommand(commands, topic, ['--help']))
          : generalHelp(commands, VERSION),
      );
      return EXIT.ok;
    }
    if (first === '--version' || first === '-V') {
      stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (first.startsWith('-'))
      throw new UsageError(
        `"${first}" is not a command; put options after the command name`,
        'See fanin --help',
      );
    const command = findCommand(commands, first, rest);
    if (wantsHelp(rest)) {
      stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    const parsed = parseArguments(command, rest);
    const options = parsed.options as Record<string, unknown>;
    const output = new Output(stdout, stderr, {
      json: options.json === true,
      quiet: options.quiet === true,
    });
    try {
      const code = await command.run({
        options: parsed.options,
        given: parsed.given,
        positionals: parsed.positionals,
        output,
        signal: controller.signal,
        cwd: environment.cwd,
      });
      if (controller.signal.aborted) {
        stderr.write('fanin: interrupted\n');
        return EXIT.interrupted;
      }
      return code ?? EXIT.ok;
    } catch (error) {
      if (isAbort(error, controller.signal)) {
        stderr.write('fanin: interrupted\n');
        return EXIT.interrupted;
      }
      throw error;
    }
  } catch (error) {
    stderr.write(`${errorLine(error)}\n`);
    if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    return exitCodeOf(error);
  } finally {
    if (handleSignals) process.off('SIGINT', onSigint);
  }
}
