import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigFileError } from '../cli/errors.js';

/** How a config file is named in messages: as the user wrote it, relative to the working directory. */
export function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, resolve(cwd, file));
  return shown === '' || shown.startsWith('..') ? resolve(cwd, file) : shown;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Reads and parses a JSON config file. Every failure is a {@link ConfigFileError} naming the
 * file: missing, a directory, unreadable, empty, or malformed JSON (with line and column).
 */
export function readJsonFile(
  file: string,
  cwd: string,
): { path: string; shown: string; value: unknown } {
  const path = resolve(cwd, file);
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    if (statSync(path).isDirectory())
      throw new ConfigFileError(shown, 'is a directory, not a JSON file');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigFileError(shown, 'no such file');
    if (code === 'EACCES') throw new ConfigFileError(shown, 'permission denied');
    throw new ConfigFileError(shown, `cannot be read (${(error as Error).message})`);
  }
  if (text.trim() === '') throw new ConfigFileError(shown, 'is empty; expected a JSON object');
  try {
    return { path, shown, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s+/g, ' ');
    throw new ConfigFileError(
      shown,
      `invalid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${reason}`,
    );
  }
}
