import { FaninError } from '@fanin/core';
import { fileSystemErrorOf } from '../io/file-system-error.js';

/**
 * A command line the CLI cannot run: an unknown command or option, a bad option value, a
 * missing argument. Exit code 2, one line on stderr.
 */
export class UsageError extends FaninError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, hint);
    // A message that ends a sentence itself ("... Did you mean "--epochs"?") takes the hint after a space, not ". ".
    if (hint && /[.?!]$/.test(message)) this.message = `${message} ${hint}`;
  }
}

/**
 * A config file that cannot be used: missing, unreadable, malformed JSON or against its
 * schema. The message starts with the file, then the path inside it:
 * `model.json: layers[2].activation: unknown activation "rellu". Did you mean "relu"?`.
 */
export class ConfigFileError extends FaninError {
  readonly file: string;

  constructor(file: string, message: string, hint?: string) {
    super('INVALID_CONFIG_FILE', `${file}: ${message}`, hint);
    this.file = file;
  }
}

/**
 * An output path that cannot be one (a file where a directory should be): exit code 2,
 * before any work starts. The hint names the option that sets it (`--out`, `--runs`).
 */
export class OutputPathError extends FaninError {
  constructor(path: string, reason: string, flag = '--out') {
    super(
      'OUTPUT_NOT_WRITABLE',
      `cannot write to ${path}: ${reason}`,
      `Choose another path with ${flag}`,
    );
  }
}

/**
 * A run that went through but did not succeed (a sanity check failed, a benchmark broke):
 * exit code 1.
 */
export class RunFailedError extends FaninError {
  constructor(message: string, hint?: string) {
    super('RUN_FAILED', message, hint);
  }
}

/** The exit codes of `fanin`. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** A run that failed (a failed check, an unexpected error). */
  failed: 1,
  /** Bad usage or bad input: nothing was run. */
  usage: 2,
  /** Stopped by Ctrl-C (SIGINT), after leaving journals and outputs consistent: 128 + 2. */
  interrupted: 130,
} as const;

/** The exit code for an error thrown by a command (the disk refusing is 1: a run that failed). */
export function exitCodeOf(error: unknown): number {
  if (error instanceof RunFailedError) return EXIT.failed;
  if (fileSystemErrorOf(error)) return EXIT.failed;
  if (error instanceof FaninError) return EXIT.usage;
  return EXIT.failed;
}

/**
 * The one line printed on stderr for an error: `fanin: <message>` for fanin's own errors
 * (never a stack), the message and a request to report it for anything unexpected.
 */
export function errorLine(error: unknown): string {
  const shown = fileSystemErrorOf(error) ?? error;
  if (shown instanceof FaninError) {
    const message = oneLine(shown.message);
    return message.startsWith('fanin ') ? message : `fanin: ${message}`;
  }
  const message = shown instanceof Error ? `${shown.name}: ${shown.message}` : String(shown);
  return `fanin: unexpected error: ${oneLine(message)} (this is a bug in fanin; please report it at https://github.com/fanin-dev/fanin/issues with the command you ran; set FANIN_DEBUG=1 to see the stack)`;
}

/** Collapses whitespace runs (including newlines) so a message stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
