import { FaninError } from '@fanin/core';
import { FILE_SYSTEM_REASONS as REASONS } from '@fanin/search/node';

/** Whether `code` is a file-system condition of the machine (not a bug, not bad input). */
export function isFileSystemCode(code: unknown): code is string {
  return typeof code === 'string' && code in REASONS;
}

/**
 * The disk or the file system refused: full, read-only, no permission, an I/O error. Not a
 * bug in fanin and not bad usage: exit code 1, one line naming the path, what the system
 * said and how to get around it. What was being written is left whole or not at all (the
 * writers write to a temporary file and rename, the journal cuts a failed append back).
 */
export class FileSystemError extends FaninError {
  readonly errno: string;

  constructor(path: string | undefined, errno: string, hint?: string) {
    super(
      'FILE_SYSTEM',
      `cannot write${path ? ` ${path}` : ''}: ${REASONS[errno] ?? 'the file system refused'} (${errno})`,
      hint ??
        (errno === 'ENOSPC' || errno === 'EDQUOT'
          ? 'Free some space there, or write elsewhere, then run it again'
          : 'Make that path writable, or write elsewhere, then run it again'),
    );
    this.errno = errno;
  }
}

/**
 * The file-system condition behind an error, as a {@link FileSystemError}: a Node error
 * with an ENOSPC-like code (its path if it has one), or any error whose `cause` is one
 * (already worded errors such as search's JournalWriteError are kept as they are).
 * Undefined for anything else.
 */
export function fileSystemErrorOf(error: unknown): FaninError | undefined {
  if (error instanceof FileSystemError) return error;
  if (error instanceof FaninError) {
    const cause = (error as { cause?: unknown }).cause;
    return isFileSystemCode((cause as NodeJS.ErrnoException | undefined)?.code) ? error : undefined;
  }
  const system = error as NodeJS.ErrnoException | undefined;
  if (!system || !isFileSystemCode(system.code)) return undefined;
  return new FileSystemError(system.path, system.code);
}
