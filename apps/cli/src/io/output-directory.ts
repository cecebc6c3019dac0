import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { OutputPathError } from '../cli/errors.js';

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return (error as Error).message;
  }
}

/**
 * Makes sure `directory` exists (creating it) and can be written to, before any work starts,
 * so a long run never fails at its very end. Returns the absolute path.
 */
export function prepareOutputDirectory(directory: string, cwd: string): string {
  const absolute = resolve(cwd, directory);
  try {
    if (existsSync(absolute) && !statSync(absolute).isDirectory())
      throw new OutputPathError(directory, 'it is a file, not a directory');
    mkdirSync(absolute, { recursive: true });
    accessSync(absolute, constants.W_OK);
    // access() says yes to root on a read-only mount; a real write settles it.
    const probe = join(absolute, `.fanin-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    if (error instanceof OutputPathError) throw error;
    throw new OutputPathError(directory, reasonOf(error));
  }
  return absolute;
}

/** Checks that the directory a file goes into is writable (creating it); returns the absolute file path. */
export function prepareOutputFile(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  if (existsSync(absolute) && statSync(absolute).isDirectory())
    throw new OutputPathError(file, 'it is a directory; give a file name');
  prepareOutputDirectory(resolve(absolute, '..'), cwd);
  return absolute;
}
