import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OutputPathError } from '../cli/errors.js';
import { FileSystemError, isFileSystemCode } from './file-system-error.js';

/** Directories this process created for output, deepest last: removed again if a run leaves them empty. */
const created: string[] = [];

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return (error as Error).message;
  }
}

/** Creates `absolute` and its missing parents, remembering each one it made, with the true error if one cannot be. */
function makeDirectory(absolute: string): void {
  const missing: string[] = [];
  for (let at = absolute; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  // One level at a time: a recursive mkdir on a read-only mount says ENOENT, a plain one EROFS.
  for (const directory of missing) {
    try {
      mkdirSync(directory);
    } catch (error) {
      // Another process made it meanwhile (two sweeps starting at once): that is fine.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(directory).isDirectory())
        continue;
      throw error;
    }
    created.push(directory);
  }
}

/**
 * Makes sure `directory` exists (creating it) and can be written to, before any work starts,
 * so a long run never fails at its very end. Returns the absolute path. A path that cannot
 * be a directory is bad usage (exit 2, the hint names `flag`); a disk that refuses (read-only,
 * full, no permission) is a {@link FileSystemError} (exit 1). Directories it creates are
 * removed again by {@link removeEmptyOutputDirectories} if the command fails and leaves them empty.
 */
export function prepareOutputDirectory(directory: string, cwd: string, flag = '--out'): string {
  const absolute = resolve(cwd, directory);
  try {
    if (existsSync(absolute) && !statSync(absolute).isDirectory())
      throw new OutputPathError(directory, 'it is a file, not a directory', flag);
    makeDirectory(absolute);
    accessSync(absolute, constants.W_OK);
    // access() says yes to root on a read-only mount; a real write settles it.
    const probe = join(absolute, `.fanin-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    if (error instanceof OutputPathError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (isFileSystemCode(code))
      throw new FileSystemError(
        directory,
        code,
        code === 'ENOSPC' || code === 'EDQUOT'
          ? `Free some space there, or choose another directory with ${flag}`
          : `Choose a writable directory with ${flag}`,
      );
    throw new OutputPathError(directory, reasonOf(error), flag);
  }
  return absolute;
}

/** Checks that the directory a file goes into is writable (creating it); returns the absolute file path. */
export function prepareOutputFile(file: string, cwd: string, flag = '--out'): string {
  const absolute = resolve(cwd, file);
  if (existsSync(absolute) && statSync(absolute).isDirectory())
    throw new OutputPathError(file, 'it is a directory; give a file name', flag);
  prepareOutputDirectory(resolve(absolute, '..'), cwd, flag);
  return absolute;
}

/**
 * Removes the output directories this process created that are still empty (deepest
 * first): a command that stopped on an error leaves no empty `fanin-report/` behind.
 * Directories that hold anything are kept.
 */
export function removeEmptyOutputDirectories(): void {
  while (created.length > 0) {
    const directory = created.pop()!;
    try {
      if (readdirSync(directory).length === 0) rmdirSync(directory);
    } catch {
      // Gone already, or not ours to judge: leave it.
    }
  }
}

/** Forgets the directories created so far (the command succeeded: they stay, empty or not). */
export function keepOutputDirectories(): void {
  created.length = 0;
}
