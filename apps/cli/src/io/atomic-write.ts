import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes a file atomically: the bytes go to a temporary file in the same directory, which is
 * then renamed over the target. A reader (or a run stopped by Ctrl-C) sees the old file or
 * the new one, never half of one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  const temporary = join(directory, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
